package dev.openprofile.reporting;

import static dev.openprofile.reporting.ReportFixtures.event;
import static dev.openprofile.reporting.ReportFixtures.report;
import static dev.openprofile.reporting.ReportFixtures.results;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.MutableClock;
import dev.openprofile.testing.TestServer;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** query_form_values and query_form_series over HTTP: form events grouped by form and version, filters, series, none. */
class FormReportsTest {
    static final String VALUES = "query_form_values";
    static final String SERIES = "query_form_series";
    static final String WEEK = "\"timeframe\":{\"start\":\"2026-09-07T00:00:00\",\"end\":\"2026-09-14T00:00:00\"}";
    static TestServer server;
    static Api api;

    @BeforeAll
    static void start() {
        server = TestServer.start(new MutableClock(Instant.parse("2026-09-16T15:00:00Z")));
        api = server.newAccount("reporting-forms-").api();
        form("Viewed Form", "ada", "2026-09-08T10:00:00Z", "F1", "V1");
        form("Viewed Form", "ada", "2026-09-08T10:05:00Z", "F1", "V1");
        form("Viewed Form", "bob", "2026-09-09T10:00:00Z", "F1", "V2");
        form("Viewed Form", "cy", "2026-09-09T11:00:00Z", "F1", "V2");
        form("Submitted Form", "ada", "2026-09-08T10:06:00Z", "F1", "V1");
        form("Closed Form", "bob", "2026-09-09T10:01:00Z", "F1", "V2");
        form("Viewed Form Step", "ada", "2026-09-08T10:05:30Z", "F1", "V1");
        form("Submitted Form Step", "ada", "2026-09-08T10:05:40Z", "F1", "V1");
        form("Qualified Form", "cy", "2026-09-09T11:00:01Z", "F1", "V2");
        form("Viewed Form", "ada", "2026-09-10T10:00:00Z", "F2", null);
        // Outside the week, and an API metric of the same name: neither counts.
        form("Viewed Form", "dee", "2026-09-15T10:00:00Z", "F1", "V1");
        event(api, "Submitted Form", null, "dee@form.example", "2026-09-08T10:00:00Z", "{\"form_id\":\"F1\"}", null);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static void form(String metric, String who, String time, String formId, String versionId) {
        String properties = "{\"form_id\":\"" + formId + "\"" + (versionId == null ? "" : ",\"form_version_id\":\"" + versionId + "\"") + "}";
        event(api, metric, "klaviyo", who + "@form.example", time, properties, null);
    }

    static final String ALL = "\"statistics\":[\"viewed_form\",\"viewed_form_uniques\",\"submits\",\"submit_rate\",\"closed_form\","
            + "\"closed_form_uniques\",\"qualified_form\",\"qualified_form_uniques\",\"viewed_form_step\",\"viewed_form_step_uniques\","
            + "\"submitted_form_step\",\"submitted_form_step_uniques\"]";

    @Test
    void valuesByFormCountViewsSubmitsAndRates() {
        JsonNode rows = results(api, VALUES, ALL + "," + WEEK);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("groupings").toString()).isEqualTo("{\"form_id\":\"F1\"}");
        assertThat(rows.get(0).get("statistics").toString()).isEqualTo("{\"viewed_form\":4,\"viewed_form_uniques\":3,\"submits\":1,"
                + "\"submit_rate\":0.25,\"closed_form\":1,\"closed_form_uniques\":1,\"qualified_form\":1,"
                + "\"qualified_form_uniques\":1,\"viewed_form_step\":1,\"viewed_form_step_uniques\":1,\"submitted_form_step\":1,"
                + "\"submitted_form_step_uniques\":1}");
        assertThat(rows.get(1).at("/groupings/form_id").asText()).isEqualTo("F2");
        assertThat(rows.get(1).at("/statistics/viewed_form").asLong()).isEqualTo(1);
        assertThat(rows.get(1).at("/statistics/submit_rate").asDouble()).isZero();
    }

    @Test
    void versionsAreGroupedAndFiltered() {
        JsonNode rows = results(api, VALUES, "\"statistics\":[\"viewed_form\",\"viewed_form_uniques\"]," + WEEK
                + ",\"group_by\":[\"form_id\",\"form_version_id\"],\"filter\":\"equals(form_id,\\\"F1\\\")\"");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("groupings").toString()).isEqualTo("{\"form_id\":\"F1\",\"form_version_id\":\"V1\"}");
        assertThat(rows.get(0).get("statistics").toString()).isEqualTo("{\"viewed_form\":2,\"viewed_form_uniques\":1}");
        assertThat(rows.get(1).get("statistics").toString()).isEqualTo("{\"viewed_form\":2,\"viewed_form_uniques\":2}");
        JsonNode v2 = results(api, VALUES, "\"statistics\":[\"viewed_form\"]," + WEEK
                + ",\"filter\":\"any(form_version_id,[\\\"V2\\\"])\"");
        assertThat(v2).hasSize(1);
        assertThat(v2.get(0).get("statistics").toString()).isEqualTo("{\"viewed_form\":2}");
    }

    @Test
    void aSeriesHasOneValuePerDay() {
        Api.Response r = report(api, SERIES, "\"statistics\":[\"viewed_form\",\"submits\"],\"timeframe\":{\"start\":\"2026-09-08T00:00:00\","
                + "\"end\":\"2026-09-10T00:00:00\"},\"interval\":\"daily\"");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.data().at("/attributes/date_times")).hasSize(2);
        assertThat(r.data().at("/attributes/results")).hasSize(1);
        assertThat(r.data().at("/attributes/results/0/statistics").toString()).isEqualTo("{\"viewed_form\":[2,2],\"submits\":[1,0]}");
    }

    @Test
    void withoutFormEventsTheResultsAreEmpty() {
        Api other = server.newAccount("reporting-noforms-").api();
        assertThat(results(other, VALUES, "\"statistics\":[\"viewed_form\"]," + WEEK)).isEmpty();
        Api.Response r = report(other, SERIES, "\"statistics\":[\"viewed_form\"]," + WEEK + ",\"interval\":\"weekly\"");
        assertThat(r.data().at("/attributes/results")).isEmpty();
        assertThat(r.data().at("/attributes/date_times").toString()).isEqualTo("[\"2026-09-07T00:00:00+00:00\"]");
    }
}
