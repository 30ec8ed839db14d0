package dev.openprofile.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.ServerProcess;
import dev.openprofile.testing.SpecValidator;
import dev.openprofile.testing.TestServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Losing the database never makes the server hang or lie: requests fail fast with a Klaviyo 503,
 * /healthz says 503, the embedded PostgreSQL is restarted by the server, an external one is reconnected
 * to, and every write acknowledged before or after is stored.
 */
class DatabaseLossTest {
    /** Far above the few seconds a request may take while the database is gone: longer is a hang. */
    private static final Duration HANG = Duration.ofSeconds(10);
    private static final int IMPORTED = 10_000;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(HANG).build();

    private static final SpecValidator SPEC = SpecValidator.load();

    /** An answer, and the operation whose official schema its body must match (null: not Klaviyo's, /healthz). */
    private record Answer(String operationId, int status, String body, Duration took) {}

    @Test
    void underLoadAKilledEmbeddedPostgresIsRestartedAndNoAcknowledgedWriteIsLost() throws Exception {
        Path dir = Files.createTempDirectory("openprofile-db-loss");
        ServerProcess server = ServerProcess.startEmbedded(dir.resolve("server.log"));
        Path pgData = dir.resolve("postgres");
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        AtomicInteger healthz503 = new AtomicInteger();
        AtomicInteger writesAfterKill = new AtomicInteger();
        AtomicBoolean killed = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService load = Executors.newFixedThreadPool(5);
        try {
            for (int t = 0; t < 4; t++) {
                int thread = t;
                load.submit(() -> {
                    for (int i = 0; !stop.get(); i++) {
                        String email = "w" + thread + "-" + i + "@loss.example.com";
                        try {
                            Answer a = send("create_profile", server.port, "POST", "/api/profiles",
                                    "{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"" + email + "\"}}}");
                            answers.add(a);
                            if (a.status() == 201) {
                                acknowledged.add(email);
                                if (killed.get()) writesAfterKill.incrementAndGet();
                            }
                            if (i % 3 == 0) answers.add(send("get_profiles", server.port, "GET", "/api/profiles?page[size]=5", null));
                        } catch (Exception e) {
                            failures.add(e);
                        }
                    }
                });
            }
            load.submit(() -> {
                while (!stop.get()) {
                    try {
                        Answer a = send(null, server.port, "GET", "/healthz", null);
                        if (a.status() == 503) healthz503.incrementAndGet();
                        else if (a.status() != 200) answers.add(a);
                        TimeUnit.MILLISECONDS.sleep(50);
                    } catch (Exception e) {
                        failures.add(e);
                    }
                }
            });
            await(() -> acknowledged.size() >= 50, Duration.ofSeconds(60), "writes before the kill");
            // Accepted work in flight when the database goes: the workers must wait, then finish it.
            String profiles = java.util.stream.IntStream.range(0, IMPORTED).mapToObj(i ->
                    "{\"type\":\"profile\",\"attributes\":{\"email\":\"job" + i + "@loss.example.com\"}}")
                    .collect(java.util.stream.Collectors.joining(","));
            Answer accepted = send("bulk_import_profiles", server.port, "POST", "/api/profile-bulk-import-jobs", "{\"data\":{\"type\":"
                    + "\"profile-bulk-import-job\",\"attributes\":{\"profiles\":{\"data\":[" + profiles + "]}}}}");
            assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
            String job = Json.MAPPER.readTree(accepted.body()).at("/data/id").asText();
            long postmaster = postmasterPid(pgData);
            new ProcessBuilder("kill", "-9", Long.toString(postmaster)).start().waitFor();
            killed.set(true);
            await(() -> writesAfterKill.get() >= 50 && !ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false),
                    Duration.ofSeconds(90), "serving resumed after the kill");
            assertThat(postmasterPid(pgData)).as("a new postmaster").isNotEqualTo(postmaster);
            JsonNode done = server.awaitComplete("/api/profile-bulk-import-jobs/" + job);
            assertThat(done.at("/attributes/completed_count").asInt()).isEqualTo(IMPORTED);
            assertThat(done.at("/attributes/failed_count").asInt()).isZero();
        } finally {
            stop.set(true);
            load.shutdown();
            assertThat(load.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
        try {
            assertThat(failures).as("no request hung or lost its connection").isEmpty();
            assertThat(answers.stream().filter(a -> !Set.of(200, 201, 503).contains(a.status())
                    || a.took().compareTo(HANG) >= 0).toList()).as("answers other than a quick 2xx or 503").isEmpty();
            answers.stream().filter(a -> a.status() == 503).forEach(a -> assertUnavailableDocument(a.body()));
            for (Answer a : answers) SPEC.assertValid(a.operationId(), a.status(), Json.MAPPER.readTree(a.body()));
            assertThat(answers.stream().filter(a -> a.status() == 503).count() + healthz503.get())
                    .as("the loss was seen (503s)").isPositive();
            assertThat(stored(pgData, acknowledged)).as("acknowledged writes stored").isEqualTo(acknowledged.size());
            assertThat(count(pgData, "select count(*) from openprofile.profile where email like 'job%@loss.example.com'"))
                    .as("the import job's profiles, each once").isEqualTo(IMPORTED);
            assertThat(Files.readString(dir.resolve("server.log"))).contains("restarting it")
                    .contains("the embedded PostgreSQL is running again");
        } finally {
            server.stop();
        }
    }

    @Test
    void anExternalPostgresThatRestartsIsReconnectedToAndRequestsFailFastWhileItIsDown() throws Exception {
        Path pgData = Files.createTempDirectory("openprofile-external-pg");
        EmbeddedPostgres pg = external(pgData, 0);
        int port = pg.getPort();
        String url = "jdbc:postgresql://localhost:" + port + "/postgres?user=postgres";
        try (TestServer server = TestServer.start(url, Map.of(), Clock.systemUTC())) {
            Api api = server.api();
            assertThat(api.post("create_profile", "/api/profiles",
                    "{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"before@example.com\"}}}").status()).isEqualTo(201);
            pg.close();

            Instant start = Instant.now();
            Api.Response down = api.get("get_profiles", "/api/profiles");
            assertThat(Duration.between(start, Instant.now())).as("fails fast").isLessThan(Duration.ofSeconds(6));
            assertThat(down.status()).isEqualTo(503);
            assertThat(down.error().get("code").asText()).isEqualTo("service_unavailable");
            assertThat(down.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(send(null, server.port(), "GET", "/healthz", null).status()).isEqualTo(503);

            pg = external(pgData, port);
            await(() -> api.get("get_profiles", "/api/profiles").status() == 200, Duration.ofSeconds(30), "reconnected");
            assertThat(api.get("get_profiles", "/api/profiles").data()).hasSize(1);
            assertThat(send(null, server.port(), "GET", "/healthz", null).status()).isEqualTo(200);
        } finally {
            pg.close();
        }
    }

    private static EmbeddedPostgres external(Path dir, int port) throws IOException {
        EmbeddedPostgres.Builder b = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false);
        if (port != 0) b.setPort(port);
        return b.start();
    }

    private static void assertUnavailableDocument(String body) {
        try {
            JsonNode error = Json.MAPPER.readTree(body).get("errors").get(0);
            assertThat(error.get("status").asInt()).isEqualTo(503);
            assertThat(error.get("code").asText()).isEqualTo("service_unavailable");
            assertThat(error.get("id").asText()).isNotBlank();
            assertThat(error.get("title").asText()).isNotBlank();
            assertThat(error.get("detail").asText()).isNotBlank();
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    private static Answer send(String operationId, int port, String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(HANG)
                .header("Authorization", "Klaviyo-API-Key " + ServerProcess.KEY).header("revision", Api.REVISION)
                .header("Content-Type", "application/vnd.api+json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        Instant start = Instant.now();
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(operationId, r.statusCode(), r.body(), Duration.between(start, Instant.now()));
    }

    private static long postmasterPid(Path pgData) throws IOException {
        return Long.parseLong(Files.readAllLines(pgData.resolve("postmaster.pid")).get(0).strip());
    }

    private static int stored(Path pgData, Set<String> emails) throws Exception {
        String port = Files.readAllLines(pgData.resolve("postmaster.pid")).get(3).strip();
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres?user=postgres");
             PreparedStatement ps = c.prepareStatement("select count(*) from openprofile.profile where email = any(?)")) {
            ps.setArray(1, c.createArrayOf("text", new ArrayList<>(emails).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static int count(Path pgData, String sql) throws Exception {
        String port = Files.readAllLines(pgData.resolve("postmaster.pid")).get(3).strip();
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres?user=postgres");
             ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void await(Condition condition, Duration limit, String what) throws Exception {
        Instant deadline = Instant.now().plus(limit);
        while (!condition.holds()) {
            if (Instant.now().isAfter(deadline)) throw new AssertionError("timed out waiting for: " + what);
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }
}
