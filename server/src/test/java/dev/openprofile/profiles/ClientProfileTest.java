package dev.openprofile.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.DatabaseChecksum;
import dev.openprofile.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * create_client_profile: create_or_update_profile's upsert from a browser, answered 202 with no body; the
 * identifiers a profile already has are never changed, and one another profile holds is ignored (no 409).
 */
class ClientProfileTest {
    static TestServer server;
    static Api api;
    static String path;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = server.api();
        path = "/client/profiles?company_id=" + server.publicKey("default");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Api.Response client(String attributes, String extra) {
        return server.clientApi().post("create_client_profile", path,
                "{\"data\":{\"type\":\"profile\",\"attributes\":" + attributes + (extra == null ? "" : "," + extra) + "}}");
    }

    static JsonNode byFilter(String filter) {
        JsonNode data = api.get("get_profiles", "/api/profiles?filter=" + filter).data();
        assertThat(data).hasSize(1);
        return data.get(0);
    }

    static String serverProfile(String attributes) {
        return api.post("create_profile", "/api/profiles", "{\"data\":{\"type\":\"profile\",\"attributes\":" + attributes + "}}")
                .data().get("id").asText();
    }

    @Test
    void createsAProfileWithEveryAttributeAndAnswersNothing() {
        var r = client("{\"email\":\"new-client@example.com\",\"first_name\":\"Ada\",\"_kx\":\"kx-9\","
                + "\"location\":{\"city\":\"London\"},\"properties\":{\"plan\":\"gold\"},\"anonymous_id\":\"anon-1\"}",
                "\"meta\":{\"patch_properties\":{\"append\":{\"skus\":\"A1\"}}}");
        assertThat(r.status()).isEqualTo(202);
        assertThat(r.text()).isEmpty();
        JsonNode a = byFilter("equals(email,%22new-client@example.com%22)").get("attributes");
        assertThat(a.get("first_name").asText()).isEqualTo("Ada");
        assertThat(a.at("/location/city").asText()).isEqualTo("London");
        assertThat(a.at("/properties/plan").asText()).isEqualTo("gold");
        assertThat(a.at("/properties/skus/0").asText()).isEqualTo("A1");
    }

    @Test
    void updatesTheLocatedProfileButNeverItsIdentifiers() {
        String id = serverProfile("{\"email\":\"keep@example.com\",\"external_id\":\"keep-ext\"}");
        // Located by external_id; the different email is ignored, the name is taken.
        assertThat(client("{\"external_id\":\"keep-ext\",\"email\":\"changed@example.com\",\"first_name\":\"Kept\"}", null)
                .status()).isEqualTo(202);
        JsonNode a = api.get("get_profile", "/api/profiles/" + id).data().get("attributes");
        assertThat(a.get("email").asText()).isEqualTo("keep@example.com");
        assertThat(a.get("first_name").asText()).isEqualTo("Kept");
        assertThat(server.queryInt("select count(*) from profile where email = 'changed@example.com'")).isZero();
        // Clearing an identifier is a change of it too: ignored.
        assertThat(client("{\"email\":\"keep@example.com\",\"external_id\":null}", null).status()).isEqualTo(202);
        assertThat(api.get("get_profile", "/api/profiles/" + id).data().at("/attributes/external_id").asText())
                .isEqualTo("keep-ext");
    }

    @Test
    void anIdentifierTheProfileLacksIsAdopted() {
        String id = serverProfile("{\"email\":\"adopt@example.com\"}");
        assertThat(client("{\"email\":\"adopt@example.com\",\"phone_number\":\"+15005550106\"}", null).status())
                .isEqualTo(202);
        assertThat(api.get("get_profile", "/api/profiles/" + id).data().at("/attributes/phone_number").asText())
                .isEqualTo("+15005550106");
    }

    @Test
    void anIdentifierHeldByAnotherProfileIsIgnoredWhereTheServerSideAnswers409() {
        String a = serverProfile("{\"email\":\"first@example.com\"}");
        String b = serverProfile("{\"phone_number\":\"+15005550107\"}");
        var r = client("{\"email\":\"first@example.com\",\"phone_number\":\"+15005550107\",\"last_name\":\"Taken\"}", null);
        assertThat(r.status()).isEqualTo(202);
        JsonNode first = api.get("get_profile", "/api/profiles/" + a).data().get("attributes");
        assertThat(first.get("phone_number").isNull()).isTrue();
        assertThat(first.get("last_name").asText()).isEqualTo("Taken");
        assertThat(api.get("get_profile", "/api/profiles/" + b).data().at("/attributes/last_name").isNull()).isTrue();
    }

    @Test
    void aSecondCallWithTheSameEmailUpdatesTheSameProfile() {
        client("{\"email\":\"Twice@example.com\",\"first_name\":\"One\"}", null);
        client("{\"email\":\"twice@example.com\",\"first_name\":\"Two\"}", null);
        assertThat(server.queryInt("select count(*) from profile where lower(email) = 'twice@example.com'")).isEqualTo(1);
        assertThat(byFilter("equals(email,%22Twice@example.com%22)").at("/attributes/first_name").asText()).isEqualTo("Two");
    }

    @Test
    void badInputIsRejectedWithItsPointerAndChangesNothing() {
        var before = DatabaseChecksum.of(server.jdbc());
        // An anonymous id alone is an anonymous visitor's profile (AnonymousVisitorsTest); no identifier at all is refused.
        assertRejected(client("{\"first_name\":\"Nobody\"}", null), "/data/attributes");
        assertRejected(client("{\"email\":\"not-an-email\"}", null), "/data/attributes/email");
        assertRejected(client("{\"email\":\"x@example.com\",\"first_name\":5}", null), "/data/attributes/first_name");
        assertRejected(client("{\"email\":\"x@example.com\",\"anonymous_id\":5}", null), "/data/attributes/anonymous_id");
        assertRejected(client("{\"email\":\"x@example.com\",\"subscriptions\":{}}", null), "/data/attributes/subscriptions");
        assertRejected(server.clientApi().post("create_client_profile", path,
                "{\"data\":{\"type\":\"event\",\"attributes\":{\"email\":\"x@example.com\"}}}"), "/data/type");
        assertRejected(server.clientApi().post("create_client_profile", path, "{\"data\":{\"type\":\"profile\"}}"),
                "/data/attributes");
        var tooLarge = client("{\"email\":\"x@example.com\",\"properties\":{\"blob\":\"" + "x".repeat(110 * 1024) + "\"}}", null);
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(DatabaseChecksum.of(server.jdbc())).isEqualTo(before);
    }

    private static void assertRejected(Api.Response r, String pointer) {
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error().at("/source/pointer").asText()).isEqualTo(pointer);
    }
}
