package dev.openprofile.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * Crash safety, for real: the server process is killed with SIGKILL while it imports 10,000 profiles,
 * started again, and the job completes with every profile imported exactly once and the counts right.
 */
class ImportCrashTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final int PROFILES = 10_000;

    static JsonNode job(ServerProcess server, String id) throws Exception {
        return JSON.readTree(server.call("GET", "/api/profile-bulk-import-jobs/" + id, null).body()).get("data");
    }

    @Test
    void aJobKilledMidwayCompletesAfterRestartWithEveryProfileExactlyOnce() throws Exception {
        String jdbcUrl = TestDatabase.freshDatabase();
        Path log = Files.createTempDirectory("openprofile-crash").resolve("server.log");
        ServerProcess first = ServerProcess.start(jdbcUrl, log);
        String list = JSON.readTree(first.call("POST", "/api/lists",
                "{\"data\":{\"type\":\"list\",\"attributes\":{\"name\":\"Crash\"}}}").body()).at("/data/id").asText();
        // A quarter of the emails exist already, so the job both creates and updates.
        String existing = IntStream.range(0, PROFILES / 4).mapToObj(i ->
                "{\"type\":\"profile\",\"attributes\":{\"email\":\"p" + i + "@crash.example.com\",\"first_name\":\"Before\"}}")
                .collect(Collectors.joining(","));
        String seedJob = first.call("POST", "/api/profile-bulk-import-jobs", "{\"data\":{\"type\":\"profile-bulk-import-job\","
                + "\"attributes\":{\"profiles\":{\"data\":[" + existing + "]}}}}").body();
        String seedId = JSON.readTree(seedJob).at("/data/id").asText();
        while (!job(first, seedId).at("/attributes/status").asText().equals("complete")) TimeUnit.MILLISECONDS.sleep(50);

        String profiles = IntStream.range(0, PROFILES).mapToObj(i ->
                "{\"type\":\"profile\",\"attributes\":{\"email\":\"p" + i + "@crash.example.com\",\"last_name\":\"After" + i + "\"}}")
                .collect(Collectors.joining(","));
        var accepted = first.call("POST", "/api/profile-bulk-import-jobs", "{\"data\":{\"type\":\"profile-bulk-import-job\","
                + "\"attributes\":{\"profiles\":{\"data\":[" + profiles + "]}},"
                + "\"relationships\":{\"lists\":{\"data\":[{\"type\":\"list\",\"id\":\"" + list + "\"}]}}}}");
        assertThat(accepted.statusCode()).isEqualTo(202);
        String jobId = JSON.readTree(accepted.body()).at("/data/id").asText();

        // Kill the server once the job is visibly part-way through.
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        int before;
        while (true) {
            before = job(first, jobId).at("/attributes/completed_count").asInt();
            if (before > 0 || Instant.now().isAfter(deadline)) break;
            TimeUnit.MILLISECONDS.sleep(10);
        }
        first.kill();
        assertThat(before).as("killed mid-job").isBetween(1, PROFILES - 1);

        ServerProcess second = ServerProcess.start(jdbcUrl, log);
        try {
            JsonNode done = second.awaitComplete("/api/profile-bulk-import-jobs/" + jobId);
            assertThat(done.at("/attributes/completed_count").asInt()).isEqualTo(PROFILES);
            assertThat(done.at("/attributes/failed_count").asInt()).isZero();
        } finally {
            second.stop();
        }
        try (var c = DriverManager.getConnection(TestDatabase.inServerSchema(jdbcUrl)); var st = c.createStatement()) {
            var rs = st.executeQuery("select count(*), count(distinct email_key), count(*) filter (where last_name = 'After' || "
                    + "substring(email from 2 for position('@' in email) - 2)) from profile where email like '%@crash.example.com'");
            rs.next();
            assertThat(rs.getInt(1)).as("profiles").isEqualTo(PROFILES);
            assertThat(rs.getInt(2)).as("distinct emails").isEqualTo(PROFILES);
            assertThat(rs.getInt(3)).as("profiles carrying their own update").isEqualTo(PROFILES);
            rs = st.executeQuery("select count(u.id), count(distinct r.first_idx + u.n), count(distinct u.id) "
                    + "from profile_import_result r, unnest(r.profile_ids) with ordinality u(id, n) where r.job_id = '" + jobId + "'");
            rs.next();
            assertThat(rs.getInt(1)).as("result rows").isEqualTo(PROFILES);
            assertThat(rs.getInt(2)).isEqualTo(PROFILES);
            assertThat(rs.getInt(3)).isEqualTo(PROFILES);
            rs = st.executeQuery("select count(*) from list_membership where list_id = '" + list + "'");
            rs.next();
            assertThat(rs.getInt(1)).as("list members").isEqualTo(PROFILES);
            rs = st.executeQuery("select count(*) from profile where first_name = 'Before' and email like '%@crash.example.com'");
            rs.next();
            assertThat(rs.getInt(1)).as("existing profiles kept their first name").isEqualTo(PROFILES / 4);
        }
    }
}
