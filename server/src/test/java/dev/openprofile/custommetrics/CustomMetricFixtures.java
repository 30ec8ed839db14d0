package dev.openprofile.custommetrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.TestServer;

/** Accounts, metrics (made by events) and custom metric bodies for the custom and mapped metric tests. */
final class CustomMetricFixtures {
    private CustomMetricFixtures() {}

    /** A fresh account: limits and mapped metrics are per account. */
    static Api account(TestServer server) {
        return server.newAccount("cm-").api();
    }

    /** The id of the metric named {@code name}, made by an event of it. */
    static String metric(Api api, String name) {
        var r = api.post("create_event", "/api/events", "{\"data\":{\"type\":\"event\",\"attributes\":{\"properties\":"
                + "{\"Amount\":12},\"metric\":{\"data\":{\"type\":\"metric\",\"attributes\":{\"name\":\"" + name + "\"}}},"
                + "\"profile\":{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"cm@example.com\"}}}}}}");
        assertThat(r.status()).as(r.text()).isEqualTo(202);
        for (JsonNode m : api.get("get_metrics", "/api/metrics").data()) {
            if (m.at("/attributes/name").asText().equals(name)) return m.get("id").asText();
        }
        throw new AssertionError("no metric " + name);
    }

    /** A group of the metric with one string filter and a value property. */
    static String group(String metricId) {
        return "{\"metric_id\":\"" + metricId + "\",\"metric_filters\":[{\"property\":\"Channel\",\"filter\":{\"type\":\"string\","
                + "\"operator\":\"equals\",\"value\":\"web\"}}],\"value_property\":\"Amount\"}";
    }

    static String definition(String method, String... groups) {
        return "{\"aggregation_method\":\"" + method + "\",\"metric_groups\":[" + String.join(",", groups) + "]}";
    }

    static String body(String name, String definition) {
        return "{\"data\":{\"type\":\"custom-metric\",\"attributes\":{\"name\":\"" + name + "\",\"definition\":" + definition + "}}}";
    }

    static JsonNode create(Api api, String name, String definition) {
        var r = api.post("create_custom_metric", "/api/custom-metrics", body(name, definition));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.data();
    }

    static String mapBody(String role, String relationship, String data) {
        return "{\"data\":{\"type\":\"mapped-metric\",\"id\":\"" + role + "\",\"relationships\":{\"" + relationship
                + "\":{\"data\":" + data + "}}}}";
    }

    static String ref(String type, String id) {
        return "{\"type\":\"" + type + "\",\"id\":\"" + id + "\"}";
    }

    static void assertError(Api.Response r, int status, String pointer) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        assertThat(r.error().at("/source/pointer").asText()).as(r.text()).isEqualTo(pointer);
    }
}
