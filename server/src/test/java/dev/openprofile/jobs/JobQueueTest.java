package dev.openprofile.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openprofile.testing.TestServer;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The queue's claim: one job per claim, oldest first, never a job whose lease still runs. */
class JobQueueTest {
    static TestServer server;
    static String account;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        account = server.jdbc().read(c -> {
            try (var rs = c.createStatement().executeQuery("select account_id from account where name = 'default'")) {
                rs.next();
                return rs.getString(1);
            }
        });
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void eachClaimTakesExactlyOneJobAndLeasesAreRespected() {
        OffsetDateTime t0 = OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
        server.jdbc().inTransaction(c -> {
            for (int i = 0; i < 5; i++) JobQueue.enqueue(c, account, "test-job-" + i, "test-kind", t0.plusSeconds(i));
            // Leased until next year in the server's real time: its own workers (which have no handler for
            // this kind) never claim them, so no claim of theirs can lock a row this test expects next.
            try (var ps = c.prepareStatement("update job set lease_owner = 'held', lease_until = ? where kind = 'test-kind'")) {
                ps.setObject(1, OffsetDateTime.now(ZoneOffset.UTC).plusYears(1));
                ps.executeUpdate();
            }
            return null;
        });
        JobQueue queue = new JobQueue(server.jdbc());
        // Beyond those leases: this test's claims see the jobs.
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).plusYears(5);
        Set<String> claimed = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            Job job = queue.claim("owner-" + i, now, Duration.ofSeconds(30)).orElseThrow();
            assertThat(job.id()).isEqualTo("test-job-" + i);
            claimed.add(job.id());
            int held = server.jdbc().read(c -> {
                try (var rs = c.createStatement().executeQuery(
                        "select count(*) from job where kind = 'test-kind' and lease_owner like 'owner-%'")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            assertThat(held).as("jobs leased after claim " + i).isEqualTo(claimed.size());
        }
        assertThat(queue.claim("owner-x", now, Duration.ofSeconds(30)).filter(j -> j.kind().equals("test-kind"))).isEmpty();
        // once the leases have run out, a job is claimable again (a crashed worker's job resumes)
        Job resumed = queue.claim("owner-y", now.plusSeconds(31), Duration.ofSeconds(30)).orElseThrow();
        assertThat(resumed.id()).isEqualTo("test-job-0");
        assertThat(resumed.status()).isEqualTo("processing");
    }
}
