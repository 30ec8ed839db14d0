package dev.openprofile.reporting;

import static dev.openprofile.reporting.ReportFixtures.event;
import static dev.openprofile.reporting.ReportFixtures.flow;
import static dev.openprofile.reporting.ReportFixtures.message;
import static dev.openprofile.reporting.ReportFixtures.metricId;
import static dev.openprofile.reporting.ReportFixtures.results;
import static dev.openprofile.reporting.ReportFixtures.tag;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.testing.AdminApi;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.MutableClock;
import dev.openprofile.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * query_flow_values and query_flow_series over HTTP: events counted by their own time, the timeframe keys on the
 * operator's clock, series buckets of every interval, groupings and filters, and the account's time zone.
 */
class FlowReportsTest {
    static final String VALUES = "query_flow_values";
    static final String SERIES = "query_flow_series";
    static TestServer server;
    static Api api;
    static String orders;
    static ReportFixtures.Flow welcome;
    static ReportFixtures.Flow winback;
    static String welcomeTag;

    @BeforeAll
    static void start() {
        // A Wednesday.
        server = TestServer.start(new MutableClock(Instant.parse("2026-09-16T15:00:00Z")));
        TestServer.Account account = server.newAccount("reporting-flows-");
        api = account.api();
        welcome = flow(api, "Welcome", "Welcome email");
        winback = flow(api, "Winback", "Come back");
        welcomeTag = tag(api, "Onboarding", "flow", welcome.id());
        message(api, "Received Email", "ada@f.example", "2026-09-14T10:00:00Z", welcome.messageId());
        message(api, "Received Email", "bob@f.example", "2026-09-15T10:00:00Z", welcome.messageId());
        message(api, "Received Email", "cy@f.example", "2026-09-16T09:00:00Z", welcome.messageId());
        message(api, "Opened Email", "ada@f.example", "2026-09-14T11:00:00Z", welcome.messageId());
        message(api, "Opened Email", "bob@f.example", "2026-09-16T10:00:00Z", welcome.messageId());
        message(api, "Clicked Email", "ada@f.example", "2026-09-14T11:05:00Z", welcome.messageId());
        message(api, "Received Email", "dee@f.example", "2026-09-09T10:00:00Z", winback.messageId());
        event(api, "Placed Order", null, "ada@f.example", "2026-09-15T12:00:00Z",
                "{\"$attributed_message\":\"" + welcome.messageId() + "\"}", "40");
        orders = metricId(server, account.id(), "Placed Order");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String attributes(String statistics, String timeframe, String extra) {
        return "\"statistics\":[" + statistics + "],\"timeframe\":" + timeframe + ",\"conversion_metric_id\":\"" + orders + "\"" + extra;
    }

    static String key(String key) {
        return "{\"key\":\"" + key + "\"}";
    }

    @Test
    void valuesCountTheEventsOfTheTimeframe() {
        JsonNode rows = results(api, VALUES, attributes("\"recipients\",\"opens_unique\",\"clicks\",\"conversions\",\"conversion_value\"",
                key("last_7_days"), ""));
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("groupings").toString()).isEqualTo("{\"flow_id\":\"" + welcome.id() + "\",\"flow_message_id\":\""
                + welcome.messageId() + "\",\"send_channel\":\"email\"}");
        JsonNode s = rows.get(0).get("statistics");
        assertThat(s.get("recipients").asLong()).isEqualTo(3);
        assertThat(s.get("opens_unique").asLong()).isEqualTo(2);
        assertThat(s.get("clicks").asLong()).isEqualTo(1);
        assertThat(s.get("conversions").asLong()).isEqualTo(1);
        assertThat(s.get("conversion_value").decimalValue()).isEqualByComparingTo("40");
        // The previous week (Monday 7th to Sunday 13th) holds the winback's receipt only.
        JsonNode lastWeek = results(api, VALUES, attributes("\"recipients\"", key("last_week"), ""));
        assertThat(lastWeek).hasSize(1);
        assertThat(lastWeek.get(0).at("/groupings/flow_id").asText()).isEqualTo(winback.id());
    }

