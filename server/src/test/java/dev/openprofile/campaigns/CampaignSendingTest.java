package dev.openprofile.campaigns;

import static dev.openprofile.campaigns.CampaignFixtures.assertError;
import static dev.openprofile.campaigns.CampaignFixtures.ids;
import static dev.openprofile.campaigns.CampaignFixtures.list;
import static dev.openprofile.campaigns.SendFixtures.cancel;
import static dev.openprofile.campaigns.SendFixtures.consent;
import static dev.openprofile.campaigns.SendFixtures.estimate;
import static dev.openprofile.campaigns.SendFixtures.estimated;
import static dev.openprofile.campaigns.SendFixtures.jobStatus;
import static dev.openprofile.campaigns.SendFixtures.member;
import static dev.openprofile.campaigns.SendFixtures.planSegment;
import static dev.openprofile.campaigns.SendFixtures.send;
import static dev.openprofile.campaigns.SendFixtures.status;
import static dev.openprofile.campaigns.SendFixtures.suppress;
import static dev.openprofile.campaigns.SendFixtures.templatedEmail;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.MutableClock;
import dev.openprofile.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Emulated sending end to end: the estimate, the send job, the outbox, the Received Email events, cancel and revert. */
class CampaignSendingTest {
    static final MutableClock clock = new MutableClock(Instant.parse("2026-10-01T12:00:00Z"));
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(clock);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A rendered message in the outbox, as the operator reads it. */
    record Sent(String profileId, String to, String from, String subject, String preview, String html, String text) {}

    @Test
    void theEstimateAndTheSendReachExactlyTheAudienceThatCanReceiveEmail() {
        TestServer.Account a = server.newAccount("send-");
        Api api = a.api();
        String news = list(api, "News");
        Map<String, String> expected = new HashMap<>(); // profile id -> first name
        int n = 6;
        List<String> subscribed = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String email = "fan" + i + "@example.com";
            expected.put(member(api, news, email, "Fan" + i, "GOLD"), "Fan" + i);
            subscribed.add(email);
        }
        // Never subscribed can receive email marketing (Klaviyo's rule); suppressed, unsubscribed and excluded cannot.
        expected.put(member(api, news, "quiet@example.com", "Quiet", "GOLD"), "Quiet");
        member(api, news, "bounced@example.com", "Bounced", "GOLD");
        member(api, news, "gone@example.com", "Gone", "GOLD");
        member(api, news, "skip@example.com", "Skip", "STAFF");
        subscribed.add("skip@example.com");
        consent(api, "SUBSCRIBED", subscribed.toArray(String[]::new));
        consent(api, "UNSUBSCRIBED", "gone@example.com");
        suppress(api, "bounced@example.com");
        String staff = planSegment(api, "Staff", "STAFF");
        server.awaitJobs();
        String campaign = templatedEmail(api, "October", ids(news), ids(staff), "");

        var job = estimate(api, campaign);
        assertThat(job.status()).as(job.text()).isEqualTo(202);
        assertThat(job.data().get("type").asText()).isEqualTo("campaign-recipient-estimation-job");
        assertThat(job.data().get("id").asText()).isEqualTo(campaign);
        assertThat(job.data().at("/attributes/status").asText()).isIn("queued", "processing", "complete");
        server.awaitJobs();
        var done = api.get("get_campaign_recipient_estimation_job", "/api/campaign-recipient-estimation-jobs/" + campaign);
        assertThat(done.data().at("/attributes/status").asText()).isEqualTo("complete");
        assertThat(estimated(api, campaign)).isEqualTo(expected.size());

        var sent = send(api, campaign);
        assertThat(sent.status()).as(sent.text()).isEqualTo(202);
        assertThat(sent.data().get("type").asText()).isEqualTo("campaign-send-job");
        assertThat(sent.data().at("/attributes/status").asText()).isEqualTo("queued");
        server.awaitJobs();
        assertThat(jobStatus(api, campaign)).isEqualTo("complete");
        JsonNode after = api.get("get_campaign", "/api/campaigns/" + campaign).data().get("attributes");
        assertThat(after.get("status").asText()).isEqualTo("Sent");
        assertThat(Instant.parse(after.get("send_time").asText())).isEqualTo(clock.instant());

