package dev.openprofile.consent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.jsonapi.Json;
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
 * Consent jobs survive a crash like bulk imports: a suppress-by-list job over 3,000 members is killed
 * (SIGKILL) part-way, the server starts again, and every member ends suppressed exactly once (one
 * suppression, one history entry), with the job's counts right.
 */
class ConsentCrashTest {
    static final int MEMBERS = 3_000;

    static JsonNode get(ServerProcess s, String path) throws Exception {
        return Json.MAPPER.readTree(s.call("GET", path, null).body()).get("data");
    }

    @Test
    void aSuppressJobKilledMidwayCompletesAfterRestartWithEveryMemberSuppressedOnce() throws Exception {
        String jdbcUrl = TestDatabase.freshDatabase();
        Path log = Files.createTempDirectory("openprofile-consent-crash").resolve("server.log");
        ServerProcess first = ServerProcess.start(jdbcUrl, log);
        String list = Json.MAPPER.readTree(first.call("POST", "/api/lists",
                "{\"data\":{\"type\":\"list\",\"attributes\":{\"name\":\"Crash\"}}}").body()).at("/data/id").asText();
        String profiles = IntStream.range(0, MEMBERS).mapToObj(i ->
                "{\"type\":\"profile\",\"attributes\":{\"email\":\"c" + i + "@consent-crash.example.com\"}}").collect(Collectors.joining(","));
        String importId = Json.MAPPER.readTree(first.call("POST", "/api/profile-bulk-import-jobs",
                "{\"data\":{\"type\":\"profile-bulk-import-job\",\"attributes\":{\"profiles\":{\"data\":[" + profiles + "]}},"
                        + "\"relationships\":{\"lists\":{\"data\":[{\"type\":\"list\",\"id\":\"" + list + "\"}]}}}}").body())
                .at("/data/id").asText();
        while (!get(first, "/api/profile-bulk-import-jobs/" + importId).at("/attributes/status").asText().equals("complete")) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
        var accepted = first.call("POST", "/api/profile-suppression-bulk-create-jobs",
                "{\"data\":{\"type\":\"profile-suppression-bulk-create-job\",\"attributes\":{},\"relationships\":{\"list\":"
                        + "{\"data\":{\"type\":\"list\",\"id\":\"" + list + "\"}}}}}");
        assertThat(accepted.statusCode()).isEqualTo(202);
        String jobId = Json.MAPPER.readTree(accepted.body()).at("/data/id").asText();
        String jobPath = "/api/profile-suppression-bulk-create-jobs/" + jobId;

        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        int before;
        do {
            before = get(first, jobPath).at("/attributes/completed_count").asInt();
        } while (before == 0 && Instant.now().isBefore(deadline));
        first.kill();
        assertThat(before).as("killed mid-job").isBetween(1, MEMBERS - 1);

        ServerProcess second = ServerProcess.start(jdbcUrl, log);
        try {
            JsonNode done = second.awaitComplete(jobPath);
            assertThat(done.at("/attributes/total_count").asInt()).isEqualTo(MEMBERS);
            assertThat(done.at("/attributes/completed_count").asInt()).isEqualTo(MEMBERS);
            assertThat(done.at("/attributes/skipped_count").asInt()).isZero();
        } finally {
            second.stop();
        }
        try (var c = DriverManager.getConnection(TestDatabase.inServerSchema(jdbcUrl)); var st = c.createStatement()) {
            var rs = st.executeQuery("select count(*), count(distinct profile_id) from profile_suppression where reason = 'USER_SUPPRESSED'");
            rs.next();
            assertThat(rs.getInt(1)).as("suppressions").isEqualTo(MEMBERS);
            assertThat(rs.getInt(2)).isEqualTo(MEMBERS);
            rs = st.executeQuery("select count(*), count(distinct profile_id) from consent_history "
                    + "where subject = 'SUPPRESSION:USER_SUPPRESSED' and job_id = '" + jobId + "'");
            rs.next();
            assertThat(rs.getInt(1)).as("history entries, one per member").isEqualTo(MEMBERS);
            assertThat(rs.getInt(2)).isEqualTo(MEMBERS);
        }
    }
}
