package dev.openprofile.consent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.TestServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The push tokens of bulk_subscribe_profiles (registered) and bulk_unsubscribe_profiles (removed). */
class ConsentPushTokensTest {
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

    static String entry(String token) {
        return "{\"token\":\"" + token + "\",\"platform\":\"android\",\"vendor\":\"fcm\",\"enablement_status\":\"AUTHORIZED\","
                + "\"background\":\"DENIED\",\"device_metadata\":{\"os_name\":\"android\",\"app_id\":\"com.example\"}}";
    }

    static Api.Response subscribe(String email, String push) {
        return api.post("bulk_subscribe_profiles", "/api/profile-subscription-bulk-create-jobs",
                "{\"data\":{\"type\":\"profile-subscription-bulk-create-job\",\"attributes\":{\"profiles\":{\"data\":["
                        + "{\"type\":\"profile\",\"attributes\":{\"email\":\"" + email + "\",\"subscriptions\":{\"push\":" + push
                        + "}}}]}}}}");
    }

    static Api.Response unsubscribe(String email, String push) {
        return api.post("bulk_unsubscribe_profiles", "/api/profile-subscription-bulk-delete-jobs",
                "{\"data\":{\"type\":\"profile-subscription-bulk-delete-job\",\"attributes\":{\"profiles\":{\"data\":["
                        + "{\"type\":\"profile\",\"attributes\":{\"email\":\"" + email + "\",\"subscriptions\":{\"push\":" + push
                        + "}}}]}}}}");
    }

    static JsonNode profile(String email) {
        return api.get("get_profiles", "/api/profiles?additional-fields%5Bprofile%5D=subscriptions&filter="
                + URLEncoder.encode("equals(email,\"" + email + "\")", StandardCharsets.UTF_8)).data().get(0);
    }

    static JsonNode tokensOf(String profileId) {
        return api.get("get_push_tokens_for_profile", "/api/profiles/" + profileId + "/push-tokens").data();
    }

    @Test
    void subscribingRegistersTheTokensWithThePushConsent() {
        var r = subscribe("push-sub@example.com", "{\"marketing\":{\"consent\":\"SUBSCRIBED\"},\"anonymous_id\":\"anon-1\","
                + "\"tokens\":[" + entry("sub-1") + "," + entry("sub-2") + "]}");
        assertThat(r.status()).isEqualTo(202);
        server.awaitJobs();
        JsonNode p = profile("push-sub@example.com");
        assertThat(p.at("/attributes/subscriptions/mobile_push/marketing/consent").asText()).isEqualTo("SUBSCRIBED");
        JsonNode tokens = tokensOf(p.get("id").asText());
        assertThat(tokens.findValuesAsText("token")).containsExactly("sub-1", "sub-2");
        JsonNode a = tokens.get(0).get("attributes");
        assertThat(a.get("platform").asText()).isEqualTo("android");
        assertThat(a.get("vendor").asText()).isEqualTo("fcm");
        assertThat(a.get("background").asText()).isEqualTo("DENIED");
        assertThat(a.at("/metadata/app_id").asText()).isEqualTo("com.example");
        assertThat(a.at("/metadata/os_name").asText()).isEqualTo("android");
    }

    @Test
    void unsubscribingRemovesTheNamedTokensOfThatProfileOnly() {
        subscribe("push-unsub@example.com", "{\"marketing\":{\"consent\":\"SUBSCRIBED\"},\"tokens\":["
                + entry("keep") + "," + entry("drop") + "]}");
        subscribe("push-other@example.com", "{\"marketing\":{\"consent\":\"SUBSCRIBED\"},\"tokens\":[" + entry("others") + "]}");
        server.awaitJobs();
        var r = unsubscribe("push-unsub@example.com", "{\"marketing\":{\"consent\":\"UNSUBSCRIBED\"},\"tokens\":["
                + entry("drop") + "," + entry("others") + "]}");
        assertThat(r.status()).isEqualTo(202);
        server.awaitJobs();
        JsonNode p = profile("push-unsub@example.com");
        assertThat(p.at("/attributes/subscriptions/mobile_push/marketing/consent").asText()).isEqualTo("UNSUBSCRIBED");
        assertThat(tokensOf(p.get("id").asText()).findValuesAsText("token")).containsExactly("keep");
        assertThat(tokensOf(profile("push-other@example.com").get("id").asText()).findValuesAsText("token"))
                .containsExactly("others");
    }

    @Test
    void badTokensAreA400AtTheTokenAndNothingIsAccepted() {
        int jobs = server.queryInt("select count(*) from job");
        int tokens = server.queryInt("select count(*) from push_token");
        String base = "/data/attributes/profiles/data/0/attributes/subscriptions/push";
        String ok = "{\"consent\":\"SUBSCRIBED\"}";
        expect(subscribe("bad@example.com", "{\"marketing\":" + ok + ",\"tokens\":[{\"token\":\"t\",\"platform\":\"web\","
                + "\"vendor\":\"fcm\"}]}"), base + "/tokens/0/platform");
        expect(subscribe("bad@example.com", "{\"marketing\":" + ok + ",\"tokens\":[" + entry("a") + ",{\"platform\":\"ios\","
                + "\"vendor\":\"apns\"}]}"), base + "/tokens/1/token");
        expect(subscribe("bad@example.com", "{\"marketing\":" + ok + ",\"tokens\":[{\"token\":\"t\",\"platform\":\"ios\","
                + "\"vendor\":\"apns\",\"enablement_status\":\"MAYBE\"}]}"), base + "/tokens/0/enablement_status");
        expect(subscribe("bad@example.com", "{\"marketing\":" + ok + ",\"tokens\":{}}"), base + "/tokens");
        expect(subscribe("bad@example.com", "{\"tokens\":[" + entry("a") + "]}"), base + "/marketing");
        expect(unsubscribe("bad@example.com", "{\"marketing\":{\"consent\":\"UNSUBSCRIBED\"},\"tokens\":[{\"token\":\"t\","
                + "\"platform\":\"ios\"}]}"), base + "/tokens/0/vendor");
        assertThat(server.queryInt("select count(*) from job")).isEqualTo(jobs);
        assertThat(server.queryInt("select count(*) from push_token")).isEqualTo(tokens);
    }

    static void expect(Api.Response r, String pointer) {
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error().at("/source/pointer").asText()).isEqualTo(pointer);
    }
}
