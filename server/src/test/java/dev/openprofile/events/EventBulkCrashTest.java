package dev.openprofile.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openprofile.testing.ServerProcess;
import dev.openprofile.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Bulk event jobs survive a crash like bulk imports: a job of 1,000 events (10 profiles) is killed
 * (SIGKILL) part-way, the server starts again, and every event is stored exactly once.
 */
class EventBulkCrashTest {
    static final int PROFILES = 10;
    static final int PER_PROFILE = 100;

    static int count(String jdbcUrl, String sql) throws Exception {
        try (var c = DriverManager.getConnection(TestDatabase.inServerSchema(jdbcUrl)); var st = c.createStatement(); var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void aBulkEventJobKilledMidwayStoresEveryEventOnceAfterRestart() throws Exception {
        String jdbcUrl = TestDatabase.freshDatabase();
        Path log = Files.createTempDirectory("openprofile-event-crash").resolve("server.log");
        ServerProcess first = ServerProcess.start(jdbcUrl, log);
        // Distinct times, no unique_id: a chunk applied twice would store its events twice only if the
        // time-based dedup failed, and a chunk lost would show as missing events.
        String entries = IntStream.range(0, PROFILES).mapToObj(p -> "{\"type\":\"event-bulk-create\",\"attributes\":{"
                + "\"profile\":{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"e" + p + "@event-crash.example.com\"}}},"
                + "\"events\":{\"data\":[" + IntStream.range(0, PER_PROFILE).mapToObj(i -> "{\"type\":\"event\",\"attributes\":{"
                + "\"properties\":{\"i\":" + i + "},\"time\":\"2026-02-01T00:" + String.format("%02d:%02d", i / 60, i % 60) + "Z\","
                + "\"metric\":{\"data\":{\"type\":\"metric\",\"attributes\":{\"name\":\"Crash\"}}}}}").collect(Collectors.joining(","))
                + "]}}}").collect(Collectors.joining(","));
        var accepted = first.call("POST", "/api/event-bulk-create-jobs", "{\"data\":{\"type\":\"event-bulk-create-job\","
                + "\"attributes\":{\"events-bulk-create\":{\"data\":[" + entries + "]}}}}");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        int before;
        do {
            before = count(jdbcUrl, "select count(*) from event");
        } while (before == 0 && Instant.now().isBefore(deadline));
        first.kill();
        assertThat(before).as("killed mid-job").isBetween(1, PROFILES * PER_PROFILE - 1);

        ServerProcess second = ServerProcess.start(jdbcUrl, log);
        try {
            deadline = Instant.now().plus(Duration.ofSeconds(120));
            while (count(jdbcUrl, "select count(*) from job where status <> 'complete'") > 0 && Instant.now().isBefore(deadline)) {
                TimeUnit.MILLISECONDS.sleep(100);
            }
            assertThat(count(jdbcUrl, "select count(*) from job where status <> 'complete'")).isZero();
        } finally {
            second.stop();
        }
        assertThat(count(jdbcUrl, "select count(*) from event")).isEqualTo(PROFILES * PER_PROFILE);
        assertThat(count(jdbcUrl, "select count(distinct (profile_id, datetime)) from event")).isEqualTo(PROFILES * PER_PROFILE);
        assertThat(count(jdbcUrl, "select count(*) from profile where email like '%@event-crash.example.com'")).isEqualTo(PROFILES);
    }
}
