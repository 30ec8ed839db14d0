package dev.openprofile.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.MutableClock;
import dev.openprofile.testing.TestServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Webhooks tag: webhooks' CRUD with every refusal, and the topic catalogue. Responses are schema-checked by Api. */
class WebhooksTest {
    static final MutableClock clock = new MutableClock(Instant.parse("2026-10-01T12:00:00Z"));
    static final String SUBSCRIBED = "event:klaviyo.subscribed_to_email_marketing";
    static final String UNSUBSCRIBED = "event:klaviyo.unsubscribed_from_email_marketing";
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(clock);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Api account() {
        return server.newAccount("hooks-").api();
    }

    static String body(String attributes, String... topics) {
        List<String> ids = new ArrayList<>();
        for (String t : topics) ids.add("{\"type\":\"webhook-topic\",\"id\":\"" + t + "\"}");
        return "{\"data\":{\"type\":\"webhook\",\"attributes\":{" + attributes + "},\"relationships\":{\"webhook-topics\":"
                + "{\"data\":[" + String.join(",", ids) + "]}}}}";
    }

    static String valid(String url) {
        return body("\"name\":\"Consent\",\"endpoint_url\":\"" + url + "\",\"secret_key\":\"s3cret-key-0123456789\"", SUBSCRIBED);
    }

    static JsonNode create(Api api, String body) {
        var r = api.post("create_webhook", "/api/webhooks", body);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.data();
    }

    static List<String> ids(JsonNode data) {
        List<String> out = new ArrayList<>();
        data.forEach(d -> out.add(d.get("id").asText()));
        return out;
    }

