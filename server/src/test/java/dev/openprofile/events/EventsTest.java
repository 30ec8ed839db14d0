package dev.openprofile.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Events tag and the metrics they create, over HTTP. */
class EventsTest {
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

    static String event(String metric, String email, String extra) {
        return "{\"data\":{\"type\":\"event\",\"attributes\":{\"properties\":{\"Item\":\"Book\",\"Count\":2}" + extra + ","
                + "\"metric\":{\"data\":{\"type\":\"metric\",\"attributes\":{\"name\":\"" + metric + "\"}}},"
                + "\"profile\":{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"" + email + "\"}}}}}}";
    }

    static List<JsonNode> eventsOf(String email) {
        String profileId = profileId(email);
        var r = api.get("get_events", "/api/events?filter=equals(profile_id,%22" + profileId + "%22)");
        return iterable(r.data());
    }

    static String profileId(String email) {
        return api.get("get_profiles", "/api/profiles?filter=equals(email,%22" + email + "%22)").data().get(0).get("id").asText();
    }

    static List<String> names(JsonNode metrics) {
        return iterable(metrics).stream().map(m -> m.at("/attributes/name").asText()).toList();
    }

    static List<JsonNode> iterable(JsonNode array) {
        return IntStream.range(0, array.size()).mapToObj(array::get).toList();
    }

    @Test
    void anEventCreatesItsProfileAndMetricAndReadsBack() {
        var r = api.post("create_event", "/api/events", event("Placed Order", "buyer@events.example.com",
                ",\"time\":\"2026-05-01T10:00:00Z\",\"value\":19.99,\"value_currency\":\"USD\",\"unique_id\":\"order-1\""));
        assertThat(r.status()).isEqualTo(202);
        assertThat(r.text()).isEmpty();
        JsonNode profile = api.get("get_profiles", "/api/profiles?filter=equals(email,%22buyer@events.example.com%22)").data().get(0);
        assertThat(profile.at("/attributes/last_event_date").asText()).isEqualTo("2026-05-01T10:00:00+00:00");
        List<JsonNode> events = eventsOf("buyer@events.example.com");
        assertThat(events).hasSize(1);
        JsonNode e = events.get(0);
        assertThat(e.at("/attributes/datetime").asText()).isEqualTo("2026-05-01T10:00:00+00:00");
        assertThat(e.at("/attributes/timestamp").asLong()).isEqualTo(Instant.parse("2026-05-01T10:00:00Z").getEpochSecond());
        assertThat(e.at("/attributes/event_properties/Item").asText()).isEqualTo("Book");
        assertThat(e.at("/attributes/event_properties/$value").decimalValue()).isEqualByComparingTo("19.99");
        assertThat(e.at("/attributes/event_properties/$event_id").asText()).isEqualTo("order-1");
        String id = e.get("id").asText();
        String metricId = e.at("/relationships/metric/data/id").asText();
        var one = api.get("get_event", "/api/events/" + id + "?include=metric,profile");
        assertThat(one.data().get("id").asText()).isEqualTo(id);
        assertThat(one.body().get("included").findValuesAsText("type")).containsExactlyInAnyOrder("metric", "profile");
        var metric = api.get("get_metric_for_event", "/api/events/" + id + "/metric").data();
        assertThat(metric.at("/attributes/name").asText()).isEqualTo("Placed Order");
        assertThat(metric.at("/attributes/integration/name").asText()).isEqualTo("API");
        assertThat(api.get("get_metric_id_for_event", "/api/events/" + id + "/relationships/metric").data().get("id").asText())
                .isEqualTo(metricId);
        assertThat(api.get("get_profile_for_event", "/api/events/" + id + "/profile").data().get("id").asText())
                .isEqualTo(profile.get("id").asText());
        assertThat(api.get("get_profile_id_for_event", "/api/events/" + id + "/relationships/profile").data().get("id").asText())
                .isEqualTo(profile.get("id").asText());
        assertThat(api.get("get_event", "/api/events/01ARZ3NDEKTSV4RRFFQ69G5FAV").status()).isEqualTo(404);
        assertThat(api.get("get_event", "/api/events/not-an-id").status()).isEqualTo(404);
    }

