package dev.openprofile.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.testing.AdminApi;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.TestServer;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GET /admin/requests: each account's last requests, newest first, with bodies on request and never a key. */
class RequestJournalTest {
    static TestServer server;
    static Api api;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = server.api();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static JsonNode journal(String query) throws Exception {
        var r = AdminApi.send(server, "GET", "/admin/requests" + query, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        return Json.MAPPER.readTree(r.body()).get("data");
    }

    static String profile(String email) {
        return "{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"" + email + "\"}}}";
    }

    @Test
    void anAccountsRequestsNewestFirstWithEveryMember() throws Exception {
        String key = server.createKey("journal-order", Set.of("profiles:read", "profiles:write"));
        Api other = server.api(key);
        var created = other.post("create_profile", "/api/profiles", profile("order@journal.example.com"));
        assertThat(created.status()).isEqualTo(201);
        var read = other.get("get_profiles", "/api/profiles?page%5Bsize%5D=5");
        var missing = other.get("get_profile", "/api/profiles/nope");
        assertThat(missing.status()).isEqualTo(404);

        JsonNode entries = journal("?account=journal-order");
        assertThat(entries).hasSize(3);
        assertThat(entries.findValuesAsText("operation")).containsExactly("get_profile", "get_profiles", "create_profile");
        JsonNode newest = entries.get(0);
        assertThat(newest.get("method").asText()).isEqualTo("GET");
        assertThat(newest.get("path").asText()).isEqualTo("/api/profiles/nope");
        assertThat(newest.get("query").isNull()).isTrue();
        assertThat(newest.get("status").asInt()).isEqualTo(404);
        assertThat(newest.get("request_id").asText()).isEqualTo(missing.headers().firstValue("X-Request-Id").orElseThrow());
        assertThat(newest.get("duration_ms").isNumber()).isTrue();
        assertThat(newest.get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+00:00");
        assertThat(newest.has("body")).as("bodies only when asked").isFalse();
        assertThat(entries.get(1).get("query").asText()).isEqualTo("page%5Bsize%5D=5");
        assertThat(entries.get(1).get("request_id").asText()).isEqualTo(read.headers().firstValue("X-Request-Id").orElseThrow());
        assertThat(entries.get(2).get("status").asInt()).isEqualTo(201);
        // Accounts are apart: the default account's journal holds none of these.
        assertThat(journal("?account=default&limit=1000").findValuesAsText("path")).doesNotContain("/api/profiles/nope");
    }

    @Test
    void limitKeepsTheNewestAndBodiesAreAddedWithoutTheKey() throws Exception {
        String key = server.createKey("journal-bodies", Set.of("profiles:read", "profiles:write"));
        Api other = server.api(key);
        for (int i = 0; i < 3; i++) {
            assertThat(other.post("create_profile", "/api/profiles", profile("b" + i + "@journal.example.com")).status())
                    .isEqualTo(201);
        }
        JsonNode two = journal("?account=journal-bodies&limit=2&bodies=true");
        assertThat(two).hasSize(2);
        assertThat(two.get(0).get("body").asText()).isEqualTo(profile("b2@journal.example.com"));
        assertThat(two.get(1).get("body").asText()).isEqualTo(profile("b1@journal.example.com"));
        assertThat(two.toString()).as("the key is never stored").doesNotContain(key).doesNotContain("Klaviyo-API-Key");
        other.get("get_profiles", "/api/profiles");
        assertThat(journal("?account=journal-bodies&limit=1&bodies=true").get(0).get("body").isNull())
                .as("a request without a body").isTrue();
    }

    @Test
    void aBodyIsCutAt64KilobytesAndUnauthenticatedRequestsBelongToNoJournal() throws Exception {
        String key = server.createKey("journal-big", Set.of("profiles:read", "profiles:write"));
        String big = "{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"big@journal.example.com\","
                + "\"properties\":{\"notes\":\"" + "x".repeat(80_000) + "\"}}}}";
        var created = server.api(key).post("create_profile", "/api/profiles", big);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        var wrongKey = server.api("pk_" + "x".repeat(34)).get("get_profiles", "/api/profiles");
        assertThat(wrongKey.status()).isEqualTo(401);
        JsonNode entries = journal("?account=journal-big&bodies=true");
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).get("body").asText()).hasSize(64 * 1024).startsWith("{\"data\"");
        String wrongId = wrongKey.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(journal("?account=default").findValuesAsText("request_id")).doesNotContain(wrongId);
    }

    @Test
    void badParametersAreNamed() throws Exception {
        for (var bad : Map.of("?limit=0", "limit", "?limit=abc", "limit", "?limit=1001", "limit", "?bodies=yes", "bodies")
                .entrySet()) {
            var r = AdminApi.send(server, "GET", "/admin/requests" + bad.getKey(), null);
            assertThat(r.statusCode()).as(bad.getKey()).isEqualTo(400);
            assertThat(Json.MAPPER.readTree(r.body()).at("/errors/0/source/parameter").asText()).isEqualTo(bad.getValue());
        }
        var unknown = AdminApi.send(server, "GET", "/admin/requests?account=no-such-account", null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(Json.MAPPER.readTree(unknown.body()).at("/errors/0/source/parameter").asText()).isEqualTo("account");
    }

    @Test
    void theJournalNeedsTheAdminKey() throws Exception {
        assertThat(AdminApi.send(server, "GET", "/admin/requests", null, null).statusCode()).isEqualTo(401);
        var wrong = AdminApi.send(server, "GET", "/admin/requests", null, "wrong-admin-key-0123456789");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).doesNotContain("\"data\"");
    }
}
