package dev.openprofile.coupons;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.MutableClock;
import dev.openprofile.testing.TestServer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * bulk_create_coupon_codes and its reads: the 202 document, codes written as the single create writes them,
 * per-code errors with pointers into the body, include, the list and its status filter, request-shape 400s.
 */
class CouponBulkJobsTest {
    static final MutableClock clock = new MutableClock(Instant.parse("2026-11-02T08:00:00Z"));
    static TestServer server;
    static Api api;

    @BeforeAll
    static void start() {
        server = TestServer.start(clock);
        api = server.api();
        for (String coupon : new String[] {"BULK", "OTHER"}) {
            var r = api.post("create_coupon", "/api/coupons", "{\"data\":{\"type\":\"coupon\",\"attributes\":{\"external_id\":\"" + coupon + "\"}}}");
            assertThat(r.status()).as(r.text()).isEqualTo(201);
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String code(String coupon, String code, String extra) {
        return "{\"type\":\"coupon-code\",\"attributes\":{\"unique_code\":\"" + code + "\"" + extra + "},\"relationships\":"
                + "{\"coupon\":{\"data\":{\"type\":\"coupon\",\"id\":\"" + coupon + "\"}}}}";
    }

    static String job(List<String> records) {
        return "{\"data\":{\"type\":\"coupon-code-bulk-create-job\",\"attributes\":{\"coupon-codes\":{\"data\":["
                + String.join(",", records) + "]}}}}";
    }

    static Api.Response submit(List<String> records) {
        return api.post("bulk_create_coupon_codes", "/api/coupon-code-bulk-create-jobs", job(records));
    }

    @Test
    void aJobCreatesItsCodesAndReportsEachFailureAtItsPointer() {
        var existing = api.post("create_coupon_code", "/api/coupon-codes", "{\"data\":" + code("BULK", "TAKEN", "") + "}");
        assertThat(existing.status()).as(existing.text()).isEqualTo(200);
        var accepted = submit(List.of(code("BULK", "B1", ""), code("BULK", "TAKEN", ""), code("NO-COUPON", "B2", ""),
                code("OTHER", "B1", ",\"expires_at\":\"2027-01-01T00:00:00Z\"")));
        assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
        JsonNode queued = accepted.data();
        assertThat(queued.get("type").asText()).isEqualTo("coupon-code-bulk-create-job");
        assertThat(queued.at("/attributes/status").asText()).isEqualTo("queued");
        assertThat(queued.at("/attributes/total_count").asInt()).isEqualTo(4);
        assertThat(queued.at("/attributes/completed_count").asInt()).isZero();
        String jobId = queued.get("id").asText();

        server.awaitJobs();
        var done = api.get("get_bulk_create_coupon_codes_job", "/api/coupon-code-bulk-create-jobs/" + jobId + "?include=coupon-codes");
        assertThat(done.status()).as(done.text()).isEqualTo(200);
        JsonNode a = done.data().get("attributes");
        assertThat(a.get("status").asText()).isEqualTo("complete");
        assertThat(a.get("completed_count").asInt()).isEqualTo(2);
        assertThat(a.get("failed_count").asInt()).isEqualTo(2);
        List<String> pointers = new ArrayList<>();
        a.get("errors").forEach(e -> pointers.add(e.at("/source/pointer").asText()));
        assertThat(pointers).containsExactly("/data/attributes/coupon-codes/data/1/attributes/unique_code",
                "/data/attributes/coupon-codes/data/2/relationships/coupon/data/id");
        assertThat(a.get("errors").get(0).get("code").asText()).isEqualTo("conflict");
        List<String> linked = new ArrayList<>();
        done.data().at("/relationships/coupon-codes/data").forEach(d -> linked.add(d.get("id").asText()));
        assertThat(linked).containsExactly("BULK-B1", "OTHER-B1");
        List<String> included = new ArrayList<>();
        done.body().get("included").forEach(d -> included.add(d.get("id").asText()));
        assertThat(included).containsExactly("BULK-B1", "OTHER-B1");

        JsonNode b1 = api.get("get_coupon_code", "/api/coupon-codes/BULK-B1").data();
        assertThat(b1.at("/attributes/status").asText()).isEqualTo("UNASSIGNED");
        assertThat(b1.at("/attributes/expires_at").asText()).isEqualTo("2027-11-02T08:00:00+00:00");
        assertThat(api.get("get_coupon_code", "/api/coupon-codes/OTHER-B1").data().at("/attributes/expires_at").asText())
                .isEqualTo("2027-01-01T00:00:00+00:00");
        assertThat(server.queryInt("select count(*) from coupon_code where id = 'NO-COUPON-B2'")).isZero();
    }

    @Test
    void theListShowsJobsAndFiltersByStatus() {
        var accepted = submit(List.of(code("BULK", "L1", "")));
        String jobId = accepted.data().get("id").asText();
        server.awaitJobs();
        var all = api.get("get_bulk_create_coupon_code_jobs", "/api/coupon-code-bulk-create-jobs");
        List<String> ids = new ArrayList<>();
        all.data().forEach(d -> ids.add(d.get("id").asText()));
        assertThat(ids).contains(jobId);
        var complete = api.get("get_bulk_create_coupon_code_jobs", "/api/coupon-code-bulk-create-jobs?filter=equals(status,%22complete%22)");
        assertThat(complete.data()).allSatisfy(d -> assertThat(d.at("/attributes/status").asText()).isEqualTo("complete"));
        assertThat(api.get("get_bulk_create_coupon_code_jobs", "/api/coupon-code-bulk-create-jobs?filter=equals(status,%22queued%22)")
                .data()).isEmpty();
        var unknown = api.get("get_bulk_create_coupon_codes_job", "/api/coupon-code-bulk-create-jobs/NOPE");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.error().at("/source/parameter").asText()).isEqualTo("job_id");
    }

    @Test
    void badRequestsAre400AtTheirPointerAndQueueNothing() {
        int before = server.queryInt("select count(*) from job where kind = 'coupon-code-bulk-create-job'");
        List<String> thousandAndOne = new ArrayList<>();
        for (int i = 0; i <= 1000; i++) thousandAndOne.add(code("BULK", "MANY" + i, ""));
        String[][] cases = {
                {job(List.of()), "/data/attributes/coupon-codes/data"},
                {job(thousandAndOne), "/data/attributes/coupon-codes/data"},
                {job(List.of(code("BULK", "D1", ""), code("BULK", "D1", ""))), "/data/attributes/coupon-codes/data/1/attributes/unique_code"},
                {job(List.of(code("BULK", "S1", ",\"status\":\"USED\""))), "/data/attributes/coupon-codes/data/0/attributes/status"},
                {job(List.of("{\"type\":\"coupon-code\",\"attributes\":{\"unique_code\":\"R1\"}}")),
                        "/data/attributes/coupon-codes/data/0/relationships"}, // the missing member itself (issue 21)
                {"{\"data\":{\"type\":\"coupon-code-bulk-create-job\",\"attributes\":{}}}", "/data/attributes/coupon-codes"},
                {"{\"data\":{\"type\":\"catalog-item-bulk-create-job\",\"attributes\":{}}}", "/data/type"}};
        for (String[] c : cases) {
            var r = api.post("bulk_create_coupon_codes", "/api/coupon-code-bulk-create-jobs", c[0]);
            assertThat(r.status()).as(c[1] + " " + r.text()).isEqualTo(400);
            assertThat(r.error().at("/source/pointer").asText()).as(c[1]).isEqualTo(c[1]);
        }
        assertThat(server.queryInt("select count(*) from job where kind = 'coupon-code-bulk-create-job'")).isEqualTo(before);
        // The same code in two coupons is two codes, so one job may carry both.
        assertThat(submit(List.of(code("BULK", "TWICE", ""), code("OTHER", "TWICE", ""))).status()).isEqualTo(202);
    }

    @Test
    void aThousandCodesAreOneJob() {
        List<String> records = new ArrayList<>();
        for (int i = 0; i < 1000; i++) records.add(code("OTHER", "K" + i, ""));
        var accepted = submit(records);
        assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
        server.awaitJobs();
        JsonNode a = api.get("get_bulk_create_coupon_codes_job", "/api/coupon-code-bulk-create-jobs/" + accepted.data().get("id").asText())
                .data().get("attributes");
        assertThat(a.get("completed_count").asInt()).isEqualTo(1000);
        assertThat(a.get("failed_count").asInt()).isZero();
        assertThat(server.queryInt("select count(*) from coupon_code where coupon_id = 'OTHER' and unique_code like 'K%'")).isEqualTo(1000);
    }
}
