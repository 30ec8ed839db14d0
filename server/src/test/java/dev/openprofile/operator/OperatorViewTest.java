package dev.openprofile.operator;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.config.Settings;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.RawHttp;
import dev.openprofile.testing.TestDatabase;
import dev.openprofile.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The operator's view of requests: X-Request-Id on every answer, GET /metrics, one log line per request. */
class OperatorViewTest {
    static TestServer server;
    static Api api;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = server.api();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void everyAnswerCarriesARequestIdAndASaneClientOneIsKept() throws Exception {
        var ok = api.get("get_profiles", "/api/profiles");
        String generated = ok.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(generated).matches("[0-9a-f-]{36}");
        assertThat(api.get("get_profiles", "/api/profiles").headers().firstValue("X-Request-Id").orElseThrow()).isNotEqualTo(generated);
        var kept = api.send("get_profiles", "GET", "/api/profiles", null, Map.of("X-Request-Id", "ci-job-17.run:42"));
        assertThat(kept.headers().firstValue("X-Request-Id")).hasValue("ci-job-17.run:42");
        var replaced = api.send("get_profiles", "GET", "/api/profiles", null, Map.of("X-Request-Id", "has space\"quote"));
        assertThat(replaced.headers().firstValue("X-Request-Id").orElseThrow()).matches("[0-9a-f-]{36}");
        var unknownPath = api.send(null, "GET", "/api/nothing-here", null, Map.of("X-Request-Id", "abc"));
        assertThat(unknownPath.status()).isEqualTo(404);
        assertThat(unknownPath.headers().firstValue("X-Request-Id")).hasValue("abc");
        var unauthenticated = server.api(null).get("get_profiles", "/api/profiles");
        assertThat(unauthenticated.status()).isEqualTo(401);
        assertThat(unauthenticated.headers().firstValue("X-Request-Id")).isPresent();
        // Jetty's own rejection, before any route: a request line it cannot parse.
        RawHttp.Response rejected = RawHttp.exchange(server.port(),
                "GET /api/profiles HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n".getBytes(StandardCharsets.US_ASCII), false, 5000);
        assertThat(rejected.status()).isEqualTo(400);
        assertThat(rejected.header("X-Request-Id")).isNotBlank();
    }

    @Test
    void metricsCountRequestsByOperationAndStatusWithLatencyAndThePool() throws Exception {
        for (int i = 0; i < 3; i++) api.get("get_lists", "/api/lists");
        api.get("get_list", "/api/lists/none");
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        String text = r.body();
        assertThat(text).containsPattern(
                "openprofile_http_requests_seconds_count\\{method=\"GET\",operation=\"get_lists\",status=\"200\"} 3(\\.0)?\\n");
        assertThat(text).containsPattern(
                "openprofile_http_requests_seconds_count\\{method=\"GET\",operation=\"get_list\",status=\"404\"} 1(\\.0)?\\n");
        assertThat(text).contains("openprofile_http_requests_seconds_bucket{method=\"GET\",operation=\"get_lists\",status=\"200\",le=");
        assertThat(text).contains("openprofile_jobs_queue_depth ");
        assertThat(text).contains("hikaricp_connections_active");
    }

    @Test
    void jobDurationsAreMeasured() throws Exception {
        var r = api.post("bulk_create_events", "/api/event-bulk-create-jobs",
                "{\"data\":{\"type\":\"event-bulk-create-job\",\"attributes\":{\"events-bulk-create\":{\"data\":[{\"type\":"
                        + "\"event-bulk-create\",\"attributes\":{\"profile\":{\"data\":{\"type\":\"profile\",\"attributes\":"
                        + "{\"email\":\"metered@view.example.com\"}}},\"events\":{\"data\":[{\"type\":\"event\",\"attributes\":"
                        + "{\"properties\":{},\"metric\":{\"data\":{\"type\":\"metric\",\"attributes\":{\"name\":\"Metered\"}}}}}]}}}]}}}}");
        assertThat(r.status()).isEqualTo(202);
        server.awaitJobs();
        // The worker records the duration just after it commits the job's completion, which awaitJobs sees.
        String text = "";
        for (int i = 0; i < 50 && !text.contains("openprofile_jobs_processing_seconds_count"); i++) {
            Thread.sleep(100);
            text = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        }
        assertThat(text).containsPattern("openprofile_jobs_processing_seconds_count\\{kind=\"[a-z_.-]+\"} [1-9]");
    }

    @Test
    void oneLinePerRequestAsTextOrJson() throws Exception {
        ListAppender<ILoggingEvent> text = capture("dev.openprofile.requests");
        ListAppender<ILoggingEvent> json = capture("dev.openprofile.requests.json");
        try (TestServer jsonServer = TestServer.start(TestDatabase.freshDatabase(), Map.of(Settings.LOG_FORMAT, "json"),
                Clock.systemUTC())) {
            api.send("get_profiles", "GET", "/api/profiles", null, Map.of("X-Request-Id", "text-line-1"));
            jsonServer.api().send("get_profiles", "GET", "/api/profiles?page%5Bsize%5D=1", null, Map.of("X-Request-Id", "json-line-1"));
            String line = text.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains("text-line-1"))
                    .findFirst().orElseThrow();
            assertThat(line).contains("GET /api/profiles").contains("-> 200").contains("account ").contains("operation get_profiles");
            assertThat(line).doesNotContain(TestServer.API_KEY);
            JsonNode entry = json.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains("json-line-1"))
                    .map(m -> {
                        try {
                            return Json.MAPPER.readTree(m);
                        } catch (java.io.IOException e) {
                            throw new AssertionError(m, e);
                        }
                    }).findFirst().orElseThrow();
            assertThat(entry.get("request_id").asText()).isEqualTo("json-line-1");
            assertThat(entry.get("operation").asText()).isEqualTo("get_profiles");
            assertThat(entry.get("status").asInt()).isEqualTo(200);
            assertThat(entry.get("account").asText()).isNotBlank();
            assertThat(entry.get("duration_ms").isIntegralNumber()).isTrue();
            assertThat(entry.get("path").asText()).isEqualTo("/api/profiles");
        } finally {
            release("dev.openprofile.requests", text);
            release("dev.openprofile.requests.json", json);
        }
    }

    private static ListAppender<ILoggingEvent> capture(String name) {
        Logger logger = (Logger) LoggerFactory.getLogger(name);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        logger.setLevel(Level.INFO);
        return appender;
    }

    private static void release(String name, ListAppender<ILoggingEvent> appender) {
        Logger logger = (Logger) LoggerFactory.getLogger(name);
        logger.detachAppender(appender);
        logger.setLevel(name.endsWith(".json") ? null : Level.WARN);
    }
}
