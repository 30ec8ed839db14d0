package dev.openprofile.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.testing.AdminApi;
import dev.openprofile.testing.Cli;
import dev.openprofile.testing.TestServer;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reading and changing account settings: {@code /admin/accounts} (admin key, Klaviyo-format errors
 * with the pointer of the bad setting) and {@code openprofile accounts} (clear message, non-zero exit).
 */
class AccountSettingsTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        server.createKey("settings", Set.of("*"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    record Answer(int status, JsonNode body) {
        JsonNode error() {
            assertThat(body.get("errors")).hasSize(1);
            return body.get("errors").get(0);
        }
    }

    static Answer admin(String method, String path, String body) throws Exception {
        var r = AdminApi.send(server, method, path, body);
        return new Answer(r.statusCode(), Json.MAPPER.readTree(r.body()));
    }

    static Cli.Run cli(String... args) {
        String[] all = Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--database-url";
        all[args.length + 1] = server.jdbcUrl();
        return Cli.run(all);
    }

    @Test
    void anAccountShowsItsSettingsWithKlaviyosDefaults() throws Exception {
        Answer one = admin("GET", "/admin/accounts/settings", null);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.body().get("name").asText()).isEqualTo("settings");
        assertThat(one.body().get("unsubscribe_scope").asText()).isEqualTo("global");
        assertThat(one.body().get("default_opt_in").asText()).isEqualTo("single_opt_in");
        assertThat(one.body().get("account_id").asText()).isNotBlank();
        assertThat(one.body().get("public_key").asText()).hasSize(6);

        Answer all = admin("GET", "/admin/accounts", null);
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.body().get("accounts").findValuesAsText("name")).contains("default", "settings");
    }

    @Test
    void aBadSettingIsA400PointingAtIt() throws Exception {
        Answer value = admin("PATCH", "/admin/accounts/settings", "{\"unsubscribe_scope\":\"sometimes\"}");
        assertThat(value.status()).isEqualTo(400);
        assertThat(value.error().get("code").asText()).isEqualTo("invalid");
        assertThat(value.error().at("/source/pointer").asText()).isEqualTo("/unsubscribe_scope");
        assertThat(value.error().get("detail").asText()).contains("'global' or 'list'", "sometimes");

        Answer notText = admin("PATCH", "/admin/accounts/settings", "{\"unsubscribe_scope\":true}");
        assertThat(notText.status()).isEqualTo(400);
        assertThat(notText.error().at("/source/pointer").asText()).isEqualTo("/unsubscribe_scope");

        Answer readOnly = admin("PATCH", "/admin/accounts/settings", "{\"unsubscribe_scope\":\"list\",\"public_key\":\"ABCDEF\"}");
        assertThat(readOnly.status()).isEqualTo(400);
        assertThat(readOnly.error().at("/source/pointer").asText()).isEqualTo("/public_key");

        Answer notAnObject = admin("PATCH", "/admin/accounts/settings", "[\"list\"]");
        assertThat(notAnObject.status()).isEqualTo(400);
        assertThat(notAnObject.error().at("/source/pointer").asText()).isEqualTo("/");

        // Nothing was applied by the refused requests.
        assertThat(admin("GET", "/admin/accounts/settings", null).body().get("unsubscribe_scope").asText()).isEqualTo("global");
    }

    @Test
    void anUnknownAccountIsA404AndTheAdminKeyIsRequired() throws Exception {
        Answer unknown = admin("PATCH", "/admin/accounts/nobody", "{\"unsubscribe_scope\":\"list\"}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.error().get("code").asText()).isEqualTo("not_found");
        assertThat(unknown.error().at("/source/parameter").asText()).isEqualTo("name");
        assertThat(admin("GET", "/admin/accounts/nobody", null).status()).isEqualTo(404);

        assertThat(AdminApi.send(server, "PATCH", "/admin/accounts/settings", "{\"unsubscribe_scope\":\"list\"}", null)
                .statusCode()).isEqualTo(401);
        assertThat(AdminApi.send(server, "GET", "/admin/accounts", null, "not-the-admin-key-000").statusCode()).isEqualTo(401);
    }

    @Test
    void theCliShowsListsAndSetsAndRefusesWhatTheApiRefuses() throws Exception {
        Cli.Run show = cli("accounts", "show", "default");
        assertThat(show.exit()).isZero();
        assertThat(Json.MAPPER.readTree(show.out()).get("unsubscribe_scope").asText()).isEqualTo("global");

        server.createKey("cli-settings", Set.of("*"));
        Cli.Run set = cli("accounts", "set", "cli-settings", "--unsubscribe-scope", "list");
        assertThat(set.exit()).isZero();
        assertThat(admin("GET", "/admin/accounts/cli-settings", null).body().get("unsubscribe_scope").asText()).isEqualTo("list");
        Cli.Run list = cli("accounts", "list");
        assertThat(list.exit()).isZero();
        assertThat(list.out().lines().filter(l -> l.startsWith("cli-settings ")).findFirst().orElseThrow()).contains("list");

        assertThat(cli("accounts", "set", "cli-settings", "--unsubscribe-scope", "sometimes").exit()).isEqualTo(2);
        assertThat(cli("accounts", "set", "nobody", "--unsubscribe-scope", "list").exit()).isEqualTo(1);
        assertThat(cli("accounts", "show", "nobody").exit()).isEqualTo(1);
        assertThat(cli("accounts", "set", "cli-settings").exit()).isNotZero();
        assertThat(admin("GET", "/admin/accounts/cli-settings", null).body().get("unsubscribe_scope").asText()).isEqualTo("list");
    }
}
