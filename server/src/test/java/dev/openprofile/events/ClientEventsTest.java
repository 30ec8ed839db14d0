package dev.openprofile.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.DatabaseChecksum;
import dev.openprofile.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * create_client_event and bulk_create_client_events: create_event's and bulk_create_events' processing
 * (profile upsert, metric, dedup, the durable bulk job), the profile's identifiers kept as they are.
 */
class ClientEventsTest {
    static TestServer server;
    static Api api;
    static String company;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = server.api();
        company = server.publicKey("default");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String metric(String name) {
        return "\"metric\":{\"data\":{\"type\":\"metric\",\"attributes\":{\"name\":\"" + name + "\"}}}";
    }

    static Api.Response event(String metric, String profileAttributes, String extra) {
        return server.clientApi().post("create_client_event", "/client/events?company_id=" + company,
                "{\"data\":{\"type\":\"event\",\"attributes\":{\"properties\":{\"Page\":\"/home\"}," + metric(metric) + extra
                        + ",\"profile\":{\"data\":{\"type\":\"profile\",\"attributes\":" + profileAttributes + "}}}}}");
    }

    static Api.Response bulk(String profileAttributes, String events) {
        return server.clientApi().post("bulk_create_client_events", "/client/event-bulk-create?company_id=" + company,
                "{\"data\":{\"type\":\"event-bulk-create\",\"attributes\":{\"backfill\":true,\"profile\":{\"data\":"
                        + "{\"type\":\"profile\",\"attributes\":" + profileAttributes + "}},\"events\":{\"data\":[" + events + "]}}}}");
    }

    static String bulkEvent(String metric, String extra) {
        return "{\"type\":\"event\",\"attributes\":{\"properties\":{\"n\":1}," + metric(metric) + extra + "}}";
    }

    static JsonNode eventsOf(String email) {
        String id = api.get("get_profiles", "/api/profiles?filter=equals(email,%22" + email + "%22)").data().get(0).get("id").asText();
        return api.get("get_events", "/api/events?filter=equals(profile_id,%22" + id + "%22)&include=metric").body();
    }

    @Test
    void anEventIsStoredWithItsProfileAndMetric() {
        var r = event("Viewed Page", "{\"email\":\"viewer@client.example.com\",\"first_name\":\"Vi\"}",
                ",\"time\":\"2026-02-01T10:00:00Z\",\"value\":9.5,\"unique_id\":\"v-1\"");
        assertThat(r.status()).isEqualTo(202);
        assertThat(r.text()).isEmpty();
        JsonNode doc = eventsOf("viewer@client.example.com");
        assertThat(doc.get("data")).hasSize(1);
        JsonNode a = doc.get("data").get(0).get("attributes");
        assertThat(a.get("datetime").asText()).startsWith("2026-02-01T10:00:00");
        assertThat(a.at("/event_properties/Page").asText()).isEqualTo("/home");
        assertThat(doc.at("/included/0/attributes/name").asText()).isEqualTo("Viewed Page");
        // The same unique_id again is the same event (create_event's dedup).
        event("Viewed Page", "{\"email\":\"viewer@client.example.com\"}", ",\"unique_id\":\"v-1\"");
        assertThat(eventsOf("viewer@client.example.com").get("data")).hasSize(1);
    }

    @Test
    void theEventsProfileKeepsItsIdentifiers() {
        String id = api.post("create_profile", "/api/profiles", "{\"data\":{\"type\":\"profile\",\"attributes\":"
                + "{\"email\":\"kept@client.example.com\",\"external_id\":\"ev-kept\"}}}").data().get("id").asText();
        assertThat(event("Clicked", "{\"external_id\":\"ev-kept\",\"email\":\"moved@client.example.com\"}", "").status())
                .isEqualTo(202);
        assertThat(api.get("get_profile", "/api/profiles/" + id).data().at("/attributes/email").asText())
                .isEqualTo("kept@client.example.com");
        assertThat(server.queryInt("select count(*) from profile where email = 'moved@client.example.com'")).isZero();
        assertThat(eventsOf("kept@client.example.com").get("data")).hasSize(1);
    }

    @Test
    void aBulkRequestStoresEveryEventOfItsProfileThroughTheJobQueue() {
        String id = api.post("create_profile", "/api/profiles", "{\"data\":{\"type\":\"profile\",\"attributes\":"
                + "{\"email\":\"bulk@client.example.com\",\"external_id\":\"bulk-kept\"}}}").data().get("id").asText();
        var r = bulk("{\"email\":\"bulk@client.example.com\",\"external_id\":\"bulk-other\",\"anonymous_id\":\"a-1\"}",
                bulkEvent("Added to Cart", ",\"time\":\"2026-03-01T00:00:00Z\"") + ","
                        + bulkEvent("Added to Cart", ",\"time\":\"2026-03-02T00:00:00Z\"") + ","
                        + bulkEvent("Started Checkout", ",\"time\":\"2026-03-02T00:00:00Z\""));
        assertThat(r.status()).isEqualTo(202);
        assertThat(r.text()).isEmpty();
        server.awaitJobs();
        assertThat(eventsOf("bulk@client.example.com").get("data")).hasSize(3);
        // The job, too, keeps the identifiers the profile has.
        assertThat(api.get("get_profile", "/api/profiles/" + id).data().at("/attributes/external_id").asText())
                .isEqualTo("bulk-kept");
    }

    @Test
    void badInputIsRejectedWithItsPointerAndStoresNothing() {
        var before = DatabaseChecksum.of(server.jdbc());
        assertRejected(event("Bad", "{\"email\":\"bad@client.example.com\"}", ",\"time\":\"1999-01-01T00:00:00Z\""),
                "/data/attributes/time");
        assertRejected(event("Bad", "{\"email\":\"not-an-email\"}", ""), "/data/attributes/profile/data/attributes/email");
        assertRejected(bulk("{\"email\":\"bad@client.example.com\"}", bulkEvent("Ok", "") + ","
                + "{\"type\":\"event\",\"attributes\":{\"properties\":{}}}"), "/data/attributes/events/data/1/attributes/metric");
        assertRejected(bulk("{\"email\":\"bad@client.example.com\"}", ""), "/data/attributes/events/data");
        var badProfile = bulk("{\"email\":\"nope\"}", bulkEvent("A", "") + "," + bulkEvent("B", ""));
        assertRejected(badProfile, "/data/attributes/profile/data/attributes/email");
        assertThat(badProfile.body().get("errors")).as("the one profile's error, once").hasSize(1);
        var type = server.clientApi().post("bulk_create_client_events", "/client/event-bulk-create?company_id=" + company,
                "{\"data\":{\"type\":\"event-bulk-create-job\",\"attributes\":{}}}");
        assertRejected(type, "/data/type");
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 1001; i++) many.append(i == 0 ? "" : ",").append(bulkEvent("Many", ""));
        assertRejected(bulk("{\"email\":\"many@client.example.com\"}", many.toString()), "/data/attributes/events/data");
        assertThat(DatabaseChecksum.of(server.jdbc())).isEqualTo(before);
    }

    private static void assertRejected(Api.Response r, String pointer) {
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error().at("/source/pointer").asText()).isEqualTo(pointer);
    }
}
