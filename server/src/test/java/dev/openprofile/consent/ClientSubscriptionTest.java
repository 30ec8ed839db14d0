package dev.openprofile.consent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.testing.AdminApi;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.DatabaseChecksum;
import dev.openprofile.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * create_client_subscription: the same outcome as bulk_subscribe_profiles of that one profile (list, opt-in
 * process, consent record), plus the profile's own attributes, by the client rules; MARKETING by default.
 */
class ClientSubscriptionTest {
    static TestServer server;
    static Api api;
    static String path;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = server.api();
        path = "/client/subscriptions?company_id=" + server.publicKey("default");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Api.Response subscribe(String profileAttributes, String list, String customSource) {
        return server.clientApi().post("create_client_subscription", path, "{\"data\":{\"type\":\"subscription\","
                + "\"attributes\":{" + (customSource == null ? "" : "\"custom_source\":\"" + customSource + "\",")
                + "\"profile\":{\"data\":{\"type\":\"profile\",\"attributes\":" + profileAttributes + "}}}"
                + ConsentApiTestSupport.relationship(list) + "}}");
    }

    static JsonNode profile(String email) {
        var r = api.get("get_profiles", "/api/profiles?" + ConsentApiTestSupport.SUBS + "&filter=equals(email,%22" + email + "%22)");
        assertThat(r.data()).hasSize(1);
        return r.data().get(0);
    }

    @Test
    void withoutASubscriptionsObjectEveryGivenChannelGetsMarketing() throws Exception {
        String l = ConsentApiTestSupport.list(api, "Footer", "single_opt_in");
        var r = subscribe("{\"email\":\"footer@client.example.com\",\"phone_number\":\"+15005550111\",\"first_name\":\"Flo\","
                + "\"properties\":{\"source\":\"footer\"}}", l, "Footer form");
        assertThat(r.status()).isEqualTo(202);
        assertThat(r.text()).isEmpty();
        server.awaitJobs();
        JsonNode p = profile("footer@client.example.com");
        JsonNode subs = p.at("/attributes/subscriptions");
        assertThat(subs.at("/email/marketing/consent").asText()).isEqualTo("SUBSCRIBED");
        assertThat(subs.at("/email/marketing/custom_method_detail").asText()).isEqualTo("Footer form");
        assertThat(subs.at("/sms/marketing/consent").asText()).isEqualTo("SUBSCRIBED");
        assertThat(subs.at("/sms/transactional/consent").asText()).isNotEqualTo("SUBSCRIBED");
        assertThat(p.at("/attributes/first_name").asText()).isEqualTo("Flo");
        assertThat(p.at("/attributes/properties/source").asText()).isEqualTo("footer");
        assertThat(ConsentApiTestSupport.memberIds(api, l)).containsExactly(p.get("id").asText());
    }

    @Test
    void onlyTheChannelsOfTheSubscriptionsObjectAreSubscribed() throws Exception {
        String l = ConsentApiTestSupport.list(api, "Sms only", "single_opt_in");
        subscribe("{\"email\":\"smsonly@client.example.com\",\"phone_number\":\"+15005550112\",\"subscriptions\":"
                + "{\"sms\":{\"transactional\":{\"consent\":\"SUBSCRIBED\"}}}}", l, null);
        server.awaitJobs();
        JsonNode subs = profile("smsonly@client.example.com").at("/attributes/subscriptions");
        assertThat(subs.at("/sms/transactional/consent").asText()).isEqualTo("SUBSCRIBED");
        assertThat(subs.at("/sms/marketing/consent").asText()).isEqualTo("NEVER_SUBSCRIBED");
        assertThat(subs.at("/email/marketing/consent").asText()).isEqualTo("NEVER_SUBSCRIBED");
    }

    @Test
    void anEmptySubscriptionsObjectUpdatesTheProfileWithoutSubscribing() throws Exception {
        String l = ConsentApiTestSupport.list(api, "Nothing", "single_opt_in");
        subscribe("{\"email\":\"update-only@client.example.com\",\"last_name\":\"Only\",\"subscriptions\":{}}", l, null);
        server.awaitJobs();
        JsonNode p = profile("update-only@client.example.com");
        assertThat(p.at("/attributes/last_name").asText()).isEqualTo("Only");
        assertThat(p.at("/attributes/subscriptions/email/marketing/consent").asText()).isEqualTo("NEVER_SUBSCRIBED");
        assertThat(ConsentApiTestSupport.memberIds(api, l)).isEmpty();
    }

