package dev.openprofile.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code openprofile serve} as a real process with its embedded PostgreSQL: it starts with nothing
 * configured but a port and a data directory, keeps data across a restart, and SIGTERM stops it with
 * its PostgreSQL (no orphan).
 */
class ServeProcessTest {
    static final String KEY = "pk_ProcessTest0123456789abcdefghijklm";
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static Path dataDir;

    @BeforeAll
    static void dir() throws IOException {
        dataDir = Files.createTempDirectory("openprofile-serve");
    }

    @AfterAll
    static void cleanup() throws IOException {
        try (var files = Files.walk(dataDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static Process serve(int port, String... extraEnv) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "dev.openprofile.cli.Main", "serve")
                .redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("serve-" + port + ".log").toFile());
        pb.environment().put("OPENPROFILE_PORT", String.valueOf(port));
        pb.environment().put("OPENPROFILE_DATA_DIR", dataDir.toString());
        pb.environment().remove("OPENPROFILE_DATABASE_URL");
        for (int i = 0; i + 1 < extraEnv.length; i += 2) pb.environment().put(extraEnv[i], extraEnv[i + 1]);
        return pb.start();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static void awaitHealthy(int port, Process p) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            assertThat(p.isAlive()).as("server exited; log: " + log(port)).isTrue();
            try {
                var r = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/healthz")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) return;
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.onSpinWait();
            TimeUnit.MILLISECONDS.sleep(100); // polling a condition: the process gives no other signal
        }
        throw new AssertionError("server did not become healthy; log: " + log(port));
    }

    static String log(int port) {
        try {
            return Files.readString(dataDir.resolve("serve-" + port + ".log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    static HttpResponse<String> call(int port, String key, String method, String path, String body) throws Exception {
        var b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Klaviyo-API-Key " + key).header("revision", "2026-07-15")
                .header("Content-Type", "application/vnd.api+json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static Optional<Long> postgresPid() throws IOException {
        Path pid = dataDir.resolve("postgres").resolve("postmaster.pid");
        if (!Files.exists(pid)) return Optional.empty();
        List<String> lines = Files.readAllLines(pid);
        return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).strip()));
    }

    /** The embedded PostgreSQL runs with fsync and synchronous commit on: committed work survives a crash. */
    static void assertDurable() throws Exception {
        List<String> lines = Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid"));
        String url = "jdbc:postgresql://localhost:" + lines.get(3).strip() + "/postgres?user=postgres";
        try (var c = java.sql.DriverManager.getConnection(url); var st = c.createStatement()) {
            for (String setting : List.of("fsync", "synchronous_commit")) {
                try (var rs = st.executeQuery("show " + setting)) {
                    rs.next();
                    assertThat(rs.getString(1)).as(setting).isEqualTo("on");
                }
            }
        }
    }

    static void stop(Process p) throws Exception {
        p.destroy(); // SIGTERM
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("server stops on SIGTERM").isTrue();
    }

    @Test
    void embeddedDataSurvivesARestartAndSigtermLeavesNoPostgres() throws Exception {
        int port = freePort();
        Process first = serve(port);
        String id;
        String generated;
        try {
            awaitHealthy(port, first);
            // No OPENPROFILE_API_KEY: a key is generated on first start and printed once.
            generated = log(port).replaceAll("(?s).*?(pk_[A-Za-z0-9]{34}).*", "$1");
            assertThat(generated).matches("pk_[A-Za-z0-9]{34}");
            var created = call(port, generated, "POST", "/api/profiles",
                    "{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"persist@example.com\"}}}");
            assertThat(created.statusCode()).isEqualTo(201);
            id = created.body().replaceAll("(?s).*?\"id\":\"([0-9A-Z]{26})\".*", "$1");
            assertThat(postgresPid()).isPresent();
            assertDurable();
        } finally {
            stop(first);
        }
        assertThat(postgresPid().flatMap(ProcessHandle::of).map(ProcessHandle::isAlive).orElse(false))
                .as("embedded PostgreSQL stopped with the server").isFalse();

        int port2 = freePort();
        Process second = serve(port2, "OPENPROFILE_API_KEY", KEY);
        try {
            awaitHealthy(port2, second);
            assertThat(log(port2)).doesNotContain("pk_");
            for (String key : List.of(KEY, generated)) {
                var got = call(port2, key, "GET", "/api/profiles/" + id, null);
                assertThat(got.statusCode()).isEqualTo(200);
                assertThat(got.body()).contains("persist@example.com")
                        .contains("http://localhost:" + port2 + "/api/profiles/" + id + "/");
            }
        } finally {
            stop(second);
        }
    }

    @Test
    void aBadSettingStopsStartupNamingIt() throws Exception {
        int port = freePort();
        Process p = serve(port, "OPENPROFILE_PUBLIC_KEY", "toolongkey");
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isNotZero();
        assertThat(log(port)).contains("OPENPROFILE_PUBLIC_KEY");
    }
}