    @Test
    void theSameUniqueIdOrTheSameTimeIsStoredOnce() {
        String email = "dedup@events.example.com";
        api.post("create_event", "/api/events", event("Viewed", email, ",\"unique_id\":\"u1\",\"time\":\"2026-01-01T00:00:00Z\""));
        api.post("create_event", "/api/events", event("Viewed", email, ",\"unique_id\":\"u1\",\"time\":\"2026-01-02T00:00:00Z\""));
        api.post("create_event", "/api/events", event("Viewed", email, ",\"time\":\"2026-01-03T00:00:00Z\""));
        api.post("create_event", "/api/events", event("Viewed", email, ",\"time\":\"2026-01-03T00:00:00Z\""));
        api.post("create_event", "/api/events", event("Viewed", email, ",\"unique_id\":\"u2\",\"time\":\"2026-01-03T00:00:00Z\""));
        assertThat(eventsOf(email)).hasSize(3);
    }

    @Test
    void eventsFilterSortAndPage() {
        String email = "lister@events.example.com";
        for (int day = 1; day <= 5; day++) {
            api.post("create_event", "/api/events", event("Listed", email, ",\"time\":\"2026-03-0" + day + "T12:00:00Z\""));
        }
        String profile = profileId(email);
        var desc = api.get("get_events", "/api/events?filter=equals(profile_id,%22" + profile + "%22)&sort=-datetime&page%5Bsize%5D=2");
        assertThat(desc.data().findValuesAsText("datetime")).containsExactly("2026-03-05T12:00:00+00:00", "2026-03-04T12:00:00+00:00");
        assertThat(desc.body().at("/links/next").isTextual()).isTrue();
        var range = api.get("get_events", "/api/events?filter=equals(profile_id,%22" + profile + "%22),"
                + "greater-or-equal(datetime,2026-03-02T00:00:00Z),less-than(datetime,2026-03-04T00:00:00Z)");
        assertThat(range.data()).hasSize(2);
        long ts = Instant.parse("2026-03-03T12:00:00Z").getEpochSecond();
        var byTimestamp = api.get("get_events", "/api/events?filter=equals(profile_id,%22" + profile + "%22),greater-than(timestamp," + ts + ")");
        assertThat(byTimestamp.data()).hasSize(2);
        String metricId = desc.data().get(0).at("/relationships/metric/data/id").asText();
        var byMetric = api.get("get_events", "/api/events?filter=equals(metric_id,%22" + metricId + "%22),has(profile)");
        assertThat(byMetric.data()).hasSize(5);
        var bad = api.get("get_events", "/api/events?filter=equals(email,%22x%22)");
        assertThat(bad.status()).isEqualTo(400);
        // A profile's last_event_date follows its newest event only.
        api.post("create_event", "/api/events", event("Listed", email, ",\"time\":\"2025-01-01T00:00:00Z\""));
        assertThat(api.get("get_profile", "/api/profiles/" + profile).data().at("/attributes/last_event_date").asText())
                .isEqualTo("2026-03-05T12:00:00+00:00");
    }

