package dev.openprofile.campaigns;

import dev.openprofile.http.Endpoint;
import dev.openprofile.resource.Hooks;
import dev.openprofile.resource.ResourceKit;
import dev.openprofile.resource.ResourceService;
import dev.openprofile.store.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import dev.openprofile.events.EventService;
import dev.openprofile.jobs.JobHandler;
import dev.openprofile.jsonapi.Links;
import dev.openprofile.outbox.Outbox;
import dev.openprofile.profiles.ProfileData;
import dev.openprofile.templates.TemplateRenderer;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The campaigns feature as App wires it: campaigns and campaign messages registered in the kit, and the writes the
 * kit does not serve. Lists and segments (an audience) and templates (a message's copy) are other features'.
 */
public final class Campaigns {
    /** Whether an id names a list or a segment of the account (a campaign's audience is either). */
    @FunctionalInterface
    public interface Audiences {
        boolean exists(String accountId, String listOrSegmentId);
    }

    /** Makes a non-reusable copy of a template in the caller's transaction: its id, or null when there is no such template. */
    @FunctionalInterface
    public interface TemplateCopies {
        String copy(Connection c, String accountId, String templateId) throws SQLException;
    }

    /** The HTML and text of a template of the account, in the caller's transaction; null when there is no such template. */
    @FunctionalInterface
    public interface MessageTemplates {
        TemplateContent find(Connection c, String accountId, String templateId) throws SQLException;
    }

    /** The HTML and text of a message's template (either may be null). */
    public record TemplateContent(String html, String text) {}

    /** Who hears of the messages a send records (the webhooks' outbox), in the chunk's own transaction. */
    @FunctionalInterface
    public interface MessageEvents {
        MessageEvents NONE = (c, accountId, metricKey, at, sent) -> {};

        /** @param metricKey the Klaviyo system metric as a key ({@code received_email}) */
        void sent(Connection c, String accountId, String metricKey, OffsetDateTime at, List<SentMessage> sent) throws SQLException;
    }

    /** A message recorded for a profile, with its event's properties. */
    public record SentMessage(String profileId, Map<String, String> properties) {}

    /** What sending needs of other features. */
    public record Sending(Clock clock, Links links, EventService events, Outbox outbox, TemplateRenderer renderer,
                          MessageTemplates templates, MessageEvents messageEvents, SegmentsUpToDate segments, Runnable wakeWorkers) {}

    /** Brings an account's segment memberships up to date (they follow writes lazily), before an audience is read. */
    @FunctionalInterface
    public interface SegmentsUpToDate {
        void catchUp(String accountId);
    }

    /** The sending side as App wires it: its endpoints, the handlers of its two job kinds, its rows about profiles. */
    public record SendingFeature(List<Endpoint> endpoints, List<JobHandler> handlers, ProfileData profileData) {}

    private final Jdbc jdbc;
    private final Supplier<String> ids;
    private final ResourceService campaigns;
    private final ResourceService messages;
    private final CampaignService service;
    private final CampaignRoutes routes;

    private Campaigns(Jdbc jdbc, Supplier<String> ids, ResourceService campaigns, ResourceService messages,
                      CampaignService service, CampaignRoutes routes) {
        this.jdbc = jdbc;
        this.ids = ids;
        this.campaigns = campaigns;
        this.messages = messages;
        this.service = service;
        this.routes = routes;
    }

    /** @param ids ids of campaigns and messages (Klaviyo's are ULIDs) */
    public static Campaigns register(ResourceKit kit, Jdbc jdbc, Supplier<String> ids, Audiences audiences, TemplateCopies templates) {
        ResourceService campaigns = kit.register(CampaignKinds.campaign(ids, CampaignHooks.CAMPAIGN));
        ResourceService messages = kit.register(CampaignKinds.message(ids, Hooks.NONE));
        CampaignService service = new CampaignService(jdbc, campaigns, messages, audiences, templates);
        return new Campaigns(jdbc, ids, campaigns, messages, service,
                new CampaignRoutes(service, kit.renderer(), campaigns.kind(), messages.kind()));
    }

    /** Sending and recipient estimation (send_campaign and the rest), once the features they record into exist. */
    public SendingFeature sending(Sending deps) {
        CampaignSender sender = new CampaignSender(jdbc, deps.clock(), ids, campaigns, messages, deps);
        RecipientEstimation estimation = new RecipientEstimation(jdbc, deps.clock(), ids, campaigns, deps.segments(), deps.wakeWorkers());
        return new SendingFeature(new SendRoutes(sender, estimation, deps.links()).endpoints(), List.of(sender, estimation),
                new SendProfileData());
    }

    /** The endpoints the kit does not serve (it serves the reads and delete_campaign from the declarations). */
    public List<Endpoint> endpoints() {
        return routes.endpoints();
    }

    /** Of some campaign ids, those the account does not have (for tagging). */
    public List<String> unknownIds(String accountId, List<String> ids) {
        return service.unknownIds(accountId, ids);
    }
}
