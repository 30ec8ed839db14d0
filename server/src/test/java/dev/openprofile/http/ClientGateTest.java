package dev.openprofile.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openprofile.testing.Api;
import dev.openprofile.testing.DatabaseChecksum;
import dev.openprofile.testing.RawHttp;
import dev.openprofile.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The /client gate: the account comes from the public key in company_id, a private key is refused, no
 * scope is checked, and CORS lets browsers call it (and only it).
 */
class ClientGateTest {
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

    private static String profile(String email) {
        return "{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"" + email + "\"}}}";
    }

    private static Api.Response createProfile(String query, String body, Map<String, String> headers) {
        return client.send("create_client_profile", "POST", "/client/profiles" + query, body, headers);
    }

    private static void assertError(Api.Response r, int status, String code, String parameter) {
        assertThat(r.status()).isEqualTo(status);
        assertThat(r.error().get("code").asText()).isEqualTo(code);
        assertThat(r.error().at("/source/parameter").asText()).isEqualTo(parameter);
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).as("errors carry CORS too").hasValue("*");
    }

    private static int profilesWithEmail(String email) {
        return server.queryInt("select count(*) from profile where email = '" + email + "'");
    }

    @Test
    void thePublicKeyNamesTheAccountWithoutAnyPrivateKey() {
        var r = createProfile("?company_id=" + company, profile("gate@example.org"), Map.of());
        assertThat(r.status()).isEqualTo(202);
        assertThat(r.text()).isEmpty();
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        var found = server.api().get("get_profiles", "/api/profiles?filter=equals(email,%22gate@example.org%22)");
        assertThat(found.data()).hasSize(1);
    }

    @Test
    void eachPublicKeyWritesToItsOwnAccount() {
        String other = server.publicKey("client-other");
        assertThat(createProfile("?company_id=" + other, profile("other-account@example.org"), Map.of()).status())
                .isEqualTo(202);
        var inDefault = server.api().get("get_profiles", "/api/profiles?filter=equals(email,%22other-account@example.org%22)");
        assertThat(inDefault.data()).isEmpty();
        String otherKey = server.createKey("client-other", java.util.Set.of("*"));
        var inOther = server.api(otherKey).get("get_profiles",
                "/api/profiles?filter=equals(email,%22other-account@example.org%22)");
        assertThat(inOther.data()).hasSize(1);
    }

    @Test
    void missingOrEmptyCompanyIdIs400OnCompanyId() {
        var before = DatabaseChecksum.of(server.jdbc());
        assertError(createProfile("", profile("nocompany@example.org"), Map.of()), 400, "invalid", "company_id");
        assertError(createProfile("?company_id=", profile("nocompany@example.org"), Map.of()), 400, "invalid", "company_id");
        assertThat(DatabaseChecksum.of(server.jdbc())).isEqualTo(before);
    }

    @Test
    void unknownCompanyIdIs400InvalidCompanyId() {
        var before = DatabaseChecksum.of(server.jdbc());
        var r = createProfile("?company_id=NoSuch", profile("unknown@example.org"), Map.of());
        assertError(r, 400, "invalid", "company_id");
        assertThat(r.error().get("detail").asText()).isEqualTo("Invalid Company ID");
        assertThat(DatabaseChecksum.of(server.jdbc())).isEqualTo(before);
    }

    @Test
    void companyIdTwiceIs400() {
        assertError(createProfile("?company_id=" + company + "&company_id=" + company, profile("twice@example.org"),
                Map.of()), 400, "invalid", "company_id");
        assertThat(profilesWithEmail("twice@example.org")).isZero();
    }

    @Test
    void aPrivateKeyIsRefusedEvenAValidOne() {
        var r = createProfile("?company_id=" + company, profile("private@example.org"),
                Map.of("Authorization", "Klaviyo-API-Key " + TestServer.API_KEY));
        assertError(r, 403, "permission_denied", "Authorization");
        assertThat(r.error().get("detail").asText()).contains("do not accept private keys");
        for (String other : new String[] {"Bearer " + TestServer.API_KEY, TestServer.API_KEY, "Basic dXNlcjpwYXNz"}) {
            assertError(createProfile("?company_id=" + company, profile("private@example.org"), Map.of("Authorization", other)),
                    403, "permission_denied", "Authorization");
        }
        assertThat(profilesWithEmail("private@example.org")).isZero();
    }

    @Test
    void revisionIsCheckedAsForTheApi() {
        assertError(createProfile("?company_id=" + company, profile("rev@example.org"),
                Collections.singletonMap("revision", null)), 400, "invalid", "revision");
        assertError(createProfile("?company_id=" + company, profile("rev@example.org"),
                Map.of("revision", "2999-01-01")), 404, "not_found", "revision");
        assertThat(profilesWithEmail("rev@example.org")).isZero();
    }

    @Test
    void unknownQueryParametersAreRejected() {
        assertError(createProfile("?company_id=" + company + "&fields[profile]=email", profile("q@example.org"),
                Map.of()), 400, "invalid", "fields[profile]");
    }

    @Test
    void aBrowserPreflightIsAnsweredForEveryClientPath() throws Exception {
        for (String path : new String[] {"/client/profiles", "/client/profiles?company_id=x"}) {
            String request = "OPTIONS " + path + " HTTP/1.1\r\nHost: localhost\r\nOrigin: https://shop.example\r\n"
                    + "Access-Control-Request-Method: POST\r\n"
                    + "Access-Control-Request-Headers: revision, content-type, X-Shop-Trace\r\nConnection: close\r\n\r\n";
            var r = RawHttp.exchange(server.port(), request.getBytes(StandardCharsets.US_ASCII), false, 5000);
            assertThat(r.status()).as(path).isEqualTo(204);
            assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo("*");
            assertThat(r.header("Access-Control-Allow-Methods")).contains("POST").contains("GET");
            assertThat(r.header("Access-Control-Allow-Headers")).contains("revision").contains("content-type")
                    .contains("accept").contains("x-shop-trace").contains("x-klaviyo-api-filters");
            assertThat(Integer.parseInt(r.header("Access-Control-Max-Age"))).isPositive();
        }
    }

    @Test
    void anUnknownClientPathIsA404WithCors() {
        var r = client.send(null, "GET", "/client/no-such-thing?company_id=" + company, null, Map.of());
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
    }

    @Test
    void apiPathsGetNoCorsHeaders() throws Exception {
        var r = server.api().send("get_profiles", "GET", "/api/profiles", null, Map.of("Origin", "https://shop.example"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        String request = "OPTIONS /api/profiles HTTP/1.1\r\nHost: localhost\r\nOrigin: https://shop.example\r\n"
                + "Access-Control-Request-Method: GET\r\nConnection: close\r\n\r\n";
        var preflight = RawHttp.exchange(server.port(), request.getBytes(StandardCharsets.US_ASCII), false, 5000);
        assertThat(preflight.status()).isGreaterThanOrEqualTo(400);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
    }
}