    @Test
    void invalidEventsAre400sWithPointersAndStoreNothing() {
        var noMetric = api.post("create_event", "/api/events", "{\"data\":{\"type\":\"event\",\"attributes\":{\"properties\":{},"
                + "\"profile\":{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"bad@events.example.com\"}}}}}}");
        assertThat(noMetric.status()).isEqualTo(400);
        assertThat(noMetric.error().at("/source/pointer").asText()).isEqualTo("/data/attributes/metric");
        var early = api.post("create_event", "/api/events", event("Bad", "bad@events.example.com", ",\"time\":\"1999-12-31T23:59:59Z\""));
        assertThat(early.error().at("/source/pointer").asText()).isEqualTo("/data/attributes/time");
        var longId = api.post("create_event", "/api/events", event("Bad", "bad@events.example.com", ",\"unique_id\":\"" + "x".repeat(256) + "\""));
        assertThat(longId.error().at("/source/pointer").asText()).isEqualTo("/data/attributes/unique_id");
        String deep = "{\"a\":".repeat(11) + "1" + "}".repeat(11);
        var tooDeep = api.post("create_event", "/api/events", "{\"data\":{\"type\":\"event\",\"attributes\":{\"properties\":" + deep + ","
                + "\"metric\":{\"data\":{\"type\":\"metric\",\"attributes\":{\"name\":\"Bad\"}}},"
                + "\"profile\":{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"bad@events.example.com\"}}}}}}");
        assertThat(tooDeep.status()).isEqualTo(400);
        assertThat(tooDeep.error().at("/source/pointer").asText()).startsWith("/data/attributes/properties/a/a/a");
        String many = IntStream.range(0, 401).mapToObj(i -> "\"p" + i + "\":1").collect(Collectors.joining(","));
        var tooMany = api.post("create_event", "/api/events", "{\"data\":{\"type\":\"event\",\"attributes\":{\"properties\":{" + many + "},"
                + "\"metric\":{\"data\":{\"type\":\"metric\",\"attributes\":{\"name\":\"Bad\"}}},"
                + "\"profile\":{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"bad@events.example.com\"}}}}}}");
        assertThat(tooMany.error().at("/source/pointer").asText()).isEqualTo("/data/attributes/properties");
        var unknownProfile = api.post("create_event", "/api/events", "{\"data\":{\"type\":\"event\",\"attributes\":{\"properties\":{},"
                + "\"metric\":{\"data\":{\"type\":\"metric\",\"attributes\":{\"name\":\"Bad\"}}},"
                + "\"profile\":{\"data\":{\"type\":\"profile\",\"id\":\"01NOSUCHPROFILE000000000000\",\"attributes\":{}}}}}}");
        assertThat(unknownProfile.status()).isEqualTo(404);
        assertThat(unknownProfile.error().at("/source/pointer").asText()).isEqualTo("/data/attributes/profile/data/id");
        var badEmail = api.post("create_event", "/api/events", event("Bad", "not-an-email", ""));
        assertThat(badEmail.error().at("/source/pointer").asText()).isEqualTo("/data/attributes/profile/data/attributes/email");
        assertThat(api.get("get_profiles", "/api/profiles?filter=equals(email,%22bad@events.example.com%22)").data()).isEmpty();
        assertThat(names(api.get("get_metrics", "/api/metrics").data())).doesNotContain("Bad");
    }

    @Test
    void bulkEventsAreStoredByTheJobWorkers() throws Exception {
        String events = IntStream.range(0, 3).mapToObj(i -> "{\"type\":\"event\",\"attributes\":{\"properties\":{\"n\":" + i + "},"
                + "\"time\":\"2026-04-0" + (i + 1) + "T00:00:00Z\",\"metric\":{\"data\":{\"type\":\"metric\",\"attributes\":{\"name\":\"Bulk\"}}}}}")
                .collect(Collectors.joining(","));
        var r = api.post("bulk_create_events", "/api/event-bulk-create-jobs", "{\"data\":{\"type\":\"event-bulk-create-job\","
                + "\"attributes\":{\"events-bulk-create\":{\"data\":[{\"type\":\"event-bulk-create\",\"attributes\":{"
                + "\"profile\":{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"bulk@events.example.com\",\"first_name\":\"B\"}}},"
                + "\"events\":{\"data\":[" + events + "]}}}]}}}}");
        assertThat(r.status()).isEqualTo(202);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (server.queryInt("select count(*) from job where status <> 'complete'") > 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(25);
        }
        assertThat(eventsOf("bulk@events.example.com")).hasSize(3);
        var badBulk = api.post("bulk_create_events", "/api/event-bulk-create-jobs", "{\"data\":{\"type\":\"event-bulk-create-job\","
                + "\"attributes\":{\"events-bulk-create\":{\"data\":[{\"type\":\"event-bulk-create\",\"attributes\":{"
                + "\"profile\":{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"bulk2@events.example.com\"}}},"
                + "\"events\":{\"data\":[{\"type\":\"event\",\"attributes\":{\"properties\":{}}}]}}}]}}}}");
        assertThat(badBulk.status()).isEqualTo(400);
        assertThat(badBulk.error().at("/source/pointer").asText())
                .isEqualTo("/data/attributes/events-bulk-create/data/0/attributes/events/data/0/attributes/metric");
    }

