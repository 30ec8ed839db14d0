package dev.openprofile.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.config.WebhookSettings;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.testing.ServerProcess;
import dev.openprofile.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Durability, for real: the server process is killed with SIGKILL while deliveries are pending and in flight; after a
 * restart every event arrives at least once, under the event id it had before the crash.
 */
class WebhookCrashTest {
    static final int EVENTS = 60;

    @Test
    void deliveriesPendingAtAKillAllArriveAfterRestartWithStableIds() throws Exception {
        String jdbcUrl = TestDatabase.freshDatabase();
        Path log = Files.createTempDirectory("openprofile-webhook-crash").resolve("server.log");
        // A short timeout makes a short lease: the killed node's claims come back 6 s after it took them.
        Map<String, String> settings = Map.of("OPENPROFILE_DATABASE_URL", jdbcUrl, WebhookSettings.TIMEOUT_SECONDS, "1",
                WebhookSettings.RETRY_SECONDS, "1");
        try (Receiver receiver = new Receiver()) {
            receiver.delayMs = 150; // slow enough that the kill finds deliveries pending and in flight
            ServerProcess first = ServerProcess.start(settings, log);
            var created = first.call("POST", "/api/webhooks", "{\"data\":{\"type\":\"webhook\",\"attributes\":{\"name\":\"crash\","
                    + "\"endpoint_url\":\"" + receiver.url("/in") + "\",\"secret_key\":\"crash-secret-0123456789\"},"
                    + "\"relationships\":{\"webhook-topics\":{\"data\":[{\"type\":\"webhook-topic\",\"id\":"
                    + "\"event:klaviyo.subscribed_to_email_marketing\"}]}}}}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String profiles = IntStream.range(0, EVENTS).mapToObj(i -> "{\"type\":\"profile\",\"attributes\":{\"email\":\"c" + i
                    + "@crash.example\",\"subscriptions\":{\"email\":{\"marketing\":{\"consent\":\"SUBSCRIBED\"}}}}}")
                    .collect(Collectors.joining(","));
            assertThat(first.call("POST", "/api/profile-subscription-bulk-create-jobs", "{\"data\":{\"type\":"
                    + "\"profile-subscription-bulk-create-job\",\"attributes\":{\"profiles\":{\"data\":[" + profiles + "]}}}}")
                    .statusCode()).isEqualTo(202);

            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (receiver.requests.size() < 3 && Instant.now().isBefore(deadline)) TimeUnit.MILLISECONDS.sleep(5);
            first.kill();
            Set<String> beforeKill = ids(receiver.events());
            assertThat(beforeKill.size()).as("killed part-way").isBetween(1, EVENTS - 1);

            ServerProcess second = ServerProcess.start(settings, log);
            try {
                deadline = Instant.now().plus(Duration.ofSeconds(60));
                while (ids(receiver.events()).size() < EVENTS && Instant.now().isBefore(deadline)) TimeUnit.MILLISECONDS.sleep(50);
            } finally {
                second.stop();
            }
            Set<String> received = ids(receiver.events());
            assertThat(received).hasSize(EVENTS);
            try (var c = DriverManager.getConnection(TestDatabase.inServerSchema(jdbcUrl)); var st = c.createStatement()) {
                var rs = st.executeQuery("select external_id, status from webhook_delivery");
                Set<String> stored = new HashSet<>();
                while (rs.next()) {
                    stored.add(rs.getString(1));
                    assertThat(rs.getString(2)).isEqualTo("delivered");
                }
                // One delivery per event, its id the one the receiver saw before and after the crash.
                assertThat(stored).isEqualTo(received).containsAll(beforeKill);
            }
            // Every request is signed for this webhook; at least once means a repeat is allowed, never a loss.
            assertThat(receiver.requests.size()).isGreaterThanOrEqualTo(EVENTS);
            for (Receiver.Request r : receiver.requests) {
                JsonNode body = r.body();
                assertThat(r.header("Klaviyo-Webhook-Id")).isEqualTo(body.at("/meta/klaviyo_webhook_id").asText())
                        .isEqualTo(Json.MAPPER.readTree(created.body()).at("/data/id").asText());
            }
        }
    }

    private static Set<String> ids(List<JsonNode> events) {
        return events.stream().map(e -> e.get("external_id").asText()).collect(Collectors.toSet());
    }
}