    static void assertInvalid(Api.Response r, String pointer) {
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.error().at("/source/pointer").asText()).isEqualTo(pointer);
    }

    @Test
    void aWebhookIsCreatedReadListedUpdatedAndDeleted() {
        Api api = account();
        JsonNode w = create(api, body("\"name\":\"Consent\",\"description\":\"for the CRM\",\"endpoint_url\":"
                + "\"https://hooks.example.com/klaviyo/in?token=abc\",\"secret_key\":\"s3cret-key-0123456789\"", SUBSCRIBED, UNSUBSCRIBED));
        String id = w.get("id").asText();
        assertThat(id).matches("[0-9A-HJKMNP-TV-Z]{26}");
        JsonNode a = w.get("attributes");
        assertThat(a.get("name").asText()).isEqualTo("Consent");
        assertThat(a.get("description").asText()).isEqualTo("for the CRM");
        // "truncated for security": the origin shows, the path and query are masked; the secret never shows.
        assertThat(a.get("endpoint_url").asText()).isEqualTo("https://hooks.example.com/*****");
        assertThat(a.has("secret_key")).isFalse();
        assertThat(a.get("enabled").asBoolean()).isTrue();
        assertThat(OffsetDateTime.parse(a.get("created_at").asText()).toInstant()).isEqualTo(clock.instant());
        assertThat(a.get("updated_at").asText()).isEqualTo(a.get("created_at").asText());
        assertThat(w.at("/relationships/webhook-topics/data").findValuesAsText("id")).containsExactly(SUBSCRIBED, UNSUBSCRIBED);
        assertThat(w.at("/links/self").asText()).endsWith("/api/webhooks/" + id + "/");

        var got = api.get("get_webhook", "/api/webhooks/" + id + "?include=webhook-topics");
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.data()).isEqualTo(w);
        assertThat(got.body().get("included").findValuesAsText("id")).containsExactlyInAnyOrder(SUBSCRIBED, UNSUBSCRIBED);
        assertThat(got.body().at("/included/0/type").asText()).isEqualTo("webhook-topic");
        assertThat(api.get("get_webhook", "/api/webhooks/" + id).body().has("included")).isFalse();

        clock.advance(Duration.ofMinutes(5));
        var updated = api.patch("update_webhook", "/api/webhooks/" + id, "{\"data\":{\"type\":\"webhook\",\"id\":\"" + id
                + "\",\"attributes\":{\"name\":\"Renamed\",\"description\":null,\"enabled\":false,\"endpoint_url\":"
                + "\"https://other.example.com\"},\"relationships\":{\"webhook-topics\":{\"data\":[{\"type\":\"webhook-topic\","
                + "\"id\":\"" + UNSUBSCRIBED + "\"}]}}}}");
        assertThat(updated.status()).as(updated.text()).isEqualTo(200);
        JsonNode u = updated.data().get("attributes");
        assertThat(u.get("name").asText()).isEqualTo("Renamed");
        // Klaviyo ignores a PATCH's null description (docs/compatibility.md): it stays.
        assertThat(u.get("description").asText()).isEqualTo("for the CRM");
        assertThat(u.get("enabled").asBoolean()).isFalse();
        assertThat(u.get("endpoint_url").asText()).isEqualTo("https://other.example.com");
        assertThat(u.get("created_at").asText()).isEqualTo(a.get("created_at").asText());
        assertThat(OffsetDateTime.parse(u.get("updated_at").asText()).toInstant()).isEqualTo(clock.instant());
        assertThat(updated.data().at("/relationships/webhook-topics/data").findValuesAsText("id")).containsExactly(UNSUBSCRIBED);

        // An update that changes nothing leaves updated_at.
        clock.advance(Duration.ofMinutes(5));
        var same = api.patch("update_webhook", "/api/webhooks/" + id, "{\"data\":{\"type\":\"webhook\",\"id\":\"" + id
                + "\",\"attributes\":{\"name\":\"Renamed\"}}}");
        assertThat(same.data().at("/attributes/updated_at").asText()).isEqualTo(u.get("updated_at").asText());

        JsonNode second = create(api, valid("https://two.example.com/"));
        var list = api.get("get_webhooks", "/api/webhooks?fields[webhook]=name,enabled&include=webhook-topics");
        assertThat(list.status()).isEqualTo(200);
        assertThat(ids(list.data())).containsExactly(id, second.get("id").asText());
        assertThat(list.data().get(0).get("attributes").size()).isEqualTo(2);
        assertThat(list.data().get(1).at("/attributes/enabled").asBoolean()).isTrue();
        assertThat(list.body().get("included").findValuesAsText("id")).containsExactlyInAnyOrder(UNSUBSCRIBED, SUBSCRIBED);
        assertThat(second.at("/attributes/endpoint_url").asText()).isEqualTo("https://two.example.com");

        var deleted = api.delete("delete_webhook", "/api/webhooks/" + id, null);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(api.get("get_webhook", "/api/webhooks/" + id).status()).isEqualTo(404);
        assertThat(api.delete("delete_webhook", "/api/webhooks/" + id, null).status()).isEqualTo(404);
        assertThat(ids(api.get("get_webhooks", "/api/webhooks").data())).containsExactly(second.get("id").asText());
    }

    @Test
    void anotherAccountsWebhookIsNotFound() {
        Api owner = account();
        String id = create(owner, valid("https://a.example.com/x")).get("id").asText();
        Api other = account();
        var r = other.get("get_webhook", "/api/webhooks/" + id);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.error().at("/source/parameter").asText()).isEqualTo("id");
        assertThat(other.patch("update_webhook", "/api/webhooks/" + id, "{\"data\":{\"type\":\"webhook\",\"id\":\"" + id
                + "\",\"attributes\":{\"name\":\"x\"}}}").status()).isEqualTo(404);
        assertThat(other.delete("delete_webhook", "/api/webhooks/" + id, null).status()).isEqualTo(404);
        assertThat(other.get("get_webhooks", "/api/webhooks").data()).isEmpty();
        assertThat(owner.get("get_webhook", "/api/webhooks/" + id).status()).isEqualTo(200);
    }

    @Test
    void badCreatesAreRefusedAtTheirMemberAndStoreNothing() {
        Api api = account();
        String secret = "\"secret_key\":\"s3cret-key-0123456789\"";
        assertInvalid(api.post("create_webhook", "/api/webhooks", body("\"endpoint_url\":\"https://a.example.com\"," + secret, SUBSCRIBED)),
                "/data/attributes/name");
        assertInvalid(api.post("create_webhook", "/api/webhooks", body("\"name\":\"n\"," + secret, SUBSCRIBED)),
                "/data/attributes/endpoint_url");
        assertInvalid(api.post("create_webhook", "/api/webhooks", body("\"name\":\"n\",\"endpoint_url\":\"https://a.example.com\"", SUBSCRIBED)),
                "/data/attributes/secret_key");
        assertInvalid(api.post("create_webhook", "/api/webhooks", body("\"name\":\"  \",\"endpoint_url\":\"https://a.example.com\"," + secret, SUBSCRIBED)),
                "/data/attributes/name");
        assertInvalid(api.post("create_webhook", "/api/webhooks", body("\"name\":7,\"endpoint_url\":\"https://a.example.com\"," + secret, SUBSCRIBED)),
                "/data/attributes/name");
        assertInvalid(api.post("create_webhook", "/api/webhooks", body("\"name\":\"" + "n".repeat(256) + "\",\"endpoint_url\":\"https://a.example.com\"," + secret, SUBSCRIBED)),
                "/data/attributes/name");
        for (String url : List.of("ftp://a.example.com/x", "not a url", "/relative/path", "https://", "https://a.example.com/#frag")) {
            assertInvalid(api.post("create_webhook", "/api/webhooks", body("\"name\":\"n\",\"endpoint_url\":\"" + url + "\"," + secret, SUBSCRIBED)),
                    "/data/attributes/endpoint_url");
        }
        // enabled is not part of a create body (a new webhook is enabled), nor an unknown attribute.
        assertInvalid(api.post("create_webhook", "/api/webhooks", body("\"name\":\"n\",\"enabled\":false,\"endpoint_url\":\"https://a.example.com\"," + secret, SUBSCRIBED)),
                "/data/attributes/enabled");
        assertInvalid(api.post("create_webhook", "/api/webhooks", "{\"data\":{\"type\":\"webhook\",\"attributes\":{\"name\":\"n\","
                + "\"endpoint_url\":\"https://a.example.com\"," + secret + "}}}"), "/data/relationships");
        assertInvalid(api.post("create_webhook", "/api/webhooks", body("\"name\":\"n\",\"endpoint_url\":\"https://a.example.com\"," + secret)),
                "/data/relationships/webhook-topics/data");
        assertInvalid(api.post("create_webhook", "/api/webhooks", body("\"name\":\"n\",\"endpoint_url\":\"https://a.example.com\"," + secret,
                SUBSCRIBED, "event:klaviyo.opened_email")), "/data/relationships/webhook-topics/data/1/id");
        assertInvalid(api.post("create_webhook", "/api/webhooks", "{\"data\":{\"type\":\"webhook\",\"attributes\":{\"name\":\"n\","
                + "\"endpoint_url\":\"https://a.example.com\"," + secret + "},\"relationships\":{\"webhook-topics\":{\"data\":"
                + "[{\"type\":\"metric\",\"id\":\"" + SUBSCRIBED + "\"}]}}}}"), "/data/relationships/webhook-topics/data/0/type");
        assertInvalid(api.post("create_webhook", "/api/webhooks", "{\"data\":{\"type\":\"web-feed\",\"attributes\":{}}}"), "/data/type");
        assertInvalid(api.post("create_webhook", "/api/webhooks", "{\"data\":{\"type\":\"webhook\",\"id\":\"x\",\"attributes\":{}}}"), "/data/id");
        assertInvalid(api.post("create_webhook", "/api/webhooks", "{\"data\":{\"type\":\"webhook\",\"attributes\":[]}}"), "/data/attributes");
        assertThat(api.get("get_webhooks", "/api/webhooks").data()).isEmpty();
    }

    @Test
    void badUpdatesAreRefusedAtTheirMemberAndChangeNothing() {
        Api api = account();
        JsonNode w = create(api, valid("https://a.example.com/in"));
        String id = w.get("id").asText();
        String path = "/api/webhooks/" + id;
        String head = "{\"data\":{\"type\":\"webhook\",\"id\":\"" + id + "\",";
        assertInvalid(api.patch("update_webhook", path, head + "\"attributes\":{\"enabled\":\"yes\"}}}"), "/data/attributes/enabled");
        assertInvalid(api.patch("update_webhook", path, head + "\"attributes\":{\"name\":\"\"}}}"), "/data/attributes/name");
        assertInvalid(api.patch("update_webhook", path, head + "\"attributes\":{\"endpoint_url\":\"mailto:x@y.z\"}}}"), "/data/attributes/endpoint_url");
        assertInvalid(api.patch("update_webhook", path, head + "\"attributes\":{\"created_at\":\"2026-01-01T00:00:00Z\"}}}"), "/data/attributes/created_at");
        assertInvalid(api.patch("update_webhook", path, head + "\"attributes\":{},\"relationships\":{\"webhook-topics\":{\"data\":[]}}}}"),
                "/data/relationships/webhook-topics/data");
        assertInvalid(api.patch("update_webhook", path, head + "\"attributes\":{},\"relationships\":{\"topics\":{\"data\":[]}}}}"),
                "/data/relationships/topics");
        assertInvalid(api.patch("update_webhook", path, "{\"data\":{\"type\":\"webhook\",\"attributes\":{}}}"), "/data/id");
        var mismatch = api.patch("update_webhook", path, "{\"data\":{\"type\":\"webhook\",\"id\":\"OTHER\",\"attributes\":{}}}");
        assertThat(mismatch.status()).isEqualTo(409);
        assertThat(mismatch.error().at("/source/pointer").asText()).isEqualTo("/data/id");
        var missing = api.patch("update_webhook", "/api/webhooks/NOPE", "{\"data\":{\"type\":\"webhook\",\"id\":\"NOPE\",\"attributes\":{}}}");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(api.get("get_webhook", path).data()).isEqualTo(w);
    }

    @Test
    void theOperatorCanRequireHttpsEndpoints() {
        try (TestServer strict = TestServer.start(server.jdbcUrl(),
                java.util.Map.of(dev.openprofile.config.WebhookSettings.REQUIRE_HTTPS, "true"), clock)) {
            Api api = strict.api();
            var refused = api.post("create_webhook", "/api/webhooks", valid("http://127.0.0.1:9999/in"));
            assertInvalid(refused, "/data/attributes/endpoint_url");
            assertThat(refused.error().get("detail").asText()).contains("https");
            assertThat(api.post("create_webhook", "/api/webhooks", valid("https://secure.example.com/in")).status()).isEqualTo(201);
        }
        // By default an emulator's local receivers are accepted.
        assertThat(account().post("create_webhook", "/api/webhooks", valid("http://127.0.0.1:9999/in")).status()).isEqualTo(201);
    }

    @Test
    void theTopicCatalogueListsTheConsentAndMessageTopicsOpenProfileEmits() {
        Api api = account();
        var all = api.get("get_webhook_topics", "/api/webhook-topics");
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.data().findValuesAsText("id")).containsExactly(SUBSCRIBED, UNSUBSCRIBED,
                "event:klaviyo.manually_suppressed_from_email_marketing", "event:klaviyo.manually_unsuppressed_from_email_marketing",
                "event:klaviyo.subscribed_to_sms_marketing", "event:klaviyo.unsubscribed_from_sms_marketing",
                "event:klaviyo.received_email", "event:klaviyo.received_sms", "event:klaviyo.received_push");
        assertThat(all.data().get(0).has("attributes")).isFalse();
        var one = api.get("get_webhook_topic", "/api/webhook-topics/" + URLEncoder.encode(SUBSCRIBED, StandardCharsets.UTF_8));
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.data().get("id").asText()).isEqualTo(SUBSCRIBED);
        assertThat(one.data().at("/links/self").asText()).endsWith("/api/webhook-topics/" + SUBSCRIBED + "/");
        var unknown = api.get("get_webhook_topic", "/api/webhook-topics/event:klaviyo.opened_email");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.error().at("/source/parameter").asText()).isEqualTo("id");
    }

    @Test
    void readingNeedsWebhooksReadAndWritingWebhooksWrite() {
        Api reader = server.api(server.createKey("hooks-scoped-" + UUID.randomUUID(), Set.of("webhooks:read")));
        assertThat(reader.get("get_webhooks", "/api/webhooks").status()).isEqualTo(200);
        assertThat(reader.get("get_webhook_topics", "/api/webhook-topics").status()).isEqualTo(200);
        assertThat(reader.post("create_webhook", "/api/webhooks", valid("https://a.example.com")).status()).isEqualTo(403);
        Api none = server.api(server.createKey("hooks-none-" + UUID.randomUUID(), Set.of("profiles:read")));
        assertThat(none.get("get_webhooks", "/api/webhooks").status()).isEqualTo(403);
    }
}