    @Test
    void metricsAndTheirPropertiesAreLearnedFromEvents() {
        api.post("create_event", "/api/events", event("Started Checkout", "checkout@events.example.com", ""));
        api.post("create_event", "/api/events", "{\"data\":{\"type\":\"event\",\"attributes\":{\"properties\":{\"Item\":\"Pen\",\"Tags\":[\"a\"]},"
                + "\"metric\":{\"data\":{\"type\":\"metric\",\"attributes\":{\"name\":\"Started Checkout\"}}},"
                + "\"profile\":{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"checkout2@events.example.com\"}}}}}}");
        api.post("create_event", "/api/events", "{\"data\":{\"type\":\"event\",\"attributes\":{\"properties\":{},"
                + "\"metric\":{\"data\":{\"type\":\"metric\",\"attributes\":{\"name\":\"Synced\",\"service\":\"shopify\"}}},"
                + "\"profile\":{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"checkout@events.example.com\"}}}}}}");
        var all = api.get("get_metrics", "/api/metrics");
        JsonNode checkout = iterable(all.data()).stream().filter(m -> m.at("/attributes/name").asText().equals("Started Checkout"))
                .findFirst().orElseThrow();
        var apiOnly = api.get("get_metrics", "/api/metrics?filter=equals(integration.name,%22API%22)");
        assertThat(names(apiOnly.data())).contains("Started Checkout").doesNotContain("Synced");
        var custom = api.get("get_metrics", "/api/metrics?filter=equals(integration.category,%22Custom%22)");
        assertThat(names(custom.data())).containsExactly("Synced");
        String metricId = checkout.get("id").asText();
        assertThat(api.get("get_metric", "/api/metrics/" + metricId).data().at("/attributes/name").asText()).isEqualTo("Started Checkout");
        assertThat(api.get("get_metric", "/api/metrics/nope00").status()).isEqualTo(404);
        var props = api.get("get_properties_for_metric", "/api/metrics/" + metricId
                + "/metric-properties?additional-fields%5Bmetric-property%5D=sample_values");
        assertThat(props.data().findValuesAsText("property")).containsExactly("Count", "Item", "Tags");
        JsonNode item = iterable(props.data()).stream().filter(p -> p.at("/attributes/property").asText().equals("Item")).findFirst().orElseThrow();
        assertThat(item.at("/attributes/inferred_type").asText()).isEqualTo("String");
        assertThat(item.at("/attributes/sample_values").findValuesAsText("")).isEmpty();
        assertThat(item.at("/attributes/sample_values")).hasSize(2);
        assertThat(api.get("get_property_ids_for_metric", "/api/metrics/" + metricId + "/relationships/metric-properties").data())
                .hasSize(3);
        String propertyId = item.get("id").asText();
        var one = api.get("get_metric_property", "/api/metric-properties/" + propertyId + "?include=metric");
        assertThat(one.body().at("/included/0/id").asText()).isEqualTo(metricId);
        assertThat(api.get("get_metric_for_metric_property", "/api/metric-properties/" + propertyId + "/metric").data()
                .get("id").asText()).isEqualTo(metricId);
        assertThat(api.get("get_metric_id_for_metric_property", "/api/metric-properties/" + propertyId + "/relationships/metric")
                .data().get("id").asText()).isEqualTo(metricId);
        assertThat(api.get("get_flows_triggered_by_metric", "/api/metrics/" + metricId + "/flow-triggers").data()).isEmpty();
        assertThat(api.get("get_ids_for_flows_triggered_by_metric", "/api/metrics/" + metricId + "/relationships/flow-triggers")
                .data()).isEmpty();
    }
}
