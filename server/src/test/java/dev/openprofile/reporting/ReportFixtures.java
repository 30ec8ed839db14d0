package dev.openprofile.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.TestServer;
import java.util.Map;
import java.util.stream.Collectors;

/** What the reporting tests share: campaigns and flows to report on, message events, and report requests. */
final class ReportFixtures {
    static final Map<String, String> PATHS = Map.of(
            "query_campaign_values", "/api/campaign-values-reports", "query_flow_values", "/api/flow-values-reports",
            "query_flow_series", "/api/flow-series-reports", "query_form_values", "/api/form-values-reports",
            "query_form_series", "/api/form-series-reports", "query_segment_values", "/api/segment-values-reports",
            "query_segment_series", "/api/segment-series-reports");
    static final Map<String, String> TYPES = Map.of(
            "query_campaign_values", "campaign-values-report", "query_flow_values", "flow-values-report",
            "query_flow_series", "flow-series-report", "query_form_values", "form-values-report",
            "query_form_series", "form-series-report", "query_segment_values", "segment-values-report",
            "query_segment_series", "segment-series-report");

    private ReportFixtures() {}

    record Campaign(String id, String messageId) {}

    static String created(Api.Response r) {
        assertThat(r.status()).as(r.text()).isIn(200, 201);
        return r.data().get("id").asText();
    }

    static String list(Api api, String name) {
        return created(api.post("create_list", "/api/lists", "{\"data\":{\"type\":\"list\",\"attributes\":{\"name\":\"" + name + "\"}}}"));
    }

    /** A campaign to a new list with one message of {@code definition} (a campaign message definition's JSON). */
    static Campaign campaign(Api api, String name, String definition) {
        String list = list(api, name + " list");
        String id = created(api.post("create_campaign", "/api/campaigns", "{\"data\":{\"type\":\"campaign\",\"attributes\":{\"name\":\""
                + name + "\",\"audiences\":{\"included\":[\"" + list + "\"],\"excluded\":[]},\"campaign-messages\":{\"data\":[{\"type\":"
                + "\"campaign-message\",\"attributes\":{\"definition\":" + definition + "}}]}}}}"));
        JsonNode messages = api.get("get_campaign", "/api/campaigns/" + id + "?include=campaign-messages").data()
                .at("/relationships/campaign-messages/data");
        return new Campaign(id, messages.get(0).get("id").asText());
    }

    static String email(String label) {
        return "{\"channel\":\"email\",\"label\":\"" + label + "\",\"content\":{\"subject\":\"Hello\",\"from_email\":\"shop@example.com\","
                + "\"from_label\":\"Shop\"}}";
    }

    static String sms() {
        return "{\"channel\":\"sms\",\"content\":{\"body\":\"Hi\"}}";
    }

    /** A flow whose one action sends an email named {@code messageName}: the flow's id and the message's. */
    record Flow(String id, String messageId) {}

    static Flow flow(Api api, String name, String messageName) {
        String list = list(api, name + " trigger");
        var r = api.post("create_flow", "/api/flows?additional-fields[flow]=definition", "{\"data\":{\"type\":\"flow\",\"attributes\":"
                + "{\"name\":\"" + name + "\",\"definition\":{\"triggers\":[{\"type\":\"list\",\"id\":\"" + list + "\"}],"
                + "\"profile_filter\":null,\"actions\":[{\"temporary_id\":\"mail\",\"type\":\"send-email\",\"links\":{\"next\":null},"
                + "\"data\":{\"message\":{\"from_email\":\"shop@example.com\",\"from_label\":\"Shop\",\"subject_line\":\"Hi\","
                + "\"name\":\"" + messageName + "\"}}}],\"entry_action_id\":\"mail\"}}}}");
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return new Flow(r.data().get("id").asText(), r.data().at("/attributes/definition/actions/0/data/message/id").asText());
    }

    /**
     * Records an event through create_event: of the Klaviyo metric {@code metric} (service klaviyo) unless
     * {@code service} says otherwise, on the profile with this email, at {@code time}, with these properties (JSON).
     */
    static void event(Api api, String metric, String service, String email, String time, String properties, String value) {
        var r = api.post("create_event", "/api/events", "{\"data\":{\"type\":\"event\",\"attributes\":{\"properties\":" + properties
                + ",\"time\":\"" + time + "\"" + (value == null ? "" : ",\"value\":" + value)
                + ",\"metric\":{\"data\":{\"type\":\"metric\",\"attributes\":{\"name\":\"" + metric + "\""
                + (service == null ? "" : ",\"service\":\"" + service + "\"") + "}}},"
                + "\"profile\":{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"" + email + "\"}}}}}}");
        assertThat(r.status()).as(r.text()).isEqualTo(202);
    }

    /** A Klaviyo message event naming the message. */
    static void message(Api api, String metric, String email, String time, String messageId) {
        event(api, metric, "klaviyo", email, time, "{\"$message\":\"" + messageId + "\"}", null);
    }

    /** The id of the account's metric of this name (and integration). */
    static String metricId(TestServer server, String accountId, String name) {
        return server.jdbc().read(c -> {
            try (var ps = c.prepareStatement("select id from metric where account_id = ? and name = ?")) {
                ps.setString(1, accountId);
                ps.setString(2, name);
                try (var rs = ps.executeQuery()) {
                    assertThat(rs.next()).as("metric " + name).isTrue();
                    return rs.getString(1);
                }
            }
        });
    }

    /** A tag (in the default group) on the campaign or flow: its id. */
    static String tag(Api api, String name, String kind, String id) {
        String tag = created(api.post("create_tag", "/api/tags", "{\"data\":{\"type\":\"tag\",\"attributes\":{\"name\":\"" + name + "\"}}}"));
        var r = api.post("tag_" + kind + "s", "/api/tags/" + tag + "/relationships/" + kind + "s",
                "{\"data\":[{\"type\":\"" + kind + "\",\"id\":\"" + id + "\"}]}");
        assertThat(r.status()).as(r.text()).isEqualTo(204);
        return tag;
    }

    /** A report request's body: the operation's type and these attributes (JSON members, without braces). */
    static String body(String op, String attributes) {
        return "{\"data\":{\"type\":\"" + TYPES.get(op) + "\",\"attributes\":{" + attributes + "}}}";
    }

    static Api.Response report(Api api, String op, String attributes) {
        return api.post(op, PATHS.get(op), body(op, attributes));
    }

    /** The results of a report that must succeed. */
    static JsonNode results(Api api, String op, String attributes) {
        Api.Response r = report(api, op, attributes);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.data().get("type").asText()).isEqualTo(TYPES.get(op));
        return r.data().at("/attributes/results");
    }

    static void assertError(Api.Response r, String pointer, String detailPart) {
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        JsonNode source = r.error().get("source");
        if (pointer.startsWith("/")) assertThat(source.path("pointer").asText()).as(r.text()).isEqualTo(pointer);
        else assertThat(source.path("parameter").asText()).as(r.text()).isEqualTo(pointer);
        assertThat(r.error().get("detail").asText()).as(r.text()).contains(detailPart);
    }

    static String quoted(String... values) {
        return java.util.Arrays.stream(values).map(v -> "\"" + v + "\"").collect(Collectors.joining(","));
    }
}
