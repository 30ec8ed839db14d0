package dev.openprofile.custommetrics;

import static dev.openprofile.custommetrics.CustomMetricFixtures.account;
import static dev.openprofile.custommetrics.CustomMetricFixtures.assertError;
import static dev.openprofile.custommetrics.CustomMetricFixtures.body;
import static dev.openprofile.custommetrics.CustomMetricFixtures.create;
import static dev.openprofile.custommetrics.CustomMetricFixtures.definition;
import static dev.openprofile.custommetrics.CustomMetricFixtures.group;
import static dev.openprofile.custommetrics.CustomMetricFixtures.metric;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.MutableClock;
import dev.openprofile.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Custom metrics through the kit: shape, their metrics, definition checks with pointers, names, the limit. */
class CustomMetricsTest {
    static final MutableClock clock = new MutableClock(Instant.parse("2026-10-01T12:00:00Z"));
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(clock);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static List<String> ids(JsonNode data) {
        List<String> out = new ArrayList<>();
        data.forEach(d -> out.add(d.get("id").asText()));
        return out;
    }

    @Test
    void aCustomMetricIsCreatedReadUpdatedAndDeleted() {
        Api api = account(server);
        String placed = metric(api, "Placed Order");
        String pos = metric(api, "POS Order");
        // A group without filters or value property shows both as null; the other shows them as given.
        JsonNode cm = create(api, "All orders", definition("value", group(placed), "{\"metric_id\":\"" + pos + "\"}"));
        String id = cm.get("id").asText();
        assertThat(id).matches("[0-9a-f]{32}");
        assertThat(cm.get("type").asText()).isEqualTo("custom-metric");
        JsonNode a = cm.get("attributes");
        assertThat(a.get("name").asText()).isEqualTo("All orders");
        assertThat(OffsetDateTime.parse(a.get("created").asText()).toInstant()).isEqualTo(clock.instant());
        assertThat(a.get("updated")).isEqualTo(a.get("created"));
        assertThat(a.at("/definition/aggregation_method").asText()).isEqualTo("value");
        assertThat(a.at("/definition/metric_groups/0/metric_id").asText()).isEqualTo(placed);
        assertThat(a.at("/definition/metric_groups/0/metric_filters/0/filter/value").asText()).isEqualTo("web");
        assertThat(a.at("/definition/metric_groups/0/value_property").asText()).isEqualTo("Amount");
        assertThat(a.at("/definition/metric_groups/1/metric_filters").isNull()).isTrue();
        assertThat(a.at("/definition/metric_groups/1/value_property").isNull()).isTrue();
        assertThat(cm.at("/links/self").asText()).endsWith("/api/custom-metrics/" + id + "/");
        assertThat(cm.at("/relationships/metrics/links/related").asText()).endsWith("/api/custom-metrics/" + id + "/metrics/");
        assertThat(api.get("get_custom_metric", "/api/custom-metrics/" + id).data()).isEqualTo(cm);
        assertThat(ids(api.get("get_custom_metrics", "/api/custom-metrics").data())).containsExactly(id);

        // A real change moves updated; the same values again do not; null keeps the name (nothing to clear).
        clock.advance(Duration.ofMinutes(5));
        var renamed = api.patch("update_custom_metric", "/api/custom-metrics/" + id, "{\"data\":{\"type\":\"custom-metric\","
                + "\"id\":\"" + id + "\",\"attributes\":{\"name\":\"Every order\"}}}");
        assertThat(renamed.status()).as(renamed.text()).isEqualTo(200);
        assertThat(renamed.data().at("/attributes/name").asText()).isEqualTo("Every order");
        assertThat(OffsetDateTime.parse(renamed.data().at("/attributes/updated").asText()).toInstant()).isEqualTo(clock.instant());
        clock.advance(Duration.ofMinutes(5));
        var same = api.patch("update_custom_metric", "/api/custom-metrics/" + id, "{\"data\":{\"type\":\"custom-metric\","
                + "\"id\":\"" + id + "\",\"attributes\":{\"name\":null,\"definition\":" + definition("value", group(placed),
                "{\"metric_id\":\"" + pos + "\"}") + "}}}");
        assertThat(same.data()).isEqualTo(renamed.data());
        var redefined = api.patch("update_custom_metric", "/api/custom-metrics/" + id, "{\"data\":{\"type\":\"custom-metric\","
                + "\"id\":\"" + id + "\",\"attributes\":{\"definition\":" + definition("count", "{\"metric_id\":\"" + pos + "\"}") + "}}}");
        assertThat(redefined.data().at("/attributes/definition/aggregation_method").asText()).isEqualTo("count");
        assertThat(redefined.data().at("/attributes/definition/metric_groups").size()).isEqualTo(1);
        assertThat(redefined.data().at("/attributes/name").asText()).isEqualTo("Every order");
        assertThat(ids(api.get("get_metrics_for_custom_metric", "/api/custom-metrics/" + id + "/metrics").data())).containsExactly(pos);

        assertThat(api.delete("delete_custom_metric", "/api/custom-metrics/" + id, null).status()).isEqualTo(204);
        var gone = api.get("get_custom_metric", "/api/custom-metrics/" + id);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.error().at("/source/parameter").asText()).isEqualTo("id");
        assertThat(api.delete("delete_custom_metric", "/api/custom-metrics/" + id, null).status()).isEqualTo(404);
        assertThat(api.get("get_custom_metrics", "/api/custom-metrics").data()).isEmpty();
    }

    @Test
    void itsMetricsAreTheGroupsMetricsOnceEachInGroupOrderAndCanBeIncluded() {
        Api api = account(server);
        String b = metric(api, "B metric");
        String a = metric(api, "A metric");
        String id = create(api, "Mixed", definition("count", group(b), group(a), "{\"metric_id\":\"" + b + "\"}")).get("id").asText();
        var metrics = api.get("get_metrics_for_custom_metric", "/api/custom-metrics/" + id + "/metrics?fields%5Bmetric%5D=name");
        assertThat(ids(metrics.data())).containsExactly(b, a);
        assertThat(metrics.data().get(0).at("/attributes/name").asText()).isEqualTo("B metric");
        assertThat(metrics.data().get(0).get("attributes").size()).isEqualTo(1);
        var linkage = api.get("get_metric_ids_for_custom_metric", "/api/custom-metrics/" + id + "/relationships/metrics");
        assertThat(linkage.data().toString()).isEqualTo("[{\"type\":\"metric\",\"id\":\"" + b + "\"},{\"type\":\"metric\",\"id\":\"" + a + "\"}]");
        assertThat(linkage.body().at("/links/self").asText()).endsWith("/api/custom-metrics/" + id + "/relationships/metrics/");

        String other = create(api, "Only A", definition("count", "{\"metric_id\":\"" + a + "\"}")).get("id").asText();
        var listed = api.get("get_custom_metrics", "/api/custom-metrics?include=metrics");
        assertThat(listed.body().get("included").size()).as("each metric once").isEqualTo(2);
        for (JsonNode cm : listed.data()) {
            List<String> expected = cm.get("id").asText().equals(id) ? List.of(b, a) : List.of(a);
            assertThat(ids(cm.at("/relationships/metrics/data"))).isEqualTo(expected);
        }
        var one = api.get("get_custom_metric", "/api/custom-metrics/" + other + "?include=metrics&fields%5Bcustom-metric%5D=name,"
                + "definition.aggregation_method");
        assertThat(ids(one.body().get("included"))).containsExactly(a);
        assertThat(one.data().get("attributes").toString()).isEqualTo("{\"name\":\"Only A\",\"definition\":{\"aggregation_method\":\"count\"}}");
        for (String op : List.of("/metrics", "/relationships/metrics")) {
            var missing = api.get(op.contains("relationships") ? "get_metric_ids_for_custom_metric" : "get_metrics_for_custom_metric",
                    "/api/custom-metrics/" + "0".repeat(32) + op);
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.error().at("/source/parameter").asText()).isEqualTo("id");
        }
    }

    @Test
    void aDefinitionIsCheckedMemberByMemberAndNothingIsStored() {
        Api api = account(server);
        String m = metric(api, "Checked");
        String g = group(m);
        String d = "/data/attributes/definition";
        String[][] cases = {
                {definition("sum", g), d + "/aggregation_method"},
                {"{\"aggregation_method\":\"count\",\"metric_groups\":[]}", d + "/metric_groups"},
                {"{\"aggregation_method\":\"count\"}", d + "/metric_groups"},
                {"{\"aggregation_method\":\"count\",\"metric_groups\":[],\"extra\":1}", d + "/extra"},
                {definition("count", "7"), d + "/metric_groups/0"},
                {definition("count", "{\"metric_filters\":[]}"), d + "/metric_groups/0/metric_id"},
                {definition("count", g, "{\"metric_id\":\"" + m + "\",\"weight\":2}"), d + "/metric_groups/1/weight"},
                {definition("count", "{\"metric_id\":\"" + m + "\",\"value_property\":5}"), d + "/metric_groups/0/value_property"},
                {definition("count", "{\"metric_id\":\"" + m + "\",\"metric_filters\":{}}"), d + "/metric_groups/0/metric_filters"},
                {filter(m, "{\"filter\":{\"type\":\"boolean\",\"operator\":\"equals\",\"value\":true}}"),
                        d + "/metric_groups/0/metric_filters/0/property"},
                {filter(m, "{\"property\":\"p\",\"filter\":{\"type\":\"date\",\"operator\":\"equals\",\"value\":1}}"),
                        d + "/metric_groups/0/metric_filters/0/filter/type"},
                {filter(m, "{\"property\":\"p\",\"filter\":{\"type\":\"numeric\",\"operator\":\"starts-with\",\"value\":1}}"),
                        d + "/metric_groups/0/metric_filters/0/filter/operator"},
                {filter(m, "{\"property\":\"p\",\"filter\":{\"type\":\"numeric\",\"operator\":\"equals\",\"value\":\"1\"}}"),
                        d + "/metric_groups/0/metric_filters/0/filter/value"},
                {filter(m, "{\"property\":\"p\",\"filter\":{\"type\":\"boolean\",\"operator\":\"equals\"}}"),
                        d + "/metric_groups/0/metric_filters/0/filter/value"},
                {filter(m, "{\"property\":\"p\",\"filter\":{\"type\":\"string\",\"operator\":\"in\",\"value\":[\"a\",1]}}"),
                        d + "/metric_groups/0/metric_filters/0/filter/value"},
                {filter(m, "{\"property\":\"p\",\"filter\":{\"type\":\"string\",\"operator\":\"regex\",\"value\":\"(\"}}"),
                        d + "/metric_groups/0/metric_filters/0/filter/value"},
                {filter(m, "{\"property\":\"p\",\"filter\":{\"type\":\"existence\",\"operator\":\"is-set\",\"value\":1}}"),
                        d + "/metric_groups/0/metric_filters/0/filter/value"},
                {filter(m, "{\"property\":\"p\",\"filter\":{\"type\":\"list\",\"operator\":\"contains-substring\",\"value\":3}}"),
                        d + "/metric_groups/0/metric_filters/0/filter/value"},
                {"\"count\"", d},
        };
        for (String[] c : cases) {
            var r = api.post("create_custom_metric", "/api/custom-metrics", body("Bad", c[0]));
            assertError(r, 400, c[1]);
            assertThat(r.error().get("code").asText()).isEqualTo("invalid");
        }
        // A metric the account does not have: 404 at the group that names it.
        assertError(api.post("create_custom_metric", "/api/custom-metrics", body("Bad", definition("count", g,
                "{\"metric_id\":\"NOPE00\"}"))), 404, d + "/metric_groups/1/metric_id");
        // Another account's metric is unknown here too.
        Api other = account(server);
        assertError(other.post("create_custom_metric", "/api/custom-metrics", body("Bad", definition("count", g))),
                404, d + "/metric_groups/0/metric_id");
        assertError(api.post("create_custom_metric", "/api/custom-metrics", "{\"data\":{\"type\":\"custom-metric\",\"attributes\":"
                + "{\"name\":\"No definition\"}}}"), 400, d);
        assertError(api.post("create_custom_metric", "/api/custom-metrics", "{\"data\":{\"type\":\"custom-metric\",\"attributes\":"
                + "{\"name\":\"\",\"definition\":" + definition("count", g) + "}}}"), 400, "/data/attributes/name");
        assertThat(api.get("get_custom_metrics", "/api/custom-metrics").data()).isEmpty();

        // Every documented filter shape is accepted as given.
        String all = "[" + String.join(",",
                "{\"property\":\"n\",\"filter\":{\"type\":\"numeric\",\"operator\":\"less-than-or-equal\",\"value\":9.5}}",
                "{\"property\":\"s\",\"filter\":{\"type\":\"string\",\"operator\":\"in\",\"value\":[\"a\",\"b\"]}}",
                "{\"property\":\"s\",\"filter\":{\"type\":\"string\",\"operator\":\"nregex\",\"value\":\"^x.*\"}}",
                "{\"property\":\"s\",\"filter\":{\"type\":\"string\",\"operator\":\"contains\",\"value\":null}}",
                "{\"property\":\"e\",\"filter\":{\"type\":\"existence\",\"operator\":\"not-set\"}}",
                "{\"property\":\"b\",\"filter\":{\"type\":\"boolean\",\"operator\":\"equals\",\"value\":false}}",
                "{\"property\":\"l\",\"filter\":{\"type\":\"list\",\"operator\":\"not-contains\",\"value\":4}}",
                "{\"property\":\"l\",\"filter\":{\"type\":\"list\",\"operator\":\"contains-starts-with\",\"value\":\"x\"}}",
                "{\"property\":\"l\",\"filter\":{\"type\":\"list\",\"operator\":\"not-contains-substring\",\"value\":\"y\"}}") + "]";
        JsonNode made = create(api, "Every filter", definition("value", "{\"metric_id\":\"" + m + "\",\"metric_filters\":" + all
                + ",\"value_property\":null}"));
        assertThat(made.at("/attributes/definition/metric_groups/0/metric_filters").toString())
                .isEqualTo(tree(all).toString());
    }

    static JsonNode tree(String json) {
        try {
            return dev.openprofile.jsonapi.Json.MAPPER.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static String filter(String metricId, String condition) {
        return definition("count", "{\"metric_id\":\"" + metricId + "\",\"metric_filters\":[" + condition + "]}");
    }

    @Test
    void anUpdateIsCheckedAsACreateIsAndChangesNothingWhenRefused() {
        Api api = account(server);
        String m = metric(api, "Updated");
        JsonNode first = create(api, "First", definition("count", group(m)));
        String id = first.get("id").asText();
        create(api, "Second", definition("count", group(m)));
        String path = "/api/custom-metrics/" + id;
        // Names are unique in the account: a 400 (the spec), on create and on update; keeping one's own name is fine.
        assertError(api.post("create_custom_metric", "/api/custom-metrics", body("Second", definition("count", group(m)))),
                400, "/data/attributes/name");
        assertError(api.patch("update_custom_metric", path, update(id, "{\"name\":\"Second\"}")), 400, "/data/attributes/name");
        assertThat(api.patch("update_custom_metric", path, update(id, "{\"name\":\"First\"}")).status()).isEqualTo(200);
        assertError(api.patch("update_custom_metric", path, update(id, "{\"definition\":" + definition("count",
                "{\"metric_id\":\"NOPE00\"}") + "}")), 404, "/data/attributes/definition/metric_groups/0/metric_id");
        assertError(api.patch("update_custom_metric", path, update(id, "{\"definition\":{\"aggregation_method\":\"value\"}}")),
                400, "/data/attributes/definition/metric_groups");
        assertError(api.patch("update_custom_metric", path, update(id, "{\"created\":\"2020-01-01T00:00:00Z\"}")),
                400, "/data/attributes/created");
        var mismatch = api.patch("update_custom_metric", path, update("f".repeat(32), "{\"name\":\"X\"}"));
        assertError(mismatch, 409, "/data/id");
        var unknown = api.patch("update_custom_metric", "/api/custom-metrics/" + "f".repeat(32), update("f".repeat(32), "{\"name\":\"X\"}"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(api.get("get_custom_metric", path).data()).isEqualTo(first);
        // Another account sees none of it.
        assertThat(account(server).get("get_custom_metric", path).status()).isEqualTo(404);
    }

    static String update(String id, String attributes) {
        return "{\"data\":{\"type\":\"custom-metric\",\"id\":\"" + id + "\",\"attributes\":" + attributes + "}}";
    }

    @Test
    void anAccountHasAtMostFiftyCustomMetrics() {
        Api api = account(server);
        String m = metric(api, "Limited");
        for (int i = 0; i < CustomMetricHooks.MAX_PER_ACCOUNT; i++) create(api, "Custom " + i, definition("count", group(m)));
        var refused = api.post("create_custom_metric", "/api/custom-metrics", body("One too many", definition("count", group(m))));
        assertError(refused, 400, "/data");
        assertThat(refused.error().get("detail").asText()).contains("at most 50 custom metrics");
        assertThat(api.get("get_custom_metrics", "/api/custom-metrics").data().size()).isEqualTo(50);
        // Another account is not limited by this one's.
        Api other = account(server);
        create(other, "Custom 0", definition("count", group(metric(other, "Limited"))));
    }
}