    @Test
    void todayAndYesterdayFollowTheOperatorsClock() {
        assertThat(recipients("today")).isEqualTo(1);
        assertThat(results(api, VALUES, attributes("\"opens\"", key("today"), "")).get(0).at("/statistics/opens").asLong()).isEqualTo(1);
        assertThat(recipients("yesterday")).isEqualTo(1);
        assertThat(results(api, VALUES, attributes("\"conversions\"", key("yesterday"), "")).get(0).at("/statistics/conversions")
                .asLong()).isEqualTo(1);
        server.clock().advance(Duration.ofDays(7));
        try {
            assertThat(results(api, VALUES, attributes("\"recipients\"", key("today"), ""))).isEmpty();
            assertThat(results(api, VALUES, attributes("\"recipients\"", key("last_week"), "")).get(0).at("/statistics/recipients")
                    .asLong()).isEqualTo(3);
        } finally {
            server.clock().advance(Duration.ofDays(-7));
        }
    }

    static long recipients(String key) {
        JsonNode rows = results(api, VALUES, attributes("\"recipients\"", key(key), ""));
        assertThat(rows).hasSize(1);
        return rows.get(0).at("/statistics/recipients").asLong();
    }

    @Test
    void dailySeriesHaveOneValuePerDay() {
        Api.Response r = ReportFixtures.report(api, SERIES, attributes("\"recipients\",\"opens\",\"conversions\",\"open_rate\"",
                "{\"start\":\"2026-09-14T00:00:00\",\"end\":\"2026-09-17T00:00:00\"}", ",\"interval\":\"daily\""));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(texts(r.data().at("/attributes/date_times"))).containsExactly("2026-09-14T00:00:00+00:00",
                "2026-09-15T00:00:00+00:00", "2026-09-16T00:00:00+00:00");
        JsonNode s = r.data().at("/attributes/results/0/statistics");
        assertThat(s.get("recipients").toString()).isEqualTo("[1,1,1]");
        assertThat(s.get("opens").toString()).isEqualTo("[1,0,1]");
        assertThat(s.get("conversions").toString()).isEqualTo("[0,1,0]");
        assertThat(s.get("open_rate").toString()).isEqualTo("[1.0,0.0,1.0]");
    }

    @Test
    void hourlyWeeklyAndMonthlyBuckets() {
        JsonNode hourly = series("\"recipients\",\"opens\"", "{\"start\":\"2026-09-14T10:00:00\",\"end\":\"2026-09-14T12:00:00\"}", "hourly");
        assertThat(texts(hourly.get("date_times"))).containsExactly("2026-09-14T10:00:00+00:00", "2026-09-14T11:00:00+00:00");
        assertThat(hourly.at("/results/0/statistics/recipients").toString()).isEqualTo("[1,0]");
        assertThat(hourly.at("/results/0/statistics/opens").toString()).isEqualTo("[0,1]");

        JsonNode weekly = series("\"recipients\"", key("this_month"), "weekly");
        assertThat(texts(weekly.get("date_times"))).containsExactly("2026-08-31T00:00:00+00:00", "2026-09-07T00:00:00+00:00",
                "2026-09-14T00:00:00+00:00", "2026-09-21T00:00:00+00:00", "2026-09-28T00:00:00+00:00");
        assertThat(weekly.get("results")).hasSize(2);
        assertThat(row(weekly.get("results"), welcome).at("/statistics/recipients").toString()).isEqualTo("[0,0,3,0,0]");
        assertThat(row(weekly.get("results"), winback).at("/statistics/recipients").toString()).isEqualTo("[0,1,0,0,0]");

        JsonNode monthly = series("\"recipients\"", key("last_3_months"), "monthly");
        assertThat(texts(monthly.get("date_times"))).containsExactly("2026-06-01T00:00:00+00:00", "2026-07-01T00:00:00+00:00",
                "2026-08-01T00:00:00+00:00", "2026-09-01T00:00:00+00:00");
        assertThat(row(monthly.get("results"), welcome).at("/statistics/recipients").toString()).isEqualTo("[0,0,0,3]");
        assertThat(row(monthly.get("results"), winback).at("/statistics/recipients").toString()).isEqualTo("[0,0,0,1]");
    }

