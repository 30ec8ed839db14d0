package dev.openprofile.clientconfig;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.testing.AdminApi;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.TestServer;
import java.util.Collections;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * get_client_geofences and get_client_ip_allowlist answer what the operator configured through /admin:
 * nothing (an empty collection, a 404) until then; geofences nearest the X-Klaviyo-API-Filters point first.
 */
class ClientConfigTest {
    static final String NEW_YORK = "{\"id\":\"nyc\",\"latitude\":40.7128,\"longitude\":-74.006,\"radius\":500}";
    static final String LONDON = "{\"id\":\"lon\",\"latitude\":51.5074,\"longitude\":-0.1278,\"radius\":250.5}";
    static final String PARIS = "{\"id\":\"par\",\"latitude\":48.8566,\"longitude\":2.3522,\"radius\":100}";

    static TestServer server;
    static Api client;
    static String company;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        client = server.clientApi();
        company = server.publicKey("default");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static JsonNode admin(String method, String path, String body, int status) throws Exception {
        var r = AdminApi.send(server, method, path, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return r.body().isEmpty() ? null : Json.MAPPER.readTree(r.body());
    }

    static Api.Response geofences(String query, String filter) {
        return client.send("get_client_geofences", "GET", "/client/geofences?company_id=" + company + query, null,
                Collections.singletonMap("X-Klaviyo-API-Filters", filter));
    }

    @Test
    void geofencesAreEmptyUntilConfiguredThenNearestFirst() throws Exception {
        String other = server.publicKey("geo-other");
        admin("DELETE", "/admin/accounts/default/geofences", null, 204);
        assertThat(geofences("", null).data()).isEmpty();
        JsonNode put = admin("PUT", "/admin/accounts/default/geofences",
                "{\"geofences\":[" + NEW_YORK + "," + LONDON + "," + PARIS + "]}", 200);
        assertThat(put.get("geofences")).hasSize(3);
        assertThat(geofences("", null).data().findValuesAsText("id")).containsExactly("lon", "nyc", "par");
        var nearParis = geofences("", "and(equals(lat,48.85),equals(lng,2.35))");
        assertThat(nearParis.data().findValuesAsText("id")).containsExactly("par", "lon", "nyc");
        JsonNode first = nearParis.data().get(0);
        assertThat(first.get("type").asText()).isEqualTo("geofence");
        assertThat(first.at("/attributes/latitude").asDouble()).isEqualTo(48.8566);
        assertThat(first.at("/attributes/radius").asDouble()).isEqualTo(100);
        // Another account sees none of them.
        var elsewhere = client.get("get_client_geofences", "/client/geofences?company_id=" + other);
        assertThat(elsewhere.data()).isEmpty();
    }

    @Test
    void geofencePagesFollowTheDistanceOrder() throws Exception {
        admin("PUT", "/admin/accounts/default/geofences", "{\"geofences\":[" + NEW_YORK + "," + LONDON + "," + PARIS + "]}", 200);
        String filter = "and(equals(lat,40.7),equals(lng,-74))";
        var page = geofences("&page[size]=2", filter);
        assertThat(page.data().findValuesAsText("id")).containsExactly("nyc", "lon");
        String next = page.body().at("/links/next").asText();
        assertThat(next).contains("company_id=" + company);
        var second = client.send("get_client_geofences", "GET", next.substring(server.baseUrl().length()), null,
                Map.of("X-Klaviyo-API-Filters", filter));
        assertThat(second.data().findValuesAsText("id")).containsExactly("par");
        var sparse = geofences("&fields[geofence]=radius", null);
        assertThat(sparse.data().get(0).get("attributes").has("latitude")).isFalse();
        assertThat(sparse.data().get(0).at("/attributes/radius").isNumber()).isTrue();
    }

    @Test
    void aBadFilterHeaderIs400OnTheHeader() {
        for (String bad : new String[] {"equals(lat,40)", "and(equals(lat,40),equals(lng,\"x\"))", "greater-than(lat,1)",
                "and(equals(lat,91),equals(lng,0))", "equals(city,\"Paris\")", "and(equals(lat,1),"}) {
            var r = geofences("", bad);
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.error().at("/source/parameter").asText()).isEqualTo("X-Klaviyo-API-Filters");
        }
    }

