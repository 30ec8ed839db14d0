package dev.openprofile.campaigns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.events.EventService;
import dev.openprofile.events.ProfileEvent;
import dev.openprofile.jobs.Job;
import dev.openprofile.jobs.JobHandler;
import dev.openprofile.jobs.JobQueue;
import dev.openprofile.jobs.JobWorkers;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.metrics.Metric;
import dev.openprofile.outbox.Outbox;
import dev.openprofile.outbox.OutboxMessage;
import dev.openprofile.resource.ResourceRow;
import dev.openprofile.resource.ResourceService;
import dev.openprofile.store.Jdbc;
import dev.openprofile.templates.MessageTags;
import dev.openprofile.templates.TemplateRenderer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Campaign sending, emulated: send_campaign accepts a durable job; the job resolves the audience once
 * ({@link CampaignAudience#snapshot}), then renders the message per recipient chunk by chunk and records, in each
 * chunk's one transaction, a {@code Received Email} (SMS, Push) event on every recipient, the rendered message in
 * the outbox, the webhook deliveries of the message topic and the chunk's progress: a crash repeats no recipient.
 * The event's unique id is the message id, so no profile receives one message twice, a resend after a revert
 * included. cancel_campaign_send stops the job before its next chunk.
 */
final class CampaignSender implements JobHandler {
    static final String KIND = "campaign-send";
    static final String TABLE = "campaign_send";
    private static final int CHUNK = 500;
    private static final Logger log = LoggerFactory.getLogger(CampaignSender.class);

    private final Jdbc jdbc;
    private final Clock clock;
    private final Supplier<String> ids;
    private final ResourceService campaigns;
    private final ResourceService messages;
    private final Campaigns.Sending deps;

    CampaignSender(Jdbc jdbc, Clock clock, Supplier<String> ids, ResourceService campaigns, ResourceService messages,
                   Campaigns.Sending deps) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.ids = ids;
        this.campaigns = campaigns;
        this.messages = messages;
        this.deps = deps;
    }

    /** send_campaign: a draft whose messages can be rendered is queued (or scheduled); the job's status answers. */
    String send(String accountId, String campaignId) {
        String status = jdbc.inTransaction(c -> {
            String current = CampaignStore.lockStatus(c, accountId, campaignId);
            if (current == null) throw notFound(campaignId);
            if (!CampaignStatus.isDraft(current)) {
                throw ApiError.invalidPointer("/data/id", "The campaign is in status '" + current + "'; only a draft campaign can be sent.");
            }
            ResourceRow campaign = campaigns.find(c, accountId, campaignId).orElseThrow();
            for (ResourceRow m : CampaignStore.messages(c, messages, accountId, campaignId)) compile(c, accountId, m);
            OffsetDateTime now = now();
            SendStrategy strategy = SendStrategy.of(campaign.attributes().get("send_strategy"), now);
            String jobId = ids.get();
            CampaignSendStore.replace(c, TABLE, accountId, campaignId, jobId);
            JobQueue.enqueue(c, accountId, jobId, KIND, now, strategy.at());
            CampaignSendStore.schedule(c, accountId, campaignId,
                    strategy.scheduled() ? CampaignStatus.SCHEDULED : CampaignStatus.PREPARING, strategy.at(), now);
            return Job.QUEUED;
        });
        deps.wakeWorkers().run();
        return status;
    }

    /** get_campaign_send_job: the status of the campaign's send job. */
    String status(String accountId, String campaignId) {
        return jdbc.read(c -> CampaignSendStore.jobStatus(c, TABLE, accountId, campaignId))
                .orElseThrow(() -> noJob(campaignId));
    }

    /**
     * cancel_campaign_send: {@code cancel} makes the campaign Cancelled for good, {@code revert} a draft again (its
     * recipients so far keep what they received). Only a job that has not finished can be stopped (400 otherwise).
     */
    void cancel(String accountId, String campaignId, String action) {
        jdbc.inTransaction(c -> {
            // The job row first, then the campaign's: the order a running chunk takes them in.
            String jobId = CampaignSendStore.jobId(c, TABLE, accountId, campaignId)
                    .orElseThrow(() -> noJob(campaignId));
            OffsetDateTime now = now();
            if (!JobQueue.cancel(c, accountId, jobId, now, JobWorkers.RETENTION)) {
                throw ApiError.invalidPointer("/data/id", "The campaign's send job has finished; only a queued or sending campaign"
                        + " can be cancelled or reverted.");
            }
            CampaignStore.lockStatus(c, accountId, campaignId);
            if (action.equals("revert")) CampaignSendStore.schedule(c, accountId, campaignId, CampaignStatus.DRAFT, null, now);
            else CampaignSendStore.status(c, accountId, campaignId, CampaignStatus.CANCELLED, null, now);
            return null;
        });
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public boolean processChunk(Connection c, Job job) throws SQLException {
        var found = CampaignSendStore.lockSend(c, job.accountId(), job.id());
        if (found.isEmpty()) return true; // the campaign was deleted
        CampaignSendStore.Send send = found.get();
        String accountId = job.accountId();
        ResourceRow campaign = campaigns.find(c, accountId, send.campaignId()).orElse(null);
        if (campaign == null) return true;
        String channel = campaign.attributes().get("channel").asText();
        OffsetDateTime now = now();
        if (!send.resolved()) {
            // The audience as it is when the send starts (segments brought up to date first, in their own
            // transaction); this chunk's own transaction, so a crash does not resolve it twice.
            deps.segments().catchUp(accountId);
            int total = CampaignAudience.snapshot(c, accountId, send.campaignId(),
                    CampaignInput.audience(campaign.attributes().get("audiences")), channel);
            CampaignSendStore.resolved(c, accountId, send.campaignId(), total);
            CampaignSendStore.status(c, accountId, send.campaignId(),
                    total == 0 ? CampaignStatus.NO_RECIPIENTS : CampaignStatus.SENDING, null, now);
            return total == 0;
        }
        Map<ResourceRow, MessageRender> renders = new LinkedHashMap<>();
        try {
            for (ResourceRow m : CampaignStore.messages(c, messages, accountId, send.campaignId())) renders.put(m, compile(c, accountId, m));
        } catch (ApiError e) {
            // Sendable when accepted, no longer (its template was deleted or edited since): Klaviyo's status for it.
            log.warn("campaign {}: stopped, its message can no longer be sent: {}", send.campaignId(), e.detail());
            CampaignSendStore.status(c, accountId, send.campaignId(), CampaignStatus.MISCONFIGURED, null, now);
            return true;
        }
        int end = Math.min(send.total(), send.nextSeq() + CHUNK);
        List<Recipient> recipients = recipients(c, accountId, send.campaignId(), channel, send.nextSeq(), end);
        for (var m : renders.entrySet()) sendMessage(c, accountId, campaign, m.getKey(), m.getValue(), channel, recipients, now);
        CampaignSendStore.advance(c, accountId, send.campaignId(), end);
        if (end < send.total()) return false;
        CampaignSendStore.status(c, accountId, send.campaignId(), CampaignStatus.SENT, now, now);
        return true;
    }

    private void sendMessage(Connection c, String accountId, ResourceRow campaign, ResourceRow message, MessageRender render,
                             String channel, List<Recipient> recipients, OffsetDateTime now) throws SQLException {
        String name = campaign.attributes().get("name").asText();
        List<EventService.Recorded> events = new ArrayList<>();
        Map<String, OutboxMessage> rendered = new LinkedHashMap<>();
        for (Recipient r : recipients) {
            OutboxMessage m;
            String token = linkToken();
            try {
                m = render.render(accountId, campaign.id(), message.id(), r.profileId(), r.address(), r.context(), tags(token, now),
                        token, now);
            } catch (TemplateRenderer.TemplateError e) {
                // The template parsed when the send was accepted; only this recipient's values break it (a bound).
                log.warn("campaign {}: message {} not rendered for profile {}: {}", campaign.id(), message.id(), r.profileId(), e.getMessage());
                continue;
            }
            rendered.put(r.profileId(), m);
            events.add(new EventService.Recorded(r.profileId(), new ProfileEvent(metric(channel), Metric.KLAVIYO, now, message.id(),
                    properties(message.id(), name, m))));
        }
        Set<String> stored = deps.events().recordAllLocked(c, accountId, metric(channel), Metric.KLAVIYO, events);
        List<OutboxMessage> sent = new ArrayList<>();
        List<Campaigns.SentMessage> topics = new ArrayList<>();
        for (var e : events) {
            if (!stored.contains(e.profileId())) continue; // received this message before (a resend after a revert)
            sent.add(rendered.get(e.profileId()));
            topics.add(new Campaigns.SentMessage(e.profileId(), textProperties(e.event().properties())));
        }
        deps.outbox().record(c, sent);
        deps.messageEvents().sent(c, accountId, metricKey(channel), now, topics);
    }

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    /** 144 random bits, URL-safe: a recipient's pages are reachable only by who holds the message. */
    private static String linkToken() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The recipient's links ({@code messagepages}' routes) and the send's year, for Klaviyo's message tags. */
    private MessageTags tags(String token, OffsetDateTime now) {
        String base = "/messages/" + token;
        return new MessageTags(deps.links().page(base + "/unsubscribe"), deps.links().page(base + "/preferences"),
                deps.links().page(base + "/web-view"), now.getYear());
    }

    /** The event's properties (all text) as the webhook payload takes them. */
    private static Map<String, String> textProperties(ObjectNode properties) {
        Map<String, String> out = new LinkedHashMap<>();
        properties.properties().forEach(p -> out.put(p.getKey(), p.getValue().asText()));
        return out;
    }

    /** The properties Klaviyo's message events carry: the message, the campaign's name and, for email, the subject. */
    private static ObjectNode properties(String messageId, String campaignName, OutboxMessage m) {
        ObjectNode p = Json.MAPPER.createObjectNode();
        p.put("$message", messageId);
        p.put("Campaign Name", campaignName);
        if (m.channel().equals("email")) p.put("Subject", m.subject());
        return p;
    }

    static String metric(String channel) {
        return switch (channel) {
            case "email" -> "Received Email";
            case "sms" -> "Received SMS";
            default -> "Received Push";
        };
    }

    /** The metric's key in a webhook topic ({@code event:klaviyo.received_email}). */
    static String metricKey(String channel) {
        return metric(channel).toLowerCase(java.util.Locale.ROOT).replace(' ', '_');
    }

    /**
     * The message compiled for sending; 400 at /data/id when it cannot be sent: an email without a template, or
     * without a subject or sender, or a part that does not parse.
     */
    private MessageRender compile(Connection c, String accountId, ResourceRow message) throws SQLException {
        String channel = message.attributes().get("channel").asText();
        JsonNode definition = message.attributes().get("definition");
        Campaigns.TemplateContent template = null;
        if (channel.equals("email")) {
            String templateId = message.toOne().get("template");
            template = templateId == null ? null : deps.templates().find(c, accountId, templateId);
            if (template == null || template.html() == null) {
                throw ApiError.invalidPointer("/data/id", "The campaign's message " + message.id()
                        + " has no template; assign one with assign_template_to_campaign_message before sending.");
            }
            for (String member : List.of("subject", "from_email")) {
                JsonNode v = definition.path("content").path(member);
                if (!v.isTextual() || v.asText().isBlank()) {
                    throw ApiError.invalidPointer("/data/id", "The campaign's message " + message.id() + " has no '" + member
                            + "'; set it with update_campaign_message before sending.");
                }
            }
        }
        try {
            return new MessageRender(deps.renderer(), channel, definition, template);
        } catch (TemplateRenderer.TemplateError e) {
            throw ApiError.invalidPointer("/data/id", "The campaign's message " + message.id() + " cannot be rendered: " + e.getMessage());
        }
    }

    /** A recipient of the chunk: where the message goes and the template context. */
    private record Recipient(String profileId, String address, JsonNode context) {}

    private static final String[] FIELDS = {"email", "phone_number", "external_id", "first_name", "last_name", "organization",
            "title", "locale"};

    private static List<Recipient> recipients(Connection c, String accountId, String campaignId, String channel, int from, int to)
            throws SQLException {
        List<Recipient> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select p.id, " + CampaignAudience.address(channel)
                + ", p.email, p.phone_number, p.external_id, p.first_name, p.last_name, p.organization, p.title, p.locale,"
                + " p.properties::text from campaign_send_recipient r join profile p on p.account_id = r.account_id and p.id = r.profile_id"
                + " where r.account_id = ? and r.campaign_id = ? and r.seq >= ? and r.seq < ? order by r.seq")) {
            ps.setString(1, accountId);
            ps.setString(2, campaignId);
            ps.setInt(3, from);
            ps.setInt(4, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String address = rs.getString(2);
                    if (address == null) continue; // the address went after the audience was resolved
                    ObjectNode fields = Json.MAPPER.createObjectNode();
                    for (int i = 0; i < FIELDS.length; i++) {
                        String v = rs.getString(3 + i);
                        if (v != null) fields.put(FIELDS[i], v);
                    }
                    ObjectNode properties = (ObjectNode) Json.MAPPER.readTree(rs.getString(3 + FIELDS.length));
                    out.add(new Recipient(rs.getString(1), address, MessageRender.RecipientContext.of(fields, properties)));
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("stored properties are JSON", e);
            }
        }
        return out;
    }

    static ApiError noJob(String campaignId) {
        return new ApiError(404, "not_found", "Not found.", "No send job for a campaign with id '" + campaignId + "' exists.",
                ApiError.Source.parameter("id"), null);
    }

    private static ApiError notFound(String campaignId) {
        return new ApiError(404, "not_found", "Not found.", "A campaign with id '" + campaignId + "' does not exist.",
                ApiError.Source.pointer("/data/id"), null);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);
    }
}
