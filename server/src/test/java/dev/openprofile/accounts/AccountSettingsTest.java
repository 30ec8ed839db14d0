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

    @Test
    void everySettingIsStoredAndShown() throws Exception {
        server.createKey("full-settings", Set.of("*"));
        Answer set = admin("PATCH", "/admin/accounts/full-settings", """
                {"default_opt_in":"double_opt_in","timezone":"Europe/Paris","preferred_currency":"EUR","locale":"fr-FR",
                 "industry":"Retail","test_account":true,
                 "contact_information":{"organization_name":"Acme SARL","default_sender_name":"Acme",
                   "default_sender_email":"news@acme.example","website_url":"https://acme.example",
                   "street_address":{"address1":"1 rue de la Paix","city":"Paris","country":"FR","zip":"75002"}}}""");
        assertThat(set.status()).isEqualTo(200);
        JsonNode a = admin("GET", "/admin/accounts/full-settings", null).body();
        assertThat(a.get("default_opt_in").asText()).isEqualTo("double_opt_in");
        assertThat(a.get("timezone").asText()).isEqualTo("Europe/Paris");
        assertThat(a.get("preferred_currency").asText()).isEqualTo("EUR");
        assertThat(a.get("locale").asText()).isEqualTo("fr-FR");
        assertThat(a.get("industry").asText()).isEqualTo("Retail");
        assertThat(a.get("test_account").asBoolean()).isTrue();
        assertThat(a.at("/contact_information/organization_name").asText()).isEqualTo("Acme SARL");
        assertThat(a.at("/contact_information/default_sender_email").asText()).isEqualTo("news@acme.example");
        assertThat(a.at("/contact_information/street_address/city").asText()).isEqualTo("Paris");
        assertThat(a.at("/contact_information/street_address/region").isNull()).isTrue();

        // A merge patch: a nested key changes alone, the rest stays; null clears what may be null.
        admin("PATCH", "/admin/accounts/full-settings",
                "{\"industry\":null,\"contact_information\":{\"street_address\":{\"city\":\"Lyon\"}}}");
        JsonNode b = admin("GET", "/admin/accounts/full-settings", null).body();
        assertThat(b.get("industry").isNull()).isTrue();
        assertThat(b.at("/contact_information/street_address/city").asText()).isEqualTo("Lyon");
        assertThat(b.at("/contact_information/street_address/zip").asText()).isEqualTo("75002");
        assertThat(b.at("/contact_information/organization_name").asText()).isEqualTo("Acme SARL");
        assertThat(b.get("timezone").asText()).isEqualTo("Europe/Paris");
    }

    @Test
    void eachBadValuePointsAtItsSettingAndChangesNothing() throws Exception {
        server.createKey("strict-settings", Set.of("*"));
        JsonNode before = admin("GET", "/admin/accounts/strict-settings", null).body();
        String[][] cases = {
                {"{\"timezone\":\"Mars/Olympus\"}", "/timezone"},
                {"{\"timezone\":5}", "/timezone"},
                {"{\"preferred_currency\":\"usd\"}", "/preferred_currency"},
                {"{\"preferred_currency\":\"XYZ\"}", "/preferred_currency"},
                {"{\"locale\":\"not a locale\"}", "/locale"},
                {"{\"default_opt_in\":\"triple_opt_in\"}", "/default_opt_in"},
                {"{\"test_account\":\"yes\"}", "/test_account"},
                {"{\"industry\":[]}", "/industry"},
                {"{\"name\":\"\"}", "/name"},
                {"{\"contact_information\":\"Acme\"}", "/contact_information"},
                {"{\"contact_information\":{\"default_sender_email\":\"not-an-email\"}}", "/contact_information/default_sender_email"},
                {"{\"contact_information\":{\"default_sender_name\":null}}", "/contact_information/default_sender_name"},
                {"{\"contact_information\":{\"website_url\":\"ftp://x\"}}", "/contact_information/website_url"},
                {"{\"contact_information\":{\"fax\":\"1\"}}", "/contact_information/fax"},
                {"{\"contact_information\":{\"street_address\":{\"country\":\"USA\"}}}", "/contact_information/street_address/country"},
                {"{\"contact_information\":{\"street_address\":{\"planet\":\"Earth\"}}}", "/contact_information/street_address/planet"},
                {"{\"timezone\":\"UTC\",\"preferred_currency\":\"EURO\"}", "/preferred_currency"},
        };
        for (String[] c : cases) {
            Answer a = admin("PATCH", "/admin/accounts/strict-settings", c[0]);
            assertThat(a.status()).as(c[0]).isEqualTo(400);
            assertThat(a.error().at("/source/pointer").asText()).as(c[0]).isEqualTo(c[1]);
        }
        assertThat(admin("GET", "/admin/accounts/strict-settings", null).body()).isEqualTo(before);
    }

    @Test
    void accountsAreCreatedAndRenamedWithTheirKeysIntact() throws Exception {
        Answer created = admin("POST", "/admin/accounts", "{\"name\":\"made-by-admin\",\"timezone\":\"US/Eastern\"}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().get("timezone").asText()).isEqualTo("US/Eastern");
        assertThat(created.body().get("unsubscribe_scope").asText()).isEqualTo("global");
        assertThat(created.body().get("public_key").asText()).hasSize(6);
        assertThat(admin("POST", "/admin/accounts", "{\"name\":\"made-by-admin\"}").status()).isEqualTo(409);
        Answer badSetting = admin("POST", "/admin/accounts", "{\"name\":\"never-made\",\"locale\":7}");
        assertThat(badSetting.status()).isEqualTo(400);
        assertThat(badSetting.error().at("/source/pointer").asText()).isEqualTo("/locale");
        assertThat(admin("GET", "/admin/accounts/never-made", null).status()).isEqualTo(404);
        assertThat(admin("POST", "/admin/accounts", "{\"timezone\":\"UTC\"}").error().at("/source/pointer").asText())
                .isEqualTo("/name");

        String key = server.createKey("to-rename", Set.of("*"));
        String publicKey = admin("GET", "/admin/accounts/to-rename", null).body().get("public_key").asText();
        Answer taken = admin("PATCH", "/admin/accounts/to-rename", "{\"name\":\"made-by-admin\"}");
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.error().at("/source/pointer").asText()).isEqualTo("/name");
        assertThat(admin("PATCH", "/admin/accounts/to-rename", "{\"name\":\"renamed\"}").status()).isEqualTo(200);
        assertThat(admin("GET", "/admin/accounts/to-rename", null).status()).isEqualTo(404);
        assertThat(admin("GET", "/admin/accounts/renamed", null).body().get("public_key").asText()).isEqualTo(publicKey);
        assertThat(server.api(key).get("get_accounts", "/api/accounts").data().get(0).get("id").asText()).isEqualTo(publicKey);
    }

    @Test
    void theCliCreatesAccountsAndSetsEverySetting() throws Exception {
        Cli.Run create = cli("accounts", "create", "cli-made", "--timezone", "Asia/Tokyo", "--currency", "JPY");
        assertThat(create.exit()).isZero();
        assertThat(Json.MAPPER.readTree(create.out()).get("preferred_currency").asText()).isEqualTo("JPY");
        assertThat(cli("accounts", "create", "cli-made").exit()).isEqualTo(2);

        Cli.Run set = cli("accounts", "set", "cli-made", "--default-opt-in", "double_opt_in", "--locale", "ja-JP",
                "--industry", "Games", "--test-account", "true", "--organization-name", "Tokyo Games",
                "--sender-name", "TG", "--sender-email", "hi@tg.example", "--website-url", "https://tg.example",
                "--address1", "1-1", "--address2", "B", "--city", "Tokyo", "--region", "Tokyo", "--country", "JP", "--zip", "100");
        assertThat(set.exit()).isZero();
        JsonNode a = admin("GET", "/admin/accounts/cli-made", null).body();
        assertThat(a.get("default_opt_in").asText()).isEqualTo("double_opt_in");
        assertThat(a.get("locale").asText()).isEqualTo("ja-JP");
        assertThat(a.get("industry").asText()).isEqualTo("Games");
        assertThat(a.get("test_account").asBoolean()).isTrue();
        assertThat(a.get("timezone").asText()).isEqualTo("Asia/Tokyo");
        assertThat(a.get("contact_information")).isEqualTo(Json.MAPPER.readTree("""
                {"default_sender_name":"TG","default_sender_email":"hi@tg.example","website_url":"https://tg.example",
                 "organization_name":"Tokyo Games","street_address":{"address1":"1-1","address2":"B","city":"Tokyo",
                 "region":"Tokyo","country":"JP","zip":"100"}}"""));

        assertThat(cli("accounts", "set", "cli-made", "--country", "Japan").exit()).isEqualTo(2);
        assertThat(cli("accounts", "set", "cli-made", "--rename", "cli-renamed").exit()).isZero();
        assertThat(cli("accounts", "show", "cli-renamed").exit()).isZero();
        assertThat(admin("GET", "/admin/accounts/cli-renamed", null).body().at("/contact_information/street_address/country")
                .asText()).isEqualTo("JP");
    }
}