    @Test
    void theIpAllowListIs404UntilConfiguredAndItsTokenMovesOnlyWithItsPrefixes() throws Exception {
        admin("DELETE", "/admin/accounts/default/ip-allowlists", null, 204);
        String path = "/client/ip-allowlists/integration-egress?company_id=" + company;
        assertThat(client.get("get_client_ip_allowlist", path).status()).isEqualTo(404);
        admin("GET", "/admin/accounts/default/ip-allowlists", null, 404);
        JsonNode set = admin("PUT", "/admin/accounts/default/ip-allowlists",
                "{\"prefixes\":[\"198.51.100.0/24\",\"192.0.2.0/24\"]}", 200);
        var r = client.get("get_client_ip_allowlist", path);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.data().get("id").asText()).isEqualTo("integration-egress");
        assertThat(r.data().at("/attributes/prefixes/0").asText()).isEqualTo("192.0.2.0/24");
        assertThat(r.data().at("/attributes/prefixes/1").asText()).isEqualTo("198.51.100.0/24");
        assertThat(r.data().at("/attributes/sync_token").asText()).isEqualTo(set.get("sync_token").asText());
        // The same set in another order: nothing changes; another set: a new token.
        JsonNode same = admin("PUT", "/admin/accounts/default/ip-allowlists",
                "{\"prefixes\":[\"192.0.2.0/24\",\"198.51.100.0/24\"]}", 200);
        assertThat(same.get("sync_token").asText()).isEqualTo(set.get("sync_token").asText());
        assertThat(same.get("created").asText()).isEqualTo(set.get("created").asText());
        JsonNode changed = admin("PUT", "/admin/accounts/default/ip-allowlists", "{\"prefixes\":[\"203.0.113.0/24\"]}", 200);
        assertThat(changed.get("sync_token").asText()).isNotEqualTo(set.get("sync_token").asText());
        // Any other id is a 404 (spec); company_id and revision are optional here, the default account answers.
        assertThat(client.get("get_client_ip_allowlist", "/client/ip-allowlists/other?company_id=" + company).status())
                .isEqualTo(404);
        var bare = client.send("get_client_ip_allowlist", "GET", "/client/ip-allowlists/integration-egress", null,
                Collections.singletonMap("revision", null));
        assertThat(bare.status()).isEqualTo(200);
        assertThat(bare.data().at("/attributes/prefixes/0").asText()).isEqualTo("203.0.113.0/24");
        var sparse = client.get("get_client_ip_allowlist", path + "&fields[ip-allowlist]=sync_token");
        assertThat(sparse.data().get("attributes").has("prefixes")).isFalse();
    }

    @Test
    void klaviyosServerSdkMayReadTheIpAllowListWithItsPrivateKey() throws Exception {
        // The Node SDK's ClientApi sends its ApiKeySession's key: accepted here, and it names the account.
        String key = server.createKey("allowlist-other", java.util.Set.of("*"));
        admin("PUT", "/admin/accounts/allowlist-other/ip-allowlists", "{\"prefixes\":[\"100.64.0.0/10\"]}", 200);
        var r = server.api(key).get("get_client_ip_allowlist", "/client/ip-allowlists/integration-egress");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.data().at("/attributes/prefixes/0").asText()).isEqualTo("100.64.0.0/10");
        var unknownKey = server.api("pk_" + "x".repeat(34)).get("get_client_ip_allowlist", "/client/ip-allowlists/integration-egress");
        assertThat(unknownKey.status()).isEqualTo(401);
        // Every other client operation refuses it (ClientGateTest); geofences too.
        assertThat(server.api(key).get("get_client_geofences", "/client/geofences?company_id=" + company).status()).isEqualTo(403);
    }

    @Test
    void badAdminInputIs400WithItsPointerAndChangesNothing() throws Exception {
        admin("PUT", "/admin/accounts/default/geofences", "{\"geofences\":[" + LONDON + "]}", 200);
        admin("PUT", "/admin/accounts/default/geofences", "{\"geofences\":[{\"latitude\":95,\"longitude\":0,\"radius\":1}]}", 400);
        admin("PUT", "/admin/accounts/default/geofences", "{\"geofences\":[{\"latitude\":1,\"longitude\":0,\"radius\":0}]}", 400);
        admin("PUT", "/admin/accounts/default/geofences", "{\"geofences\":[" + LONDON + "," + LONDON + "]}", 400);
        admin("PUT", "/admin/accounts/default/ip-allowlists", "{\"prefixes\":[\"10.0.0.0/33\"]}", 400);
        admin("PUT", "/admin/accounts/nobody/geofences", "{\"geofences\":[]}", 404);
        assertThat(admin("GET", "/admin/accounts/default/geofences", null, 200).get("geofences").findValuesAsText("id"))
                .containsExactly("lon");
    }
}
