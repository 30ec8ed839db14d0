package dev.openprofile.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.testing.AdminApi;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.TestServer;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** get_accounts and get_account: a key sees its own account, as its operator set it, and nothing of another's. */
class AccountsApiTest {
    static TestServer server;
    static Api shop;
    static String shopPublicKey;
    static String otherPublicKey;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        shop = server.api(server.createKey("shop", Set.of("*")));
        server.createKey("other-shop", Set.of("*"));
        shopPublicKey = adminGet("shop").get("public_key").asText();
        otherPublicKey = adminGet("other-shop").get("public_key").asText();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static JsonNode adminGet(String name) throws Exception {
        return Json.MAPPER.readTree(AdminApi.send(server, "GET", "/admin/accounts/" + name, null).body());
    }

    @Test
    void aKeySeesItsOwnAccountWithKlaviyosDefaults() {
        Api.Response all = shop.get("get_accounts", "/api/accounts");
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.data()).hasSize(1);
        JsonNode account = all.data().get(0);
        assertThat(account.get("type").asText()).isEqualTo("account");
        assertThat(account.get("id").asText()).isEqualTo(shopPublicKey);
        JsonNode a = account.get("attributes");
        assertThat(a.get("public_api_key").asText()).isEqualTo(shopPublicKey);
        assertThat(a.get("test_account").asBoolean()).isFalse();
        assertThat(a.get("timezone").asText()).isEqualTo("UTC");
        assertThat(a.get("preferred_currency").asText()).isEqualTo("USD");
        assertThat(a.get("locale").asText()).isEqualTo("en-US");
        assertThat(a.get("industry").isNull()).isTrue();
        assertThat(a.at("/contact_information/organization_name").asText()).isEqualTo("shop");
        assertThat(a.at("/contact_information/default_sender_name").asText()).isEqualTo("shop");
        assertThat(a.at("/contact_information/default_sender_email").asText()).isEmpty();
        assertThat(a.at("/contact_information/street_address/city").isNull()).isTrue();
        assertThat(account.at("/links/self").asText()).endsWith("/api/accounts/" + shopPublicKey + "/");

        Api.Response one = shop.get("get_account", "/api/accounts/" + shopPublicKey);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.data()).isEqualTo(account);
    }

    @Test
    void whatTheOperatorSetsIsWhatTheApiShows() throws Exception {
        server.createKey("configured", Set.of("*"));
        Api configured = server.api(server.createKey("configured", Set.of("accounts:read")));
        AdminApi.send(server, "PATCH", "/admin/accounts/configured", """
                {"timezone":"US/Eastern","preferred_currency":"CAD","locale":"fr-CA","industry":"Software / SaaS",
                 "test_account":true,"contact_information":{"organization_name":"Configured Inc",
                 "default_sender_email":"hello@configured.example","street_address":{"city":"Montreal","country":"CA"}}}""");
        JsonNode a = configured.get("get_accounts", "/api/accounts").data().get(0).get("attributes");
        assertThat(a.get("timezone").asText()).isEqualTo("US/Eastern");
        assertThat(a.get("preferred_currency").asText()).isEqualTo("CAD");
        assertThat(a.get("locale").asText()).isEqualTo("fr-CA");
        assertThat(a.get("industry").asText()).isEqualTo("Software / SaaS");
        assertThat(a.get("test_account").asBoolean()).isTrue();
        assertThat(a.at("/contact_information/organization_name").asText()).isEqualTo("Configured Inc");
        assertThat(a.at("/contact_information/default_sender_name").asText()).isEqualTo("configured");
        assertThat(a.at("/contact_information/default_sender_email").asText()).isEqualTo("hello@configured.example");
        assertThat(a.at("/contact_information/street_address/country").asText()).isEqualTo("CA");
    }

    @Test
    void sparseFieldsetsReachIntoTheContactInformation() {
        Api.Response r = shop.get("get_accounts",
                "/api/accounts?fields%5Baccount%5D=timezone,contact_information.street_address.city");
        assertThat(r.status()).isEqualTo(200);
        JsonNode a = r.data().get(0).get("attributes");
        assertThat(a.properties()).extracting(java.util.Map.Entry::getKey).containsExactlyInAnyOrder("timezone", "contact_information");
        assertThat(a.get("contact_information").properties()).extracting(java.util.Map.Entry::getKey).containsExactly("street_address");
        assertThat(a.at("/contact_information/street_address").properties()).hasSize(1);

        Api.Response bad = shop.get("get_accounts", "/api/accounts?fields%5Baccount%5D=secret");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.error().at("/source/parameter").asText()).isEqualTo("fields[account]");
    }

    @Test
    void anotherAccountsIdOrAnUnknownIdIsA404() {
        for (String id : new String[] {otherPublicKey, "ZZZZZZ", "01HXXXXXXXXXXXXXXXXXXXXXXX"}) {
            Api.Response r = shop.get("get_account", "/api/accounts/" + id);
            assertThat(r.status()).as(id).isEqualTo(404);
            assertThat(r.error().get("code").asText()).isEqualTo("not_found");
            assertThat(r.error().at("/source/parameter").asText()).isEqualTo("id");
        }
    }

    @Test
    void readingAccountsNeedsTheAccountsReadScope() {
        Api noScope = server.api(server.createKey("shop", Set.of("profiles:read")));
        Api.Response r = noScope.get("get_accounts", "/api/accounts");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.error().get("code").asText()).isEqualTo("permission_denied");
        assertThat(noScope.get("get_account", "/api/accounts/" + shopPublicKey).status()).isEqualTo(403);
    }
}
