package dev.openprofile.testing;

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
import java.util.concurrent.TimeUnit;

/** A real server process (`openprofile serve`) on a test database, for the crash tests that SIGKILL it. */
public final class ServerProcess {
    public static final String KEY = "pk_CrashTest0123456789abcdefghijklmno";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public final Process process;
    public final int port;
    private final Path log;

    private ServerProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the server on a free port, with a 2 s job lease (a killed node's job resumes quickly), and waits for it. */
    public static ServerProcess start(String jdbcUrl, Path log) throws Exception {
        return start(java.util.Map.of("OPENPROFILE_DATABASE_URL", jdbcUrl), log);
    }

    /** Starts the server on its embedded PostgreSQL, kept in the log's directory. */
    public static ServerProcess startEmbedded(Path log) throws Exception {
        return start(java.util.Map.of(), log);
    }

    /** Starts the server with extra settings (OPENPROFILE_* variables); rate limits are off unless they say otherwise. */
    public static ServerProcess start(java.util.Map<String, String> settings, Path log) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.openprofile.cli.Main", "serve")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("OPENPROFILE_PORT", String.valueOf(port));
        pb.environment().put("OPENPROFILE_RATE_LIMITS", "off"); // the crash tests' loops exceed Klaviyo's limits
        pb.environment().putAll(settings);
        pb.environment().put("OPENPROFILE_API_KEY", KEY);
        pb.environment().put("OPENPROFILE_DATA_DIR", log.getParent().toString());
        pb.environment().put("OPENPROFILE_JOB_LEASE_SECONDS", "2");
        ServerProcess server = new ServerProcess(pb.start(), port, log);
        server.awaitHealthy();
        return server;
    }

    private void awaitHealthy() throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            assertThat(process.isAlive()).as("server exited: " + Files.readString(log)).isTrue();
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

    /** The schema-validating test client, speaking to this process with its key. */
    public Api api() {
        return new Api("http://localhost:" + port, KEY);
    }

    public HttpResponse<String> call(String method, String path, String body) throws Exception {
        var b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Klaviyo-API-Key " + KEY).header("revision", "2026-07-15")
                .header("Content-Type", "application/vnd.api+json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** GETs a job resource until its status is complete (at most 2 minutes) and returns its data. */
    public com.fasterxml.jackson.databind.JsonNode awaitComplete(String jobPath) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        com.fasterxml.jackson.databind.JsonNode job;
        do {
            TimeUnit.MILLISECONDS.sleep(100);
            job = dev.openprofile.jsonapi.Json.MAPPER.readTree(call("GET", jobPath, null).body()).get("data");
        } while (!job.at("/attributes/status").asText().equals("complete") && Instant.now().isBefore(deadline));
        assertThat(job.at("/attributes/status").asText()).isEqualTo("complete");
        return job;
    }

    /** SIGKILL: no shutdown hook runs. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    public void stop() throws InterruptedException {
        process.destroy();
        process.waitFor(30, TimeUnit.SECONDS);
    }
}
