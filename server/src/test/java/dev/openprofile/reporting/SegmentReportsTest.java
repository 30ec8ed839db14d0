package dev.openprofile.reporting;

import static dev.openprofile.reporting.ReportFixtures.created;
import static dev.openprofile.reporting.ReportFixtures.report;
import static dev.openprofile.reporting.ReportFixtures.results;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.MutableClock;
import dev.openprofile.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * query_segment_values and query_segment_series over HTTP: members added and removed as the engine evaluates the
 * segments (stamped with the operator's clock), their difference, the total at each period's end, and deletions.
 */
class SegmentReportsTest {
    static final String VALUES = "query_segment_values";
    static final String SERIES = "query_segment_series";
    static final String DAYS = "\"timeframe\":{\"start\":\"2026-09-14T00:00:00\",\"end\":\"2026-09-17T00:00:00\"}";
    static TestServer server;
    static Api api;
    static String growing;
    static String empty;

    @BeforeAll
    static void start() {
        MutableClock clock = new MutableClock(Instant.parse("2026-09-14T09:00:00Z"));
        server = TestServer.start(clock);
        api = server.newAccount("reporting-segments-").api();
        growing = segment("Growing", "@seg.example");
        empty = segment("Empty", "@none.example");
        String a = profile("a@seg.example");
        profile("b@seg.example");
        members(growing);
        clock.advance(Duration.ofDays(1));
        profile("c@seg.example");
        var moved = api.patch("update_profile", "/api/profiles/" + a, "{\"data\":{\"type\":\"profile\",\"id\":\"" + a
                + "\",\"attributes\":{\"email\":\"a@elsewhere.example\"}}}");
        assertThat(moved.status()).as(moved.text()).isEqualTo(200);
        members(growing);
        clock.advance(Duration.ofDays(1));
        profile("d@seg.example");
        members(growing);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String segment(String name, String suffix) {
        return created(api.post("create_segment", "/api/segments", "{\"data\":{\"type\":\"segment\",\"attributes\":{\"name\":\"" + name
                + "\",\"definition\":{\"condition_groups\":[{\"conditions\":[{\"type\":\"profile-property\",\"property\":\"email\","
                + "\"filter\":{\"type\":\"string\",\"operator\":\"ends-with\",\"value\":\"" + suffix + "\"}}]}]}}}}"));
    }

    static String profile(String email) {
        return created(api.post("create_profile", "/api/profiles", "{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\""
                + email + "\"}}}"));
    }

    /** Reads the members: the engine evaluates what changed now, on the operator's clock. */
    static int members(String segment) {
        var r = api.get("get_profile_ids_for_segment", "/api/segments/" + segment + "/relationships/profiles");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.data().size();
    }

    static JsonNode row(JsonNode rows, String segment) {
        for (JsonNode r : rows) if (r.at("/groupings/segment_id").asText().equals(segment)) return r.get("statistics");
        throw new AssertionError("no row of segment " + segment + " in " + rows);
    }

    @Test
    void valuesCountJoinsAndDeparturesAndTheTotalAtTheEnd() {
        JsonNode rows = results(api, VALUES, "\"statistics\":[\"members_added\",\"members_removed\",\"net_members_changed\","
                + "\"total_members\"],\"timeframe\":{\"start\":\"2026-09-15T00:00:00\",\"end\":\"2026-09-17T00:00:00\"}");
        assertThat(rows).hasSize(2);
        assertThat(row(rows, growing).toString()).isEqualTo("{\"members_added\":2,\"members_removed\":1,\"net_members_changed\":1,"
                + "\"total_members\":3}");
        assertThat(row(rows, empty).toString()).isEqualTo("{\"members_added\":0,\"members_removed\":0,\"net_members_changed\":0,"
                + "\"total_members\":0}");
        JsonNode today = results(api, VALUES, "\"statistics\":[\"members_added\",\"total_members\"],\"timeframe\":{\"key\":\"today\"},"
                + "\"filter\":\"equals(segment_id,\\\"" + growing + "\\\")\"");
        assertThat(today).hasSize(1);
        assertThat(today.get(0).get("statistics").toString()).isEqualTo("{\"members_added\":1,\"total_members\":3}");
    }

    @Test
    void aDailySeriesHasEachDaysChangesAndTotal() {
        Api.Response r = report(api, SERIES, "\"statistics\":[\"members_added\",\"members_removed\",\"net_members_changed\","
                + "\"total_members\"]," + DAYS + ",\"interval\":\"daily\",\"filter\":\"any(segment_id,[\\\"" + growing + "\\\"])\"");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.data().at("/attributes/date_times").toString()).isEqualTo("[\"2026-09-14T00:00:00+00:00\","
                + "\"2026-09-15T00:00:00+00:00\",\"2026-09-16T00:00:00+00:00\"]");
        JsonNode s = r.data().at("/attributes/results/0/statistics");
        assertThat(r.data().at("/attributes/results")).hasSize(1);
        assertThat(s.get("members_added").toString()).isEqualTo("[2,1,1]");
        assertThat(s.get("members_removed").toString()).isEqualTo("[0,1,0]");
        assertThat(s.get("net_members_changed").toString()).isEqualTo("[2,0,1]");
        assertThat(s.get("total_members").toString()).isEqualTo("[2,2,3]");
        assertThat(members(growing)).isEqualTo(3);
    }

    @Test
    void aDeletedSegmentTakesItsHistoryAndLeavesTheReport() {
        String doomed = segment("Doomed", "@seg.example");
        assertThat(members(doomed)).isEqualTo(3);
        assertThat(server.queryInt("select sum(joined) from segment_member_change where segment_id = '" + doomed + "'")).isEqualTo(3);
        var gone = api.delete("delete_segment", "/api/segments/" + doomed, null);
        assertThat(gone.status()).as(gone.text()).isEqualTo(204);
        assertThat(server.queryInt("select count(*) from segment_member_change where segment_id = '" + doomed + "'")).isZero();
        JsonNode rows = results(api, VALUES, "\"statistics\":[\"total_members\"],\"timeframe\":{\"key\":\"this_week\"}");
        assertThat(rows).hasSize(2).noneMatch(row -> row.at("/groupings/segment_id").asText().equals(doomed));
    }

    @Test
    void aDeletedProfileLeavesItsSegmentsOnTheOperatorsClock() {
        Api other = server.newAccount("reporting-segments-gone-").api();
        Api saved = api;
        api = other;
        try {
            String segment = segment("Gone", "@gone.example");
            String profile = profile("x@gone.example");
            profile("y@gone.example");
            assertThat(members(segment)).isEqualTo(2);
            var r = other.post("request_profile_deletion", "/api/data-privacy-deletion-jobs", "{\"data\":{\"type\":"
                    + "\"data-privacy-deletion-job\",\"attributes\":{\"profile\":{\"data\":{\"type\":\"profile\",\"id\":\""
                    + profile + "\"}}}}}");
            assertThat(r.status()).as(r.text()).isEqualTo(202);
            server.awaitJobs();
            // The history keeps counts, not profiles: nothing about the deleted profile is left, its departure is counted.
            JsonNode today = results(other, VALUES, "\"statistics\":[\"members_added\",\"members_removed\",\"total_members\"],"
                    + "\"timeframe\":{\"key\":\"today\"}");
            assertThat(today.get(0).get("statistics").toString()).isEqualTo("{\"members_added\":2,\"members_removed\":1,\"total_members\":1}");
        } finally {
            api = saved;
        }
    }

    @Test
    void timeframesBeforeJuneFirst2023AreRefused() {
        ReportFixtures.assertError(report(api, VALUES, "\"statistics\":[\"total_members\"],\"timeframe\":{\"start\":"
                + "\"2023-05-31T00:00:00\",\"end\":\"2023-06-30T00:00:00\"}"), "/data/attributes/timeframe", "June 1st, 2023");
    }
}