    static JsonNode series(String statistics, String timeframe, String interval) {
        Api.Response r = ReportFixtures.report(api, SERIES, attributes(statistics, timeframe, ",\"interval\":\"" + interval + "\""));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.data().get("attributes");
    }

    @Test
    void groupsByFlowNamesAndTagsAndFilters() {
        JsonNode rows = results(api, VALUES, attributes("\"recipients\"", key("this_month"),
                ",\"group_by\":[\"flow_id\",\"flow_message_id\",\"flow_name\",\"flow_message_name\",\"tag_id\",\"tag_name\"]"));
        assertThat(rows).hasSize(2);
        JsonNode w = row(rows, welcome).get("groupings");
        assertThat(w.get("flow_name").asText()).isEqualTo("Welcome");
        assertThat(w.get("flow_message_name").asText()).isEqualTo("Welcome email");
        assertThat(w.get("tag_id").asText()).isEqualTo(welcomeTag);
        assertThat(w.get("tag_name").asText()).isEqualTo("Onboarding");
        assertThat(row(rows, winback).at("/groupings/tag_id").isNull()).isTrue();
        // Sorted by the groupings' values.
        assertThat(rows.get(0).at("/groupings/flow_id").asText()).isLessThan(rows.get(1).at("/groupings/flow_id").asText());
        JsonNode filtered = results(api, VALUES, attributes("\"recipients\"", key("this_month"),
                ",\"filter\":\"equals(flow_name,\\\"Winback\\\")\""));
        assertThat(filtered).hasSize(1);
        assertThat(filtered.get(0).at("/groupings/flow_id").asText()).isEqualTo(winback.id());
        assertThat(results(api, VALUES, attributes("\"recipients\"", key("this_month"),
                ",\"filter\":\"contains-any(tag_id,[\\\"" + welcomeTag + "\\\"])\"")).get(0).at("/groupings/flow_id").asText())
                .isEqualTo(welcome.id());
        assertThat(results(api, VALUES, attributes("\"recipients\"", key("this_month"), ",\"filter\":\"equals(send_channel,\\\"sms\\\")\"")))
                .isEmpty();
    }

    @Test
    void timeframesAreReadInTheAccountsTimeZone() throws Exception {
        TestServer.Account other = server.newAccount("reporting-zone-");
        var set = AdminApi.send(server, "PATCH", "/admin/accounts/" + other.name(), "{\"timezone\":\"America/New_York\"}");
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        ReportFixtures.Flow f = flow(other.api(), "Zoned", "Zoned email");
        // 23:00 on the 15th in New York; the clock's 15:00Z is 11:00 on the 16th there.
        message(other.api(), "Received Email", "ny@f.example", "2026-09-16T03:00:00Z", f.messageId());
        String metric = metricId(server, other.id(), "Received Email");
        String base = "\"statistics\":[\"recipients\"],\"conversion_metric_id\":\"" + metric + "\",\"timeframe\":";
        assertThat(results(other.api(), VALUES, base + key("today"))).isEmpty();
        assertThat(results(other.api(), VALUES, base + key("yesterday")).get(0).at("/statistics/recipients").asLong()).isEqualTo(1);
        // A custom timeframe's offset is ignored: its wall-clock time is New York's.
        Api.Response r = ReportFixtures.report(other.api(), SERIES, base
                + "{\"start\":\"2026-09-15T00:00:00+00:00\",\"end\":\"2026-09-16T00:00:00Z\"},\"interval\":\"daily\"");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(texts(r.data().at("/attributes/date_times"))).containsExactly("2026-09-15T00:00:00-04:00");
        assertThat(r.data().at("/attributes/results/0/statistics/recipients").toString()).isEqualTo("[1]");
    }

    /** The result row of the flow. */
    static JsonNode row(JsonNode rows, ReportFixtures.Flow flow) {
        for (JsonNode r : rows) if (r.at("/groupings/flow_id").asText().equals(flow.id())) return r;
        throw new AssertionError("no row of flow " + flow.id() + " in " + rows);
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }
}
