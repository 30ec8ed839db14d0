package dev.openprofile.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.config.WebhookSettings;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.testing.AdminApi;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.Cli;
import dev.openprofile.testing.MutableClock;
import dev.openprofile.testing.TestDatabase;
import dev.openprofile.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real delivery to a real receiver on loopback: Klaviyo's body and headers, a signature the test recomputes from the
 * secret, retries on the server's clock, nothing for a disabled or deleted webhook, every event once per webhook.
 */
class WebhookDeliveryTest {
    static final MutableClock clock = new MutableClock(Instant.parse("2026-10-01T12:00:00Z"));
    static final String SECRET = "whsec-test-0123456789abcdef";
    static final String SUBSCRIBED = "event:klaviyo.subscribed_to_email_marketing";
    static final String UNSUBSCRIBED = "event:klaviyo.unsubscribed_from_email_marketing";
    static TestServer server;

    @BeforeAll
    static void start() {
        // Three attempts: first try, then 10 s and 20 s later (the default first retry, doubling).
        server = TestServer.start(TestDatabase.freshDatabase(), Map.of(WebhookSettings.MAX_ATTEMPTS, "3"), clock);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A fresh account, so that no other test's webhooks or events meet this one's. */
    record Account(String name, Api api) {}

    static Account account() {
        String name = "deliveries-" + UUID.randomUUID();
        return new Account(name, server.api(server.createKey(name, Set.of("*"))));
    }

    static String webhook(Api api, String url, String... topics) {
        List<String> ids = new ArrayList<>();
        for (String t : topics) ids.add("{\"type\":\"webhook-topic\",\"id\":\"" + t + "\"}");
        var r = api.post("create_webhook", "/api/webhooks", "{\"data\":{\"type\":\"webhook\",\"attributes\":{\"name\":\"n\","
                + "\"endpoint_url\":\"" + url + "\",\"secret_key\":\"" + SECRET + "\"},\"relationships\":{\"webhook-topics\":"
                + "{\"data\":[" + String.join(",", ids) + "]}}}}");
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.data().get("id").asText();
    }

    static void consent(Api api, String kind, String consent, String... emails) {
        List<String> profiles = new ArrayList<>();
        for (String e : emails) {
            profiles.add("{\"type\":\"profile\",\"attributes\":{\"email\":\"" + e + "\",\"subscriptions\":{\"email\":"
                    + "{\"marketing\":{\"consent\":\"" + consent + "\"}}}}}");
        }
        String op = kind.equals("create") ? "bulk_subscribe_profiles" : "bulk_unsubscribe_profiles";
        var r = api.post(op, "/api/profile-subscription-bulk-" + kind + "-jobs", "{\"data\":{\"type\":\"profile-subscription-bulk-"
                + kind + "-job\",\"attributes\":{\"profiles\":{\"data\":[" + String.join(",", profiles) + "]}}}}");
        assertThat(r.status()).as(r.text()).isEqualTo(202);
    }

    static void subscribe(Api api, String... emails) {
        consent(api, "create", "SUBSCRIBED", emails);
    }

    static JsonNode deliveries(Account a, String query) throws Exception {
        var r = AdminApi.send(server, "GET", "/admin/webhooks/deliveries?account=" + a.name() + query, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.MAPPER.readTree(r.body()).get("deliveries");
    }

    static void until(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError("condition not met in 20 s");
            Thread.sleep(20);
        }
    }

    static BooleanSupplier attempts(Account a, int n) {
        return () -> {
            try {
                JsonNode d = deliveries(a, "");
                return d.size() == 1 && d.get(0).get("attempts").asInt() == n;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }

    static Cli.Run cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--url", server.baseUrl(), "--admin-key", TestServer.ADMIN_KEY));
        return Cli.run(all.toArray(String[]::new));
    }

    static String hmac(byte[] body, String timestamp) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update(body);
        mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(mac.doFinal());
    }

    @Test
    void aConsentChangeIsPostedWithKlaviyosBodyHeadersAndSignature() throws Exception {
        Account a = account();
        try (Receiver receiver = new Receiver()) {
            String id = webhook(a.api(), receiver.url("/hooks/klaviyo"), SUBSCRIBED);
            subscribe(a.api(), "ada@hooks.example");
            until(() -> receiver.requests.size() == 1);
            Receiver.Request r = receiver.requests.getFirst();
            assertThat(r.path()).isEqualTo("/hooks/klaviyo");
            assertThat(r.header("Content-Type")).isEqualTo("application/json");
            assertThat(r.header("Klaviyo-Webhook-Id")).isEqualTo(id);
            String timestamp = r.header("Klaviyo-Timestamp");
            assertThat(ZonedDateTime.parse(timestamp, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant()).isEqualTo(clock.instant());
            // The receiver's check: hex HMAC-SHA256 of the raw body followed by the timestamp, under the secret.
            assertThat(r.header("Klaviyo-Signature")).isEqualTo(hmac(r.raw(), timestamp));
            assertThat(r.header("Klaviyo-Signature")).isNotEqualTo(hmac(r.raw(), timestamp + "1"));

            JsonNode body = r.body();
            String profileId = a.api().get("get_profiles", "/api/profiles?filter=equals(email,%22ada@hooks.example%22)")
                    .data().get(0).get("id").asText();
            assertThat(body.get("data")).hasSize(1);
            JsonNode event = body.get("data").get(0);
            assertThat(event.get("topic").asText()).isEqualTo(SUBSCRIBED);
            String externalId = event.get("external_id").asText();
            assertThat(event.at("/payload/data/type").asText()).isEqualTo("event");
            assertThat(event.at("/payload/data/id").asText()).isEqualTo(externalId);
            assertThat(event.at("/payload/data/relationships/profile/data/id").asText()).isEqualTo(profileId);
            assertThat(event.at("/payload/data/attributes/event_properties/method").asText()).isEqualTo("API");
            assertThat(event.at("/payload/data/attributes/timestamp").asLong()).isEqualTo(clock.instant().getEpochSecond());
            assertThat(OffsetDateTime.parse(event.at("/payload/data/attributes/datetime").asText()).toInstant()).isEqualTo(clock.instant());
            assertThat(body.at("/meta/klaviyo_webhook_id").asText()).isEqualTo(id);
            assertThat(body.at("/meta/klaviyo_account_id").asText()).isEqualTo(server.publicKey(a.name()));
            assertThat(OffsetDateTime.parse(body.at("/meta/timestamp").asText()).toInstant()).isEqualTo(clock.instant());
            assertThat(body.at("/meta/version").asText()).isEqualTo("2026-07-15");

            until(() -> {
                try {
                    return deliveries(a, "").get(0).get("status").asText().equals("delivered");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            JsonNode d = deliveries(a, "").get(0);
            assertThat(d.get("webhook_id").asText()).isEqualTo(id);
            assertThat(d.get("external_id").asText()).isEqualTo(externalId);
            assertThat(d.get("attempts_made")).hasSize(1);
            assertThat(d.at("/attempts_made/0/status_code").asInt()).isEqualTo(200);
            var one = AdminApi.send(server, "GET", "/admin/webhooks/deliveries/" + d.get("id").asText() + "?account=" + a.name(), null);
            assertThat(Json.MAPPER.readTree(one.body()).get("payload")).isEqualTo(event.get("payload"));

            // The operator's command line shows the same.
            Cli.Run listed = cli("webhooks", "deliveries", "--account", a.name(), "--status", "delivered");
            assertThat(listed.exit()).isZero();
            assertThat(Json.MAPPER.readTree(listed.out()).get("deliveries")).isEqualTo(deliveries(a, "&status=delivered"));
            Cli.Run shown = cli("webhooks", "delivery", d.get("id").asText(), "--account", a.name());
            assertThat(Json.MAPPER.readTree(shown.out()).at("/attempts_made/0/status_code").asInt()).isEqualTo(200);
            assertThat(cli("webhooks", "deliveries", "--account", a.name(), "--status", "lost").exit()).isEqualTo(1);
        }
    }

    @Test
    void aFailedDeliveryIsRetriedWithBackoffOnTheServersClockWithTheSameEventId() throws Exception {
        Account a = account();
        try (Receiver receiver = new Receiver()) {
            receiver.answer = () -> 500;
            webhook(a.api(), receiver.url("/in"), SUBSCRIBED);
            subscribe(a.api(), "retry@hooks.example");
            until(attempts(a, 1));
            JsonNode first = deliveries(a, "").get(0);
            assertThat(first.get("status").asText()).isEqualTo("pending");
            assertThat(first.at("/attempts_made/0/status_code").asInt()).isEqualTo(500);
            assertThat(OffsetDateTime.parse(first.get("next_attempt_at").asText()).toInstant())
                    .isEqualTo(clock.instant().plusSeconds(10));
            // Not yet due: nothing happens while the clock stands still.
            Thread.sleep(700);
            assertThat(receiver.hits.get()).isEqualTo(1);

            receiver.answer = () -> 200;
            clock.advance(Duration.ofSeconds(10));
            until(() -> receiver.requests.size() == 1);
            until(attempts(a, 2));
            JsonNode d = deliveries(a, "").get(0);
            assertThat(d.get("status").asText()).isEqualTo("delivered");
            assertThat(d.get("external_id").asText()).isEqualTo(receiver.events().getFirst().get("external_id").asText());
            assertThat(d.at("/attempts_made/1/status_code").asInt()).isEqualTo(200);
        }
    }

    @Test
    void aDeliveryThatNeverSucceedsFailsAfterTheLastAttempt() throws Exception {
        Account a = account();
        try (Receiver receiver = new Receiver()) {
            receiver.answer = () -> 503;
            webhook(a.api(), receiver.url("/in"), SUBSCRIBED);
            subscribe(a.api(), "never@hooks.example");
            until(attempts(a, 1));
            clock.advance(Duration.ofSeconds(10));
            until(attempts(a, 2));
            // The second retry waits twice as long.
            assertThat(OffsetDateTime.parse(deliveries(a, "").get(0).get("next_attempt_at").asText()).toInstant())
                    .isEqualTo(clock.instant().plusSeconds(20));
            clock.advance(Duration.ofSeconds(20));
            until(attempts(a, 3));
            JsonNode d = deliveries(a, "").get(0);
            assertThat(d.get("status").asText()).isEqualTo("failed");
            assertThat(d.get("note").asText()).contains("3 attempts");
            clock.advance(Duration.ofHours(2));
            Thread.sleep(700);
            assertThat(receiver.hits.get()).isEqualTo(3);
        }
        // An endpoint nobody listens on is an attempt with an error, not a status code.
        Account b = account();
        webhook(b.api(), "http://127.0.0.1:9/closed", SUBSCRIBED);
        subscribe(b.api(), "closed@hooks.example");
        until(attempts(b, 1));
        JsonNode attempt = deliveries(b, "").get(0).at("/attempts_made/0");
        assertThat(attempt.get("status_code").isNull()).isTrue();
        assertThat(attempt.get("error").asText()).isNotBlank();
    }

    @Test
    void aDisabledOrDeletedWebhookGetsNothingMore() throws Exception {
        Account a = account();
        try (Receiver receiver = new Receiver()) {
            receiver.answer = () -> 500;
            String id = webhook(a.api(), receiver.url("/in"), SUBSCRIBED);
            subscribe(a.api(), "one@hooks.example");
            until(attempts(a, 1));
            var disabled = a.api().patch("update_webhook", "/api/webhooks/" + id, "{\"data\":{\"type\":\"webhook\",\"id\":\"" + id
                    + "\",\"attributes\":{\"enabled\":false}}}");
            assertThat(disabled.status()).isEqualTo(200);
            JsonNode d = deliveries(a, "").get(0);
            assertThat(d.get("status").asText()).isEqualTo("cancelled");
            assertThat(d.get("note").asText()).isEqualTo("webhook disabled");
            receiver.answer = () -> 200;
            subscribe(a.api(), "two@hooks.example");
            server.awaitJobs();
            clock.advance(Duration.ofMinutes(5));
            Thread.sleep(700);
            assertThat(receiver.hits.get()).isEqualTo(1);
            assertThat(deliveries(a, "")).hasSize(1);

            // Enabled again, it hears of later changes only; deleted, of none.
            a.api().patch("update_webhook", "/api/webhooks/" + id, "{\"data\":{\"type\":\"webhook\",\"id\":\"" + id
                    + "\",\"attributes\":{\"enabled\":true}}}");
            subscribe(a.api(), "three@hooks.example");
            until(() -> receiver.requests.size() == 1);
            assertThat(a.api().delete("delete_webhook", "/api/webhooks/" + id, null).status()).isEqualTo(204);
            subscribe(a.api(), "four@hooks.example");
            server.awaitJobs();
            Thread.sleep(700);
            assertThat(receiver.requests).hasSize(1);
            assertThat(deliveries(a, "")).hasSize(2);
            assertThat(deliveries(a, "&status=delivered")).hasSize(1);
        }
    }

    @Test
    void eachWebhookHearsItsTopicsAndEveryEventOnce() throws Exception {
        Account a = account();
        try (Receiver subscribed = new Receiver(); Receiver unsubscribed = new Receiver()) {
            webhook(a.api(), subscribed.url("/s"), SUBSCRIBED);
            webhook(a.api(), unsubscribed.url("/u"), UNSUBSCRIBED);
            List<String> emails = new ArrayList<>();
            for (int i = 0; i < 30; i++) emails.add("many" + i + "@hooks.example");
            subscribe(a.api(), emails.toArray(String[]::new));
            until(() -> subscribed.events().size() == 30);
            // A second subscribe changes nothing, so it is no event. It must be done before the unsubscribe is sent:
            // two jobs of an account may run at once, and an unsubscribe applied first would make it a real change.
            subscribe(a.api(), emails.getFirst());
            server.awaitJobs();
            consent(a.api(), "delete", "UNSUBSCRIBED", emails.get(0), emails.get(1));
            until(() -> unsubscribed.events().size() == 2);
            server.awaitJobs();
            Thread.sleep(700);
            assertThat(subscribed.events()).hasSize(30);
            assertThat(subscribed.events().stream().map(e -> e.get("topic").asText()).distinct()).containsExactly(SUBSCRIBED);
            assertThat(subscribed.events().stream().map(e -> e.get("external_id").asText()).distinct()).hasSize(30);
            assertThat(unsubscribed.events().stream().map(e -> e.get("topic").asText()).distinct()).containsExactly(UNSUBSCRIBED);
        }
    }

    @Test
    void anOperatorSuppressionIsAManualSuppressionEvent() throws Exception {
        Account a = account();
        try (Receiver receiver = new Receiver()) {
            webhook(a.api(), receiver.url("/in"), "event:klaviyo.manually_suppressed_from_email_marketing",
                    "event:klaviyo.manually_unsuppressed_from_email_marketing");
            for (String which : List.of("create", "delete")) {
                var r = a.api().post(which.equals("create") ? "bulk_suppress_profiles" : "bulk_unsuppress_profiles",
                        "/api/profile-suppression-bulk-" + which + "-jobs", "{\"data\":{\"type\":\"profile-suppression-bulk-" + which
                                + "-job\",\"attributes\":{\"profiles\":{\"data\":[{\"type\":\"profile\",\"attributes\":{\"email\":"
                                + "\"quiet@hooks.example\"}}]}}}}");
                assertThat(r.status()).as(r.text()).isEqualTo(202);
                server.awaitJobs();
            }
            until(() -> receiver.events().size() == 2);
            // Deliveries are not ordered (several deliverers; Klaviyo promises no order either): each topic once.
            assertThat(receiver.events().stream().map(e -> e.get("topic").asText())).containsExactlyInAnyOrder(
                    "event:klaviyo.manually_suppressed_from_email_marketing", "event:klaviyo.manually_unsuppressed_from_email_marketing");
        }
    }

    @Test
    void aSlowReceiverNeverHoldsUpTheChangeThatCausedTheDelivery() throws Exception {
        Account a = account();
        try (Receiver receiver = new Receiver()) {
            receiver.delayMs = 3000;
            webhook(a.api(), receiver.url("/slow"), SUBSCRIBED);
            long start = System.nanoTime();
            subscribe(a.api(), "patient@hooks.example");
            server.awaitJobs();
            // The subscription is applied and its job done while the receiver still holds the POST.
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
            assertThat(a.api().get("get_profiles", "/api/profiles?filter=equals(email,%22patient@hooks.example%22)").data()).hasSize(1);
            assertThat(receiver.requests).isEmpty();
            until(() -> receiver.requests.size() == 1);
        }
    }

    @Test
    void aDataPrivacyDeletionTakesTheProfilesDeliveriesWithIt() throws Exception {
        Account a = account();
        try (Receiver receiver = new Receiver()) {
            receiver.answer = () -> 500; // kept pending: a deletion must also stop what is not sent yet
            webhook(a.api(), receiver.url("/in"), SUBSCRIBED);
            subscribe(a.api(), "gone@hooks.example", "kept@hooks.example");
            until(() -> {
                try {
                    JsonNode d = deliveries(a, "");
                    return d.size() == 2 && d.get(0).get("attempts").asInt() > 0 && d.get(1).get("attempts").asInt() > 0;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            String kept = a.api().get("get_profiles", "/api/profiles?filter=equals(email,%22kept@hooks.example%22)")
                    .data().get(0).get("id").asText();
            var deletion = a.api().post("request_profile_deletion", "/api/data-privacy-deletion-jobs", "{\"data\":{\"type\":"
                    + "\"data-privacy-deletion-job\",\"attributes\":{\"profile\":{\"data\":{\"type\":\"profile\",\"attributes\":"
                    + "{\"email\":\"gone@hooks.example\"}}}}}}");
            assertThat(deletion.status()).as(deletion.text()).isEqualTo(202);
            server.awaitJobs();
            JsonNode left = deliveries(a, "");
            assertThat(left).hasSize(1);
            var one = AdminApi.send(server, "GET", "/admin/webhooks/deliveries/" + left.get(0).get("id").asText() + "?account=" + a.name(), null);
            assertThat(Json.MAPPER.readTree(one.body()).at("/payload/data/relationships/profile/data/id").asText()).isEqualTo(kept);
        }
    }

    @Test
    void theAdminApiRefusesWhatItCannotAnswer() throws Exception {
        var unknown = AdminApi.send(server, "GET", "/admin/webhooks/deliveries?account=nobody-" + UUID.randomUUID(), null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        var badStatus = AdminApi.send(server, "GET", "/admin/webhooks/deliveries?status=lost", null);
        assertThat(badStatus.statusCode()).isEqualTo(400);
        assertThat(Json.MAPPER.readTree(badStatus.body()).at("/errors/0/source/parameter").asText()).isEqualTo("status");
        assertThat(AdminApi.send(server, "GET", "/admin/webhooks/deliveries?limit=0", null).statusCode()).isEqualTo(400);
        assertThat(AdminApi.send(server, "GET", "/admin/webhooks/deliveries/NOPE", null).statusCode()).isEqualTo(404);
        assertThat(AdminApi.send(server, "GET", "/admin/webhooks/deliveries", null, "wrong-admin-key-0123456789").statusCode())
                .isEqualTo(401);
    }
}