        Map<String, Sent> outbox = outbox(a, campaign);
        assertThat(outbox.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((id, first) -> {
            Sent m = outbox.get(id);
            assertThat(m.to()).isEqualTo(first.toLowerCase() + "@example.com");
            assertThat(m.subject()).isEqualTo("Hello " + first);
            assertThat(m.preview()).isEqualTo("News for " + m.to());
            assertThat(m.from()).isEqualTo("shop@example.com");
            assertThat(m.html()).isEqualTo("<p>Hi " + first + ", your plan is GOLD</p>");
            assertThat(m.text()).isEqualTo("Hi " + first);
        });
        // One Received Email event per recipient, on the recipient, naming the message and the campaign.
        String message = SendFixtures.messageOf(api, campaign);
        Map<String, JsonNode> events = receivedEmail(api, a.id());
        assertThat(events.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        events.forEach((id, e) -> {
            assertThat(e.at("/attributes/event_properties/$message").asText()).isEqualTo(message);
            assertThat(e.at("/attributes/event_properties/Campaign Name").asText()).isEqualTo("October");
            assertThat(e.at("/attributes/event_properties/Subject").asText()).isEqualTo("Hello " + expected.get(id));
            assertThat(Instant.parse(e.at("/attributes/datetime").asText())).isEqualTo(clock.instant());
        });

        // The campaign's report counts the same recipients (query_campaign_values, from the Received Email events).
        String receivedEmail = events.values().iterator().next().at("/relationships/metric/data/id").asText();
        var report = api.post("query_campaign_values", "/api/campaign-values-reports", "{\"data\":{\"type\":\"campaign-values-report\","
                + "\"attributes\":{\"statistics\":[\"recipients\",\"delivered\"],\"timeframe\":{\"key\":\"today\"},"
                + "\"conversion_metric_id\":\"" + receivedEmail + "\",\"filter\":\"equals(campaign_id,\\\"" + campaign + "\\\")\"}}}");
        assertThat(report.status()).as(report.text()).isEqualTo(200);
        JsonNode results = report.data().at("/attributes/results");
        assertThat(results).as(report.text()).hasSize(1);
        assertThat(results.get(0).at("/groupings/campaign_id").asText()).isEqualTo(campaign);
        assertThat(results.get(0).at("/statistics/recipients").asInt()).isEqualTo(expected.size());
        assertThat(results.get(0).at("/statistics/delivered").asInt()).isEqualTo(expected.size());

        // A sent campaign cannot be sent again, nor its finished job cancelled; its estimate stays as refreshed.
        assertError(send(api, campaign), 400, "/data/id", "only a draft campaign can be sent");
        assertError(cancel(api, campaign, "cancel"), 400, "/data/id", "has finished");
        assertThat(outbox(a, campaign)).hasSize(expected.size());
    }

    @Test
    void aScheduledSendWaitsForItsTimeAndCanBeCancelledOrRevertedToADraft() {
        TestServer.Account a = server.newAccount("sched-");
        Api api = a.api();
        String news = list(api, "News");
        String ada = member(api, news, "ada@example.com", "Ada", "GOLD");
        String at = clock.instant().plus(Duration.ofDays(1)).toString();
        String strategy = ",\"send_strategy\":{\"method\":\"static\",\"datetime\":\"" + at + "\"}";
        String later = templatedEmail(api, "Later", ids(news), "[]", strategy);
        assertThat(send(api, later).status()).isEqualTo(202);
        JsonNode scheduled = api.get("get_campaign", "/api/campaigns/" + later).data().get("attributes");
        assertThat(scheduled.get("status").asText()).isEqualTo("Scheduled");
        assertThat(Instant.parse(scheduled.get("scheduled_at").asText())).isEqualTo(Instant.parse(at));
        server.awaitJobs(); // not due: nothing runs
        assertThat(jobStatus(api, later)).isEqualTo("queued");
        assertThat(outbox(a, later)).isEmpty();

        // Revert: a draft again, whose content may change and which sends again.
        assertThat(cancel(api, later, "revert").status()).isEqualTo(204);
        assertThat(status(api, later)).isEqualTo("Draft");
        assertThat(jobStatus(api, later)).isEqualTo("cancelled");
        var rename = api.patch("update_campaign", "/api/campaigns/" + later, "{\"data\":{\"type\":\"campaign\",\"id\":\"" + later
                + "\",\"attributes\":{\"send_strategy\":{\"method\":\"immediate\"}}}}");
        assertThat(rename.status()).as(rename.text()).isEqualTo(200);
        assertThat(send(api, later).status()).isEqualTo(202);
        server.awaitJobs();
        assertThat(status(api, later)).isEqualTo("Sent");
        assertThat(outbox(a, later).keySet()).containsExactly(ada);

        // Cancel: for good; the time passing sends nothing.
        String never = templatedEmail(api, "Never", ids(news), "[]", strategy);
        assertThat(send(api, never).status()).isEqualTo(202);
        assertThat(cancel(api, never, "cancel").status()).isEqualTo(204);
        assertThat(status(api, never)).isEqualTo("Cancelled");
        assertError(send(api, never), 400, "/data/id", "'Cancelled'");
        clock.advance(Duration.ofDays(2));
        server.awaitJobs();
        assertThat(jobStatus(api, never)).isEqualTo("cancelled");
        assertThat(outbox(a, never)).isEmpty();

        // A message that stops being sendable before its time (its template deleted) ends the send as misconfigured.
        String broken = templatedEmail(api, "Broken", ids(news), "[]", ",\"send_strategy\":{\"method\":\"static\",\"datetime\":\""
                + clock.instant().plus(Duration.ofHours(1)) + "\"}");
        assertThat(send(api, broken).status()).isEqualTo(202);
        String copy = api.get("get_template_id_for_campaign_message", "/api/campaign-messages/" + SendFixtures.messageOf(api, broken)
                + "/relationships/template").data().get("id").asText();
        assertThat(api.delete("delete_template", "/api/templates/" + copy, null).status()).isEqualTo(204);
        clock.advance(Duration.ofHours(2));
        server.awaitJobs();
        assertThat(status(api, broken)).isEqualTo("Cancelled: Misconfigured");
        assertThat(outbox(a, broken)).isEmpty();

        // A scheduled send runs once the server's clock reaches its time.
        String due = templatedEmail(api, "Due", ids(news), "[]",
                ",\"send_strategy\":{\"method\":\"static\",\"datetime\":\"" + clock.instant().plus(Duration.ofHours(1)) + "\"}");
        assertThat(send(api, due).status()).isEqualTo(202);
        assertThat(status(api, due)).isEqualTo("Scheduled");
        clock.advance(Duration.ofHours(2));
        server.awaitJobs();
        assertThat(status(api, due)).isEqualTo("Sent");
        assertThat(outbox(a, due).keySet()).containsExactly(ada);
    }

    @Test
    void aCampaignWithoutRecipientsIsCancelledAndAnUnsendableOneIsRefused() {
        Api api = server.newAccount("none-").api();
        String empty = list(api, "Empty");
        String campaign = templatedEmail(api, "Nobody", ids(empty), "[]", "");
        assertThat(estimated(api, campaign)).isZero(); // never refreshed: counted on read
        assertThat(send(api, campaign).status()).isEqualTo(202);
        server.awaitJobs();
        assertThat(status(api, campaign)).isEqualTo("Cancelled: No Recipients");
        assertThat(jobStatus(api, campaign)).isEqualTo("complete");

        // No template: 400, nothing queued, still a draft.
        String bare = CampaignFixtures.create(api, CampaignFixtures.email("Bare", ids(empty), "[]")).get("id").asText();
        assertError(send(api, bare), 400, "/data/id", "has no template");
        assertThat(status(api, bare)).isEqualTo("Draft");
        assertError(api.get("get_campaign_send_job", "/api/campaign-send-jobs/" + bare), 404, "id", "No send job");
        // Unknown campaigns, wrong types, bad actions.
        assertError(send(api, "01J0000000000000000000NONE"), 404, "/data/id", "does not exist");
        assertError(estimate(api, "01J0000000000000000000NONE"), 404, "/data/id", "does not exist");
        assertError(api.get("get_campaign_recipient_estimation_job", "/api/campaign-recipient-estimation-jobs/" + bare), 404, "id",
                "No recipient estimation job");
        assertError(api.get("get_campaign_recipient_estimation", "/api/campaign-recipient-estimations/NONE"), 404, "id", "does not exist");
        assertError(api.post("send_campaign", "/api/campaign-send-jobs", "{\"data\":{\"type\":\"campaign\",\"id\":\"" + bare + "\"}}"),
                400, "/data/type", "campaign-send-job");
        assertError(cancel(api, campaign, "pause"), 400, "/data/attributes/action", "");
        assertError(api.patch("cancel_campaign_send", "/api/campaign-send-jobs/" + campaign,
                "{\"data\":{\"type\":\"campaign-send-job\",\"id\":\"" + campaign + "\",\"attributes\":{}}}"), 400, "/data/attributes/action",
                "required");
        assertThat(api.patch("cancel_campaign_send", "/api/campaign-send-jobs/" + campaign,
                "{\"data\":{\"type\":\"campaign-send-job\",\"id\":\"OTHER\",\"attributes\":{\"action\":\"cancel\"}}}").status()).isEqualTo(409);
    }

    @Test
    void aSendsAudienceFollowsMergesAndDataPrivacyDeletions() {
        TestServer.Account a = server.newAccount("snap-");
        Api api = a.api();
        String news = list(api, "News");
        String ada = member(api, news, "ada@example.com", "Ada", "GOLD");
        String bob = member(api, news, "bob@example.com", "Bob", "GOLD");
        String cy = member(api, news, "cy@example.com", "Cy", "GOLD");
        String campaign = templatedEmail(api, "Snap", ids(news), "[]", "");
        assertThat(send(api, campaign).status()).isEqualTo(202);
        server.awaitJobs();
        assertThat(snapshot(a.id(), campaign)).containsExactlyInAnyOrder(ada, bob, cy);
        // bob merged into cy: bob's place is cy's (who keeps one message); ada deleted: her place goes.
        var merge = api.post("merge_profiles", "/api/profile-merge", "{\"data\":{\"type\":\"profile-merge\",\"id\":\"" + cy
                + "\",\"relationships\":{\"profiles\":{\"data\":[{\"type\":\"profile\",\"id\":\"" + bob + "\"}]}}}}");
        assertThat(merge.status()).as(merge.text()).isIn(200, 201, 202);
        var deletion = api.post("request_profile_deletion", "/api/data-privacy-deletion-jobs", "{\"data\":{\"type\":"
                + "\"data-privacy-deletion-job\",\"attributes\":{\"profile\":{\"data\":{\"type\":\"profile\",\"id\":\"" + ada + "\"}}}}}");
        assertThat(deletion.status()).as(deletion.text()).isEqualTo(202);
        server.awaitJobs();
        assertThat(snapshot(a.id(), campaign)).containsExactly(cy, cy);
        // The outbox follows too: bob's message is cy's now (to the address it was sent to), ada's is gone.
        List<String> to = new ArrayList<>();
        try {
            for (JsonNode m : admin("/admin/outbox/messages?account=" + a.name() + "&campaign=" + campaign).get("messages")) {
                to.add(m.get("profile_id").asText() + " " + m.get("to").asText());
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        assertThat(to).containsExactlyInAnyOrder(cy + " bob@example.com", cy + " cy@example.com");
    }

    static List<String> snapshot(String accountId, String campaign) {
        return server.jdbc().read(c -> {
            List<String> out = new ArrayList<>();
            try (var ps = c.prepareStatement("select profile_id from campaign_send_recipient where account_id = ? and campaign_id = ?")) {
                ps.setString(1, accountId);
                ps.setString(2, campaign);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    /** The outbox's messages of a campaign by profile id, as the operator reads them (the admin API, list then each one). */
    static Map<String, Sent> outbox(TestServer.Account a, String campaign) {
        try {
            Map<String, Sent> out = new HashMap<>();
            for (JsonNode m : admin("/admin/outbox/messages?account=" + a.name() + "&campaign=" + campaign + "&limit=1000").get("messages")) {
                JsonNode full = admin("/admin/outbox/messages/" + m.get("id").asText() + "?account=" + a.name());
                Sent previous = out.put(full.get("profile_id").asText(), new Sent(full.get("profile_id").asText(), full.get("to").asText(),
                        full.at("/from/address").asText(), full.get("subject").asText(), full.get("preview_text").asText(),
                        full.get("body_html").asText(), full.get("body_text").asText()));
                assertThat(previous).as("one message per recipient").isNull();
            }
            return out;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode admin(String path) throws Exception {
        var r = dev.openprofile.testing.AdminApi.send(server, "GET", path, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return dev.openprofile.jsonapi.Json.MAPPER.readTree(r.body());
    }

    /** The account's Received Email events by profile id, read through get_events. */
    static Map<String, JsonNode> receivedEmail(Api api, String accountId) {
        String metric = server.jdbc().read(c -> {
            try (var ps = c.prepareStatement("select id from metric where account_id = ? and name = 'Received Email' and integration_key = 'klaviyo'")) {
                ps.setString(1, accountId);
                try (var rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
        Map<String, JsonNode> out = new HashMap<>();
        if (metric == null) return out;
        var r = api.get("get_events", "/api/events?filter=" + java.net.URLEncoder.encode("equals(metric_id,\"" + metric + "\")",
                java.nio.charset.StandardCharsets.UTF_8) + "&page[size]=200");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        for (JsonNode e : r.body().get("data")) {
            assertThat(out.put(e.at("/relationships/profile/data/id").asText(), e)).as("one event per recipient").isNull();
        }
        return out;
    }
}
