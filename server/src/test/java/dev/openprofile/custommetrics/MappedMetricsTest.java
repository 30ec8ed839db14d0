package dev.openprofile.custommetrics;

import static dev.openprofile.custommetrics.CustomMetricFixtures.account;
import static dev.openprofile.custommetrics.CustomMetricFixtures.assertError;
import static dev.openprofile.custommetrics.CustomMetricFixtures.create;
import static dev.openprofile.custommetrics.CustomMetricFixtures.definition;
import static dev.openprofile.custommetrics.CustomMetricFixtures.group;
import static dev.openprofile.custommetrics.CustomMetricFixtures.mapBody;
import static dev.openprofile.custommetrics.CustomMetricFixtures.metric;
import static dev.openprofile.custommetrics.CustomMetricFixtures.ref;
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
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The seven conversion roles every account has: read, mapped to a metric or a custom metric, unset, refused. */
class MappedMetricsTest {
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

    static Api.Response map(Api api, String role, String relationship, String data) {
        return api.patch("update_mapped_metric", "/api/mapped-metrics/" + role, mapBody(role, relationship, data));
    }

    @Test
    void everyAccountHasTheSevenRolesUnmapped() {
        Api api = account(server);
        var all = api.get("get_mapped_metrics", "/api/mapped-metrics?include=metric,custom-metric");
        List<String> ids = new ArrayList<>();
        all.data().forEach(m -> ids.add(m.get("id").asText()));
        assertThat(ids).containsExactly("added_to_cart", "cancelled_sales", "ordered_product", "refunded_sales", "revenue",
                "started_checkout", "viewed_product");
        assertThat(all.body().get("included")).isEmpty();
        JsonNode revenue = all.data().get(4);
        assertThat(revenue.get("type").asText()).isEqualTo("mapped-metric");
        assertThat(OffsetDateTime.parse(revenue.at("/attributes/updated").asText()).toInstant()).isEqualTo(clock.instant());
        assertThat(revenue.at("/relationships/metric").has("data")).isFalse();
        assertThat(revenue.at("/relationships/metric/links/related").asText()).endsWith("/api/mapped-metrics/revenue/metric/");
        assertThat(revenue.at("/relationships/custom-metric/links/self").asText())
                .endsWith("/api/mapped-metrics/revenue/relationships/custom-metric/");
        assertThat(revenue.at("/links/self").asText()).endsWith("/api/mapped-metrics/revenue/");
        clock.advance(Duration.ofMinutes(1));
        assertThat(api.get("get_mapped_metric", "/api/mapped-metrics/revenue").data()).as("made once, then read").isEqualTo(revenue);
        for (String[] op : new String[][] {{"get_metric_for_mapped_metric", "metric"}, {"get_metric_id_for_mapped_metric",
                "relationships/metric"}, {"get_custom_metric_for_mapped_metric", "custom-metric"},
                {"get_custom_metric_id_for_mapped_metric", "relationships/custom-metric"}}) {
            var r = api.get(op[0], "/api/mapped-metrics/revenue/" + op[1]);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.data().isNull()).as(op[0]).isTrue();
        }
        assertThat(api.get("get_mapped_metric", "/api/mapped-metrics/revenue?fields%5Bmapped-metric%5D=id").data()
                .get("attributes").size()).isZero();
    }

    @Test
    void aRoleMapsToAMetricOrACustomMetricAndCanBeUnset() {
        Api api = account(server);
        String placed = metric(api, "Placed Order");
        String custom = create(api, "Web orders", definition("value", group(placed))).get("id").asText();
        clock.advance(Duration.ofMinutes(1));
        var mapped = map(api, "revenue", "metric", ref("metric", placed));
        assertThat(mapped.status()).as(mapped.text()).isEqualTo(200);
        assertThat(mapped.data().at("/relationships/metric/data").toString()).isEqualTo(ref("metric", placed));
        assertThat(mapped.data().at("/relationships/custom-metric").has("data")).isFalse();
        assertThat(OffsetDateTime.parse(mapped.data().at("/attributes/updated").asText()).toInstant()).isEqualTo(clock.instant());
        var metric = api.get("get_metric_for_mapped_metric", "/api/mapped-metrics/revenue/metric");
        assertThat(metric.data().get("id").asText()).isEqualTo(placed);
        assertThat(metric.data().at("/attributes/name").asText()).isEqualTo("Placed Order");
        var linkage = api.get("get_metric_id_for_mapped_metric", "/api/mapped-metrics/revenue/relationships/metric");
        assertThat(linkage.data().toString()).isEqualTo(ref("metric", placed));
        assertThat(linkage.body().at("/links/self").asText()).endsWith("/api/mapped-metrics/revenue/relationships/metric/");

        // The same mapping again changes nothing, not even updated.
        clock.advance(Duration.ofMinutes(1));
        assertThat(map(api, "revenue", "metric", ref("metric", placed)).data()).isEqualTo(mapped.data());

        // Mapping the custom metric unsets the metric: a role maps to one of them.
        var toCustom = map(api, "revenue", "custom-metric", ref("custom-metric", custom));
        assertThat(toCustom.data().at("/relationships/custom-metric/data").toString()).isEqualTo(ref("custom-metric", custom));
        assertThat(toCustom.data().at("/relationships/metric").has("data")).isFalse();
        assertThat(api.get("get_metric_for_mapped_metric", "/api/mapped-metrics/revenue/metric").data().isNull()).isTrue();
        var customMetric = api.get("get_custom_metric_for_mapped_metric", "/api/mapped-metrics/revenue/custom-metric");
        assertThat(customMetric.data().at("/attributes/name").asText()).isEqualTo("Web orders");
        assertThat(api.get("get_custom_metric_id_for_mapped_metric", "/api/mapped-metrics/revenue/relationships/custom-metric")
                .data().toString()).isEqualTo(ref("custom-metric", custom));
        map(api, "viewed_product", "metric", ref("metric", placed));
        var included = api.get("get_mapped_metrics", "/api/mapped-metrics?include=metric,custom-metric");
        List<String> types = new ArrayList<>();
        included.body().get("included").forEach(r -> types.add(r.get("type").asText() + "/" + r.get("id").asText()));
        assertThat(types).containsExactlyInAnyOrder("metric/" + placed, "custom-metric/" + custom);
        var one = api.get("get_mapped_metric", "/api/mapped-metrics/revenue?include=metric");
        assertThat(one.body().get("included")).isEmpty();

        // Unset: data null, or an id null as the spec words it.
        var unset = map(api, "revenue", "custom-metric", "null");
        assertThat(unset.status()).as(unset.text()).isEqualTo(200);
        assertThat(unset.data().at("/relationships/custom-metric").has("data")).isFalse();
        assertThat(map(api, "viewed_product", "metric", "{\"type\":\"metric\",\"id\":null}").data()
                .at("/relationships/metric").has("data")).isFalse();
        // A body without relationships changes nothing.
        var nothing = api.patch("update_mapped_metric", "/api/mapped-metrics/revenue",
                "{\"data\":{\"type\":\"mapped-metric\",\"id\":\"revenue\"}}");
        assertThat(nothing.data()).isEqualTo(unset.data());
    }

    @Test
    void deletingACustomMetricUnsetsTheRolesMappedToIt() {
        Api api = account(server);
        String m = metric(api, "Deleted under");
        String custom = create(api, "Doomed", definition("count", group(m))).get("id").asText();
        map(api, "started_checkout", "custom-metric", ref("custom-metric", custom));
        clock.advance(Duration.ofMinutes(3));
        assertThat(api.delete("delete_custom_metric", "/api/custom-metrics/" + custom, null).status()).isEqualTo(204);
        JsonNode role = api.get("get_mapped_metric", "/api/mapped-metrics/started_checkout").data();
        assertThat(role.at("/relationships/custom-metric").has("data")).isFalse();
        assertThat(OffsetDateTime.parse(role.at("/attributes/updated").asText()).toInstant()).isEqualTo(clock.instant());
    }

    @Test
    void badUpdatesAreRefusedWithTheirPointerAndChangeNothing() {
        Api api = account(server);
        String m = metric(api, "Refusals");
        String custom = create(api, "Kept", definition("count", group(m))).get("id").asText();
        JsonNode before = map(api, "ordered_product", "metric", ref("metric", m)).data();
        String path = "/api/mapped-metrics/ordered_product";
        assertError(map(api, "ordered_product", "metric", ref("metric", "NOPE00")), 404, "/data/relationships/metric/data/id");
        assertError(map(api, "ordered_product", "custom-metric", ref("custom-metric", "0".repeat(32))), 404,
                "/data/relationships/custom-metric/data/id");
        assertError(map(api, "ordered_product", "metric", ref("custom-metric", custom)), 400, "/data/relationships/metric/data/type");
        assertError(map(api, "ordered_product", "metric", "{\"type\":\"metric\"}"), 400, "/data/relationships/metric/data/id");
        assertError(map(api, "ordered_product", "metric", "[]"), 400, "/data/relationships/metric/data");
        assertError(map(api, "ordered_product", "flow", ref("flow", "F")), 400, "/data/relationships/flow");
        assertError(api.patch("update_mapped_metric", path, "{\"data\":{\"type\":\"mapped-metric\",\"id\":\"ordered_product\","
                + "\"relationships\":{\"metric\":{\"data\":" + ref("metric", m) + "},\"custom-metric\":{\"data\":"
                + ref("custom-metric", custom) + "}}}}"), 400, "/data/relationships");
        assertError(api.patch("update_mapped_metric", path, "{\"data\":{\"type\":\"mapped-metric\",\"id\":\"ordered_product\","
                + "\"attributes\":{}}}"), 400, "/data/attributes");
        assertError(api.patch("update_mapped_metric", path, "{\"data\":{\"type\":\"metric\",\"id\":\"ordered_product\"}}"),
                400, "/data/type");
        assertError(api.patch("update_mapped_metric", path, mapBody("revenue", "metric", ref("metric", m))), 409, "/data/id");
        assertError(api.patch("update_mapped_metric", path, "{\"data\":{\"type\":\"mapped-metric\"}}"), 400, "/data/id");
        assertThat(api.get("get_mapped_metric", path).data()).isEqualTo(before);

        // A role the spec does not name does not exist.
        for (String[] op : new String[][] {{"get_mapped_metric", ""}, {"get_metric_for_mapped_metric", "/metric"},
                {"get_custom_metric_id_for_mapped_metric", "/relationships/custom-metric"}}) {
            var r = api.get(op[0], "/api/mapped-metrics/profit" + op[1]);
            assertThat(r.status()).as(op[0]).isEqualTo(404);
            assertThat(r.error().at("/source/parameter").asText()).isEqualTo("id");
        }
        var unknownRole = api.patch("update_mapped_metric", "/api/mapped-metrics/profit", mapBody("profit", "metric", ref("metric", m)));
        assertThat(unknownRole.status()).isEqualTo(404);
        // Another account's metric and custom metric are unknown here.
        Api other = account(server);
        assertError(map(other, "revenue", "metric", ref("metric", m)), 404, "/data/relationships/metric/data/id");
        assertError(map(other, "revenue", "custom-metric", ref("custom-metric", custom)), 404,
                "/data/relationships/custom-metric/data/id");
    }

    @Test
    void concurrentFirstReadsMakeEachRoleOnce() {
        Api api = account(server);
        List<CompletableFuture<Api.Response>> reads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            reads.add(CompletableFuture.supplyAsync(() -> api.get("get_mapped_metrics", "/api/mapped-metrics")));
        }
        // No read fails on another's insert, and all see the same seven rows (one updated each, made once).
        JsonNode first = reads.getFirst().join().data();
        assertThat(first.size()).isEqualTo(7);
        for (var r : reads) assertThat(r.join().data()).isEqualTo(first);
        clock.advance(Duration.ofMinutes(1));
        assertThat(api.get("get_mapped_metrics", "/api/mapped-metrics").data()).isEqualTo(first);
    }
}
