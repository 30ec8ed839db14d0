package dev.openprofile.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.testing.AdminApi;
import dev.openprofile.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An account's private keys over the admin API: listed without the keys, created (the key in the answer, working
 * against the API at once, with the scopes asked), revoked (refused by the API then), and the precise 4xx of a bad
 * request, another account's key or no such account.
 */
class KeyAdminTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    record Answer(int status, JsonNode body, String text) {
        JsonNode error() {
            assertThat(body.get("errors")).hasSize(1);
            return body.get("errors").get(0);
        }
    }

    static Answer admin(String method, String path, String body) throws Exception {
        var r = AdminApi.send(server, method, path, body);
        return new Answer(r.statusCode(), r.body().isEmpty() ? null : Json.MAPPER.readTree(r.body()), r.body());
    }

    @Test
    void aKeyIsCreatedShownOnceListedWithoutItAndRevoked() throws Exception {
        var account = server.newAccount("keys-");
        Answer created = admin("POST", "/admin/accounts/" + account.name() + "/keys",
                "{\"label\":\"checkout\",\"scopes\":[\"profiles:read\"]}");
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String key = created.body().get("key").asText();
        String id = created.body().get("id").asText();
        assertThat(key).matches("pk_[A-Za-z0-9]{34}");
        assertThat(created.body().get("label").asText()).isEqualTo("checkout");
        assertThat(created.body().get("scopes").findValuesAsText("")).isEmpty();
        assertThat(created.body().get("scopes").get(0).asText()).isEqualTo("profiles:read");
        assertThat(created.body().get("revoked").isNull()).isTrue();

        // The key works with its scopes, and only them.
        assertThat(server.api(key).get("get_profiles", "/api/profiles").status()).isEqualTo(200);
        assertThat(server.api(key).get("get_lists", "/api/lists").status()).isEqualTo(403);

        Answer list = admin("GET", "/admin/accounts/" + account.name() + "/keys", null);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body().get("keys").findValuesAsText("id")).contains(id);
        assertThat(list.text()).doesNotContain(key).doesNotContain("\"key\"");

        assertThat(admin("DELETE", "/admin/accounts/" + account.name() + "/keys/" + id, null).status()).isEqualTo(204);
        // Refused once the key cache (5 s) lets go of the key this test just used.
        awaitStatus(key, 401);
        JsonNode revoked = admin("GET", "/admin/accounts/" + account.name() + "/keys", null).body().get("keys");
        for (JsonNode k : revoked) if (k.get("id").asText().equals(id)) assertThat(k.get("revoked").asText()).isNotBlank();
        // Revoking it again: no active key has that id.
        Answer again = admin("DELETE", "/admin/accounts/" + account.name() + "/keys/" + id, null);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.error().at("/source/parameter").asText()).isEqualTo("key_id");
    }

    /** Polls get_profiles with {@code key} until it answers {@code status} (10 s at most). */
    static void awaitStatus(String key, int status) throws InterruptedException {
        long end = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        while (server.api(key).get("get_profiles", "/api/profiles").status() != status) {
            if (System.nanoTime() > end) throw new AssertionError("the key did not answer " + status + " in 10 s");
            Thread.sleep(100);
        }
    }

    @Test
    void withoutScopesAKeyHasEveryScope() throws Exception {
        var account = server.newAccount("keys-all-");
        Answer created = admin("POST", "/admin/accounts/" + account.name() + "/keys", null);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.body().get("scopes").get(0).asText()).isEqualTo("*");
        assertThat(server.api(created.body().get("key").asText()).get("get_lists", "/api/lists").status()).isEqualTo(200);
    }

    @Test
    void anotherAccountsKeyIsNotRevokedThroughThisOne() throws Exception {
        var mine = server.newAccount("keys-mine-");
        var other = server.newAccount("keys-other-");
        Answer theirs = admin("POST", "/admin/accounts/" + other.name() + "/keys", "{}");
        Answer refused = admin("DELETE", "/admin/accounts/" + mine.name() + "/keys/" + theirs.body().get("id").asText(), null);
        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.error().get("detail").asText()).contains(mine.name());
        assertThat(server.api(theirs.body().get("key").asText()).get("get_lists", "/api/lists").status()).isEqualTo(200);
    }

    @Test
    void aBadRequestIsA4xxPointingAtItsMember() throws Exception {
        var account = server.newAccount("keys-bad-");
        String path = "/admin/accounts/" + account.name() + "/keys";
        Answer scope = admin("POST", path, "{\"scopes\":[\"profiles:read\",\"everything\"]}");
        assertThat(scope.status()).isEqualTo(400);
        assertThat(scope.error().at("/source/pointer").asText()).isEqualTo("/scopes/1");
        assertThat(scope.error().get("detail").asText()).contains("'everything' is not a scope");
        Answer empty = admin("POST", path, "{\"scopes\":[]}");
        assertThat(empty.error().at("/source/pointer").asText()).isEqualTo("/scopes");
        Answer label = admin("POST", path, "{\"label\":7}");
        assertThat(label.error().at("/source/pointer").asText()).isEqualTo("/label");
        Answer unknown = admin("POST", path, "{\"key\":\"pk_mine\"}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.error().at("/source/pointer").asText()).isEqualTo("/key");
        Answer noAccount = admin("GET", "/admin/accounts/no-such-account-here/keys", null);
        assertThat(noAccount.status()).isEqualTo(404);
        assertThat(noAccount.error().at("/source/parameter").asText()).isEqualTo("name");
        // Nothing was created by the refused requests.
        assertThat(admin("GET", path, null).body().get("keys")).hasSize(1);
        // Without the admin key: 401.
        assertThat(AdminApi.send(server, "GET", path, null, "wrong").statusCode()).isEqualTo(401);
    }
}
