package dev.openprofile.pushtokens;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.TestServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** create_client_push_token and unregister_client_push_token: the mobile SDKs' calls, by public key, 202 without a body. */
class ClientPushTokensTest {
    static TestServer server;
    static Api api;
    static Api client;
    static String company;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = server.api();
        client = server.clientApi();
        company = server.publicKey("default");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Api.Response register(String body) {
        return client.post("create_client_push_token", "/client/push-tokens?company_id=" + company, body);
    }

    static Api.Response unregister(String token, String platform, String profileAttributes) {
        return client.post("unregister_client_push_token", "/client/push-token-unregister?company_id=" + company,
                "{\"data\":{\"type\":\"push-token-unregister\",\"attributes\":{\"token\":\"" + token + "\",\"platform\":\""
                        + platform + "\",\"vendor\":\"apns\",\"profile\":{\"data\":{\"type\":\"profile\",\"attributes\":"
                        + profileAttributes + "}}}}}");
    }

    static JsonNode profileByEmail(String email) {
        JsonNode data = api.get("get_profiles", "/api/profiles?filter=equals(email,%22" + email + "%22)").data();
        return data.isEmpty() ? null : data.get(0);
    }

    static int tokens(String token) {
        return server.queryInt("select count(*) from push_token where token = '" + token + "'");
    }

    @Test
    void aClientRegistrationStoresTheTokenAndItsProfileAndAnswersNothing() {
        var r = register(PushTokensTest.body("client-1", "ios", "apns", "\"device_metadata\":" + PushTokensTest.METADATA,
                "{\"email\":\"client-push@example.com\",\"anonymous_id\":\"anon-7\",\"first_name\":\"Grace\"}"));
        assertThat(r.status()).isEqualTo(202);
        assertThat(r.text()).isEmpty();
        JsonNode p = profileByEmail("client-push@example.com");
        assertThat(p.at("/attributes/first_name").asText()).isEqualTo("Grace");
        JsonNode t = api.get("get_push_token", "/api/push-tokens/client-1").data();
        assertThat(t.at("/relationships/profile/data/id").asText()).isEqualTo(p.get("id").asText());
        assertThat(t.at("/attributes/metadata/klaviyo_sdk").asText()).isEqualTo("swift");
    }

    @Test
    void aClientRegistrationNeverChangesTheProfilesIdentifiers() {
        String id = api.post("create_profile", "/api/profiles", "{\"data\":{\"type\":\"profile\",\"attributes\":"
                + "{\"email\":\"kept@example.com\",\"phone_number\":\"+15005550006\"}}}").data().get("id").asText();
        var r = register(PushTokensTest.body("client-kept", "android", "fcm", "",
                "{\"email\":\"kept@example.com\",\"phone_number\":\"+14155552671\"}"));
        assertThat(r.status()).isEqualTo(202);
        assertThat(api.get("get_profile", "/api/profiles/" + id).data().at("/attributes/phone_number").asText())
                .isEqualTo("+15005550006");
        assertThat(api.get("get_push_token", "/api/push-tokens/client-kept").data().at("/relationships/profile/data/id")
                .asText()).isEqualTo(id);
    }

    @Test
    void unregisteringTakesTheTokenFromTheProfileItNamesOnly() {
        register(PushTokensTest.body("client-gone", "ios", "apns", "", "{\"email\":\"owner@example.com\"}"));
        register(PushTokensTest.body("client-stays", "ios", "apns", "", "{\"email\":\"owner@example.com\"}"));
        int profiles = server.queryInt("select count(*) from profile");
        // another profile, or one that does not exist, changes nothing (and creates nobody)
        assertThat(unregister("client-stays", "ios", "{\"email\":\"stranger@example.com\"}").status()).isEqualTo(202);
        assertThat(tokens("client-stays")).isEqualTo(1);
        assertThat(server.queryInt("select count(*) from profile")).isEqualTo(profiles);
        var r = unregister("client-gone", "ios", "{\"email\":\"OWNER@example.com\"}");
        assertThat(r.status()).isEqualTo(202);
        assertThat(r.text()).isEmpty();
        assertThat(tokens("client-gone")).isZero();
        assertThat(tokens("client-stays")).isEqualTo(1);
        assertThat(profileByEmail("owner@example.com")).isNotNull();
        assertThat(unregister("never-registered", "android", "{\"email\":\"owner@example.com\"}").status()).isEqualTo(202);
    }

    @Test
    void badInputIsA400AtTheMemberAndChangesNothing() {
        int tokens = server.queryInt("select count(*) from push_token");
        expect(register(PushTokensTest.body("t", "ios", "apns", "\"background\":\"NEVER\"", "{\"email\":\"bad@example.com\"}")),
                "/data/attributes/background");
        expect(register(PushTokensTest.body("t", "ios", "apns", "", "{\"first_name\":\"Nobody\"}")),
                "/data/attributes/profile/data/attributes");
        expect(unregister("t", "web", "{\"email\":\"bad@example.com\"}"), "/data/attributes/platform");
        expect(client.post("unregister_client_push_token", "/client/push-token-unregister?company_id=" + company,
                "{\"data\":{\"type\":\"push-token\",\"attributes\":{}}}"), "/data/type");
        expect(client.post("unregister_client_push_token", "/client/push-token-unregister?company_id=" + company,
                "{\"data\":{\"type\":\"push-token-unregister\",\"attributes\":{\"platform\":\"ios\",\"profile\":{\"data\":"
                        + "{\"type\":\"profile\",\"attributes\":{\"email\":\"bad@example.com\"}}}}}}"), "/data/attributes/token");
        var unknown = client.post("create_client_push_token", "/client/push-tokens?company_id=NoSuch",
                PushTokensTest.body("t", "ios", "apns", "", "{\"email\":\"bad@example.com\"}"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.error().at("/source/parameter").asText()).isEqualTo("company_id");
        var privateKey = client.send("create_client_push_token", "POST", "/client/push-tokens?company_id=" + company,
                PushTokensTest.body("t", "ios", "apns", "", "{\"email\":\"bad@example.com\"}"),
                Map.of("Authorization", "Klaviyo-API-Key " + TestServer.API_KEY));
        assertThat(privateKey.status()).isEqualTo(403);
        assertThat(server.queryInt("select count(*) from push_token")).isEqualTo(tokens);
        assertThat(profileByEmail("bad@example.com")).isNull();
    }

    static void expect(Api.Response r, String pointer) {
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error().at("/source/pointer").asText()).isEqualTo(pointer);
    }
}
