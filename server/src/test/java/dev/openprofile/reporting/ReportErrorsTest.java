package dev.openprofile.reporting;

import static dev.openprofile.reporting.ReportFixtures.assertError;
import static dev.openprofile.reporting.ReportFixtures.report;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openprofile.testing.Api;
import dev.openprofile.testing.MutableClock;
import dev.openprofile.testing.TestServer;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every refusal of the report operations: a Klaviyo 400 whose source names the member (or parameter) at fault. */
class ReportErrorsTest {
    static TestServer server;
    static TestServer.Account account;
    static Api api;
    static String metric;

    @BeforeAll
    static void start() {
        server = TestServer.start(new MutableClock(Instant.parse("2026-09-16T15:00:00Z")));
        account = server.newAccount("reporting-errors-");
        api = account.api();
        ReportFixtures.event(api, "Placed Order", null, "e@errors.example", "2026-09-01T00:00:00Z", "{}", "1");
        metric = ReportFixtures.metricId(server, account.id(), "Placed Order");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static final String WEEK = "\"timeframe\":{\"key\":\"last_7_days\"}";

    String campaign(String extra) {
        return "\"statistics\":[\"opens\"]," + WEEK + ",\"conversion_metric_id\":\"" + metric + "\"" + extra;
    }

    String flowSeries(String extra) {
        return campaign(",\"interval\":\"daily\"" + extra);
    }

    @Test
    void badStatisticsAreRefusedAtTheirItem() {
        assertError(report(api, "query_campaign_values", "\"statistics\":[\"opens\",\"views\"]," + WEEK + ",\"conversion_metric_id\":\""
                + metric + "\""), "/data/attributes/statistics/1", "'views' is not a valid value for 'statistics'");
        assertError(report(api, "query_segment_values", "\"statistics\":[\"opens\"]," + WEEK), "/data/attributes/statistics/0", "opens");
        assertError(report(api, "query_form_values", "\"statistics\":[\"viewed_form\",\"viewed_form\"]," + WEEK),
                "/data/attributes/statistics/1", "given twice");
        assertError(report(api, "query_form_values", WEEK), "/data/attributes/statistics", "required");
        assertError(report(api, "query_form_values", "\"statistics\":[]," + WEEK), "/data/attributes/statistics", "at least one");
        assertError(report(api, "query_form_values", "\"statistics\":\"viewed_form\"," + WEEK), "/data/attributes/statistics", "list");
    }

    @Test
    void badGroupingsAreRefused() {
        assertError(report(api, "query_campaign_values", campaign(",\"group_by\":[\"campaign_id\",\"flow_id\"]")),
                "/data/attributes/group_by/1", "'flow_id' is not a valid value for 'group_by'");
        assertError(report(api, "query_campaign_values", campaign(",\"group_by\":[\"campaign_id\",\"send_channel\"]")),
                "/data/attributes/group_by", "must include campaign_id and campaign_message_id");
        assertError(report(api, "query_flow_values", campaign(",\"group_by\":[\"flow_id\"]")),
                "/data/attributes/group_by", "flow_message_id");
        assertError(report(api, "query_form_values", "\"statistics\":[\"submits\"]," + WEEK + ",\"group_by\":[\"form_version_id\"]"),
                "/data/attributes/group_by", "together with 'form_id'");
        // Segment reports have no group_by in the spec.
        assertError(report(api, "query_segment_values", "\"statistics\":[\"total_members\"]," + WEEK + ",\"group_by\":[\"segment_id\"]"),
                "/data/attributes/group_by", "not a valid segment-values-report attribute");
    }

    @Test
    void theConversionMetricIsRequiredAndMustExist() {
        assertError(report(api, "query_campaign_values", "\"statistics\":[\"opens\"]," + WEEK), "/data/attributes/conversion_metric_id", "required");
        assertError(report(api, "query_flow_series", "\"statistics\":[\"opens\"]," + WEEK + ",\"interval\":\"daily\""),
                "/data/attributes/conversion_metric_id", "required");
        assertError(report(api, "query_flow_values", "\"statistics\":[\"opens\"]," + WEEK + ",\"conversion_metric_id\":\"NoSuch\""),
                "/data/attributes/conversion_metric_id", "not a metric of this account");
        // Another account's metric is not this account's.
        Api other = server.newAccount("reporting-errors-other-").api();
        assertError(report(other, "query_campaign_values", campaign("")), "/data/attributes/conversion_metric_id", "not a metric");
        assertError(report(api, "query_campaign_values", "\"statistics\":[\"opens\"]," + WEEK + ",\"conversion_metric_id\":5"),
                "/data/attributes/conversion_metric_id", "metric id");
    }

    @Test
    void badTimeframesAreRefused() {
        String op = "query_segment_values";
        String stats = "\"statistics\":[\"total_members\"],";
        assertError(report(api, op, stats + "\"timeframe\":{\"key\":\"last_2_days\"}"), "/data/attributes/timeframe/key",
                "'last_2_days' is not a timeframe key");
        assertError(report(api, op, "\"statistics\":[\"total_members\"]"), "/data/attributes/timeframe", "required");
        assertError(report(api, op, stats + "\"timeframe\":\"today\""), "/data/attributes/timeframe", "must be an object");
        assertError(report(api, op, stats + "\"timeframe\":{\"key\":\"today\",\"start\":\"2026-01-01T00:00:00\"}"),
                "/data/attributes/timeframe", "not both");
        assertError(report(api, op, stats + "\"timeframe\":{\"start\":\"2026-01-01T00:00:00\"}"), "/data/attributes/timeframe/end", "required");
        assertError(report(api, op, stats + "\"timeframe\":{\"start\":\"yesterday\",\"end\":\"2026-01-01T00:00:00\"}"),
                "/data/attributes/timeframe/start", "not a date-time");
        assertError(report(api, op, stats + "\"timeframe\":{\"start\":\"2026-02-01T00:00:00\",\"end\":\"2026-01-01T00:00:00\"}"),
                "/data/attributes/timeframe/end", "after its start");
        assertError(report(api, op, stats + "\"timeframe\":{\"start\":\"2025-01-01T00:00:00\",\"end\":\"2026-01-01T00:00:01\"}"),
                "/data/attributes/timeframe", "at most one year");
        assertError(report(api, op, stats + "\"timeframe\":{\"key\":\"today\",\"end\":\"x\",\"days\":3}"),
                "/data/attributes/timeframe/days", "not a timeframe attribute");
        // Exactly one year is allowed.
        assertThat(report(api, op, stats + "\"timeframe\":{\"start\":\"2025-01-01T00:00:00\",\"end\":\"2026-01-01T00:00:00\"}").status())
                .isEqualTo(200);
    }

    @Test
    void badIntervalsAreRefused() {
        assertError(report(api, "query_flow_series", campaign("")), "/data/attributes/interval", "required");
        assertError(report(api, "query_flow_series", campaign(",\"interval\":\"yearly\"")), "/data/attributes/interval",
                "must be one of daily, hourly, monthly, weekly");
        assertError(report(api, "query_segment_series", "\"statistics\":[\"total_members\"],\"timeframe\":{\"key\":\"this_month\"},"
                + "\"interval\":\"hourly\""),
                "/data/attributes/interval", "cannot be longer than 7 days");
        assertError(report(api, "query_form_series", "\"statistics\":[\"submits\"],\"timeframe\":{\"key\":\"last_90_days\"},"
                + "\"interval\":\"daily\""), "/data/attributes/interval", "cannot be longer than 60 days");
        // A values report takes no interval.
        assertError(report(api, "query_flow_values", flowSeries("")), "/data/attributes/interval", "not a valid flow-values-report attribute");
        assertThat(report(api, "query_form_series", "\"statistics\":[\"submits\"],\"timeframe\":{\"key\":\"last_7_days\"},"
                + "\"interval\":\"hourly\"").status()).isEqualTo(200);
    }

    @Test
    void badFiltersAreRefusedAtTheFilter() {
        String f = "/data/attributes/filter";
        assertError(report(api, "query_campaign_values", campaign(",\"filter\":\"equals(flow_id,\\\"x\\\")\"")), f,
                "'flow_id' is not a valid field");
        assertError(report(api, "query_campaign_values", campaign(",\"filter\":\"equals(send_channel,\\\"fax\\\")\"")), f,
                "'fax' is not a valid value for field 'send_channel'");
        assertError(report(api, "query_campaign_values", campaign(",\"filter\":\"or(equals(campaign_id,\\\"a\\\"),equals(campaign_id,\\\"b\\\"))\"")),
                f, "'or' is not supported");
        assertError(report(api, "query_campaign_values", campaign(",\"filter\":\"and(equals(campaign_id,\\\"a\\\"),equals(campaign_id,\\\"b\\\"))\"")),
                f, "Only one filter can be used per attribute");
        assertError(report(api, "query_campaign_values", campaign(",\"filter\":\"equals(tag_id,\\\"a\\\")\"")), f, "operator 'equals' is not allowed");
        assertError(report(api, "query_campaign_values", campaign(",\"filter\":\"equals(campaign_id\"")), f, "");
        assertError(report(api, "query_campaign_values", campaign(",\"filter\":5")), f, "must be a string");
        String many = IntStream.range(0, 101).mapToObj(i -> "\\\"c" + i + "\\\"").collect(Collectors.joining(","));
        assertError(report(api, "query_campaign_values", campaign(",\"filter\":\"contains-any(campaign_id,[" + many + "])\"")), f,
                "at most 100 values");
        assertError(report(api, "query_form_values", "\"statistics\":[\"submits\"]," + WEEK + ",\"filter\":\"contains-any(form_id,[\\\"a\\\"])\""),
                f, "operator 'contains-any' is not allowed");
        assertError(report(api, "query_segment_values", "\"statistics\":[\"total_members\"]," + WEEK + ",\"filter\":\"equals(form_id,\\\"a\\\")\""),
                f, "'form_id' is not a valid field");
    }

    @Test
    void badDocumentsAndCursorsAreRefused() {
        var wrongType = server.newAccount("x-").api().post("query_form_values", "/api/form-values-reports",
                "{\"data\":{\"type\":\"flow-values-report\",\"attributes\":{\"statistics\":[\"submits\"]," + WEEK + "}}}");
        assertError(wrongType, "/data/type", "'form-values-report'");
        assertError(api.post("query_form_values", "/api/form-values-reports", "{\"data\":{\"type\":\"form-values-report\"}}"),
                "/data/attributes", "is required"); // absent, not a wrong value (issue 21)
        assertError(api.post("query_form_values", "/api/form-values-reports", "{\"data\":{\"type\":\"form-values-report\",\"id\":\"x\","
                + "\"attributes\":{}}}"), "/data/id", "not allowed");
        assertError(api.post("query_campaign_values", "/api/campaign-values-reports?page_cursor=nonsense",
                ReportFixtures.body("query_campaign_values", campaign(""))), "page_cursor", "not a cursor");
        assertError(report(api, "query_campaign_values", campaign(",\"sort\":\"opens\"")), "/data/attributes/sort", "not a valid");
    }

    @Test
    void eachReportNeedsItsScope() {
        String key = server.createKey(account.name(), Set.of("campaigns:read"));
        Api campaignsOnly = server.api(key);
        assertThat(report(campaignsOnly, "query_campaign_values", campaign("")).status()).isEqualTo(200);
        assertThat(report(campaignsOnly, "query_flow_values", campaign("")).status()).isEqualTo(403);
        assertThat(report(campaignsOnly, "query_segment_values", "\"statistics\":[\"total_members\"]," + WEEK).status()).isEqualTo(403);
    }
}