    @Test
    void aDoubleOptInListWaitsForTheConfirmation() throws Exception {
        String l = ConsentApiTestSupport.list(api, "Double", "double_opt_in");
        subscribe("{\"email\":\"double@client.example.com\"}", l, null);
        server.awaitJobs();
        assertThat(profile("double@client.example.com").at("/attributes/subscriptions/email/marketing/consent").asText())
                .isEqualTo("NEVER_SUBSCRIBED");
        assertThat(ConsentApiTestSupport.memberIds(api, l)).isEmpty();
        var confirmed = AdminApi.send(server, "POST", "/admin/consent/confirm",
                "{\"email\":\"double@client.example.com\",\"list_id\":\"" + l + "\"}");
        assertThat(confirmed.statusCode()).isEqualTo(200);
        assertThat(profile("double@client.example.com").at("/attributes/subscriptions/email/marketing/consent").asText())
                .isEqualTo("SUBSCRIBED");
        assertThat(ConsentApiTestSupport.memberIds(api, l)).hasSize(1);
    }

    @Test
    void anExistingProfileKeepsItsIdentifiers() throws Exception {
        String id = api.post("create_profile", "/api/profiles", "{\"data\":{\"type\":\"profile\",\"attributes\":"
                + "{\"email\":\"kept@client.example.com\",\"external_id\":\"client-kept\"}}}").data().get("id").asText();
        String l = ConsentApiTestSupport.list(api, "Kept", "single_opt_in");
        subscribe("{\"email\":\"kept@client.example.com\",\"external_id\":\"client-other\"}", l, null);
        server.awaitJobs();
        JsonNode p = profile("kept@client.example.com");
        assertThat(p.get("id").asText()).isEqualTo(id);
        assertThat(p.at("/attributes/external_id").asText()).isEqualTo("client-kept");
        assertThat(p.at("/attributes/subscriptions/email/marketing/consent").asText()).isEqualTo("SUBSCRIBED");
    }

    @Test
    void badInputIsRejectedWithItsPointerAndStoresNothing() {
        String l = ConsentApiTestSupport.list(api, "Rejecting", "single_opt_in");
        var before = DatabaseChecksum.of(server.jdbc());
        String base = "/data/attributes/profile/data/attributes";
        assertRejected(subscribe("{\"first_name\":\"NoId\"}", l, null), 400, base);
        assertRejected(subscribe("{\"email\":\"bad\"}", l, null), 400, base + "/email");
        assertRejected(subscribe("{\"email\":\"nophone@client.example.com\",\"subscriptions\":{\"sms\":{\"marketing\":"
                + "{\"consent\":\"SUBSCRIBED\"}}}}", l, null), 400, base + "/phone_number");
        assertRejected(subscribe("{\"email\":\"x@client.example.com\",\"subscriptions\":{\"email\":{\"marketing\":"
                + "{\"consent\":\"UNSUBSCRIBED\"}}}}", l, null), 400, base + "/subscriptions/email/marketing/consent");
        assertRejected(subscribe("{\"email\":\"x@client.example.com\",\"subscriptions\":{\"email\":{\"marketing\":"
                + "{\"consent\":\"SUBSCRIBED\",\"consented_at\":\"2024-01-01T00:00:00Z\"}}}}", l, null), 400,
                base + "/subscriptions/email/marketing/consented_at");
        assertRejected(subscribe("{\"email\":\"x@client.example.com\"}", null, null), 400, "/data/relationships"); // issue 21
        assertRejected(subscribe("{\"email\":\"x@client.example.com\"}", "NoList", null), 404, "/data/relationships/list/data/id");
        assertRejected(server.clientApi().post("create_client_subscription", path,
                "{\"data\":{\"type\":\"profile-subscription-bulk-create-job\",\"attributes\":{}}}"), 400, "/data/type");
        assertThat(DatabaseChecksum.of(server.jdbc())).isEqualTo(before);
    }

    private static void assertRejected(Api.Response r, int status, String pointer) {
        assertThat(r.status()).isEqualTo(status);
        assertThat(r.error().at("/source/pointer").asText()).isEqualTo(pointer);
    }
}
