package dev.openprofile.catalogs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openprofile.testing.Api;
import dev.openprofile.testing.TestServer;
import java.sql.PreparedStatement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The spec's limits of bulk jobs in progress: 500 across the catalog families, 100 coupon-code jobs. A full pool
 * refuses the next job with a 429 that stores nothing; a finished job makes room; the pools are separate.
 * The jobs that fill a pool are rows a worker elsewhere holds under a long lease, so none finishes mid-test.
 */
class BulkJobPoolsTest {
    static TestServer server;
    static Api api;
    static String accountId;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        TestServer.Account pools = server.newAccount("pools-");
        api = pools.api();
        accountId = pools.id();
        assertThat(api.post("create_coupon", "/api/coupons",
                "{\"data\":{\"type\":\"coupon\",\"attributes\":{\"external_id\":\"POOL\"}}}").status()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void dropHeldJobs() {
        server.jdbc().inTransaction(c -> c.createStatement().executeUpdate("delete from job where lease_owner = 'elsewhere'"));
    }

    /** {@code n} jobs of a kind, in progress on a worker that keeps them all test long. */
    static void hold(String kind, int n, String status) {
        server.jdbc().inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into job (account_id, id, kind, status, created_at, lease_owner, lease_until)
                    select ?, 'held-' || ? || '-' || ? || '-' || g, ?, ?, now(), 'elsewhere', now() + interval '1 day'
                      from generate_series(1, ?) g""")) {
                ps.setString(1, accountId);
                ps.setString(2, kind);
                ps.setString(3, status);
                ps.setString(4, kind);
                ps.setString(5, status);
                ps.setInt(6, n);
                return ps.executeUpdate();
            }
        });
    }

    static Api.Response couponJob(String code) {
        return api.post("bulk_create_coupon_codes", "/api/coupon-code-bulk-create-jobs", "{\"data\":{\"type\":"
                + "\"coupon-code-bulk-create-job\",\"attributes\":{\"coupon-codes\":{\"data\":[{\"type\":\"coupon-code\","
                + "\"attributes\":{\"unique_code\":\"" + code + "\"},\"relationships\":{\"coupon\":{\"data\":"
                + "{\"type\":\"coupon\",\"id\":\"POOL\"}}}}]}}}}");
    }

    static Api.Response categoryJob(String externalId) {
        return api.post("bulk_create_catalog_categories", "/api/catalog-category-bulk-create-jobs", "{\"data\":{\"type\":"
                + "\"catalog-category-bulk-create-job\",\"attributes\":{\"categories\":{\"data\":[{\"type\":\"catalog-category\","
                + "\"attributes\":{\"external_id\":\"" + externalId + "\",\"name\":\"Pool\"}}]}}}}");
    }

    static int storedJobs() {
        return server.queryInt("select count(*) from catalog_bulk_job where account_id = '" + accountId + "'");
    }

    @Test
    void aHundredCouponCodeJobsInProgressRefuseTheNextUntilOneFinishes() {
        hold("coupon-code-bulk-create-job", 60, "queued");
        hold("coupon-code-bulk-create-job", 40, "processing");
        int before = storedJobs();

        var refused = couponJob("FULL");
        assertThat(refused.status()).as(refused.text()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(refused.body().at("/errors/0/code").asText()).isEqualTo("throttled");
        assertThat(refused.body().at("/errors/0/detail").asText()).contains("100");
        assertThat(refused.body().at("/errors/0/source/pointer").asText()).isEqualTo("/data");
        assertThat(storedJobs()).isEqualTo(before);

        // A catalog job counts in its own pool, not the coupon codes'.
        assertThat(categoryJob("POOL-CAT").status()).isEqualTo(202);

        server.jdbc().inTransaction(c -> c.createStatement().executeUpdate(
                "update job set status = 'complete', completed_at = now() where id = 'held-coupon-code-bulk-create-job-queued-1'"));
        var accepted = couponJob("ROOM");
        assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
        assertThat(storedJobs()).isEqualTo(before + 2);
    }

    @Test
    void fiveHundredCatalogJobsOfAnyFamilyFillTheCatalogPool() {
        hold("catalog-item-bulk-create-job", 200, "queued");
        hold("catalog-variant-bulk-update-job", 200, "processing");
        hold("catalog-category-bulk-delete-job", 99, "queued");
        var last = categoryJob("LAST-PLACE");
        assertThat(last.status()).as(last.text()).isEqualTo(202);

        // Whether or not that job has finished yet, one more held job fills the pool.
        hold("catalog-item-bulk-delete-job", 1, "queued");
        int before = storedJobs();
        var refused = categoryJob("NO-PLACE");
        assertThat(refused.status()).as(refused.text()).isEqualTo(429);
        assertThat(refused.body().at("/errors/0/detail").asText()).contains("500");
        assertThat(storedJobs()).isEqualTo(before);
        assertThat(couponJob("OTHER-POOL").status()).isEqualTo(202);
    }
}
