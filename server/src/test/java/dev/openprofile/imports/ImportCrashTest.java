package dev.openprofile.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openprofile.testing.TestDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
    static final String KEY = "pk_CrashTest0123456789abcdefghijklmno";
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();
    static final int PROFILES = 10_000;

    Process serve(int port, String jdbcUrl, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.openprofile.cli.Main", "serve")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("OPENPROFILE_PORT", String.valueOf(port));
        pb.environment().put("OPENPROFILE_DATABASE_URL", jdbcUrl);
        pb.environment().put("OPENPROFILE_API_KEY", KEY);
        pb.environment().put("OPENPROFILE_DATA_DIR", log.getParent().toString());
        // The killed node's lease must run out before another worker may resume its job.
        pb.environment().put("OPENPROFILE_JOB_LEASE_SECONDS", "2");
        return pb.start();
    }

    static HttpResponse<String> call(int port, String method, String path, String body) throws Exception {
        var b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Klaviyo-API-Key " + KEY).header("revision", "2026-07-15")
                .header("Content-Type", "application/vnd.api+json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static void awaitHealthy(int port, Process p, Path log) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            assertThat(p.isAlive()).as("server exited: " + Files.readString(log)).isTrue();
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/healthz")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200) return;
            } catch (IOException notYet) {
                // not listening yet
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        throw new AssertionError("not healthy: " + Files.readString(log));
    }

    static JsonNode job(int port, String id) throws Exception {
        return JSON.readTree(call(port, "GET", "/api/profile-bulk-import-jobs/" + id, null).body()).get("data");
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void aJobKilledMidwayCompletesAfterRestartWithEveryProfileExactlyOnce() throws Exception {
        String jdbcUrl = TestDatabase.freshDatabase();
        Path log = Files.createTempDirectory("openprofile-crash").resolve("server.log");
        int port = freePort();
        Process first = serve(port, jdbcUrl, log);
        awaitHealthy(port, first, log);
        String list = JSON.readTree(call(port, "POST", "/api/lists",
                "{\"data\":{\"type\":\"list\",\"attributes\":{\"name\":\"Crash\"}}}").body()).at("/data/id").asText();
        // A quarter of the emails exist already, so the job both creates and updates.
        String existing = IntStream.range(0, PROFILES / 4).mapToObj(i ->
                "{\"type\":\"profile\",\"attributes\":{\"email\":\"p" + i + "@crash.example.com\",\"first_name\":\"Before\"}}")
                .collect(Collectors.joining(","));
        String seedJob = call(port, "POST", "/api/profile-bulk-import-jobs", "{\"data\":{\"type\":\"profile-bulk-import-job\","
                + "\"attributes\":{\"profiles\":{\"data\":[" + existing + "]}}}}").body();
        String seedId = JSON.readTree(seedJob).at("/data/id").asText();
        while (!job(port, seedId).at("/attributes/status").asText().equals("complete")) TimeUnit.MILLISECONDS.sleep(50);

        String profiles = IntStream.range(0, PROFILES).mapToObj(i ->
                "{\"type\":\"profile\",\"attributes\":{\"email\":\"p" + i + "@crash.example.com\",\"last_name\":\"After" + i + "\"}}")
                .collect(Collectors.joining(","));
        var accepted = call(port, "POST", "/api/profile-bulk-import-jobs", "{\"data\":{\"type\":\"profile-bulk-import-job\","
                + "\"attributes\":{\"profiles\":{\"data\":[" + profiles + "]}},"
                + "\"relationships\":{\"lists\":{\"data\":[{\"type\":\"list\",\"id\":\"" + list + "\"}]}}}}");
        assertThat(accepted.statusCode()).isEqualTo(202);
        String jobId = JSON.readTree(accepted.body()).at("/data/id").asText();

        // Kill the server once the job is visibly part-way through.
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        int before;
        while (true) {
            before = job(port, jobId).at("/attributes/completed_count").asInt();
            if (before > 0 || Instant.now().isAfter(deadline)) break;
            TimeUnit.MILLISECONDS.sleep(10);
        }
        first.destroyForcibly(); // SIGKILL: no shutdown hook runs
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(before).as("killed mid-job").isBetween(1, PROFILES - 1);

        int port2 = freePort();
        Process second = serve(port2, jdbcUrl, log);
        try {
            awaitHealthy(port2, second, log);
            JsonNode done;
            deadline = Instant.now().plus(Duration.ofSeconds(120));
            do {
                TimeUnit.MILLISECONDS.sleep(100);
                done = job(port2, jobId);
            } while (!done.at("/attributes/status").asText().equals("complete") && Instant.now().isBefore(deadline));
            assertThat(done.at("/attributes/status").asText()).isEqualTo("complete");
            assertThat(done.at("/attributes/completed_count").asInt()).isEqualTo(PROFILES);
            assertThat(done.at("/attributes/failed_count").asInt()).isZero();
        } finally {
            second.destroy();
            second.waitFor(30, TimeUnit.SECONDS);
        }
        try (var c = DriverManager.getConnection(jdbcUrl); var st = c.createStatement()) {
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
