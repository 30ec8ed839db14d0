package dev.openprofile.outbox;

import static dev.openprofile.outbox.OutboxFixtures.email;
import static dev.openprofile.outbox.OutboxFixtures.messages;
import static dev.openprofile.outbox.OutboxFixtures.record;
import static dev.openprofile.outbox.OutboxFixtures.until;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.config.OutboxSettings;
import dev.openprofile.jsonapi.Rfc3339;
import dev.openprofile.testing.MutableClock;
import dev.openprofile.testing.TestDatabase;
import dev.openprofile.testing.TestServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An SMTP server that refuses service (it greets every connection with 554, as RFC 5321 lets a server say "no SMTP
 * service here"): each attempt is recorded with the server's words, retried after 10 s and then 20 s on the
 * operator's clock, and after the third attempt the email is failed for good; the admin API shows each step.
 */
class OutboxRelayRefusedTest {
    static final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    static final AtomicInteger connections = new AtomicInteger();
    static ServerSocket refusing;
    static TestServer server;

    @BeforeAll
    static void start() throws IOException {
        refusing = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!refusing.isClosed()) {
                try (Socket s = refusing.accept(); OutputStream out = s.getOutputStream()) {
                    connections.incrementAndGet();
                    out.write("554 5.3.2 relay-refused-for-tests\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (IOException e) {
                    // closed, or the client went away
                }
            }
        });
        server = TestServer.start(TestDatabase.freshDatabase(), Map.of(OutboxSettings.SMTP_HOST, "127.0.0.1",
                OutboxSettings.SMTP_PORT, Integer.toString(refusing.getLocalPort()), OutboxSettings.RELAY_MAX_ATTEMPTS, "3"), clock);
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
        refusing.close();
    }

    @Test
    void aRefusedEmailIsRetriedWithBackoffThenFailedVisibly() throws Exception {
        TestServer.Account a = server.newAccount("relay-refused-");
        record(server, new Outbox(true), List.of(email(a.id(), "c1", "ada@refused.example", clock.instant().atOffset(ZoneOffset.UTC))));
        until(() -> relay(a).get("attempts").asInt() == 1);
        JsonNode first = relay(a);
        assertThat(first.get("status").asText()).isEqualTo("pending");
        assertThat(first.get("error").asText()).contains("554").contains("relay-refused-for-tests");
        assertThat(first.get("next_attempt_at").asText()).isEqualTo(Rfc3339.format(clock.instant().plusSeconds(10).atOffset(ZoneOffset.UTC)));
        assertThat(first.get("relayed_at").isNull()).isTrue();
        Thread.sleep(700); // not due yet: no second attempt without the clock
        assertThat(relay(a).get("attempts").asInt()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(10));
        until(() -> relay(a).get("attempts").asInt() == 2);
        assertThat(relay(a).get("status").asText()).isEqualTo("pending");
        assertThat(relay(a).get("next_attempt_at").asText()).isEqualTo(Rfc3339.format(clock.instant().plusSeconds(20).atOffset(ZoneOffset.UTC)));

        clock.advance(Duration.ofSeconds(20));
        until(() -> relay(a).get("attempts").asInt() == 3);
        JsonNode last = relay(a);
        assertThat(last.get("status").asText()).isEqualTo("failed");
        assertThat(last.get("error").asText()).contains("554");
        assertThat(last.get("next_attempt_at").isNull()).isTrue();
        int seen = connections.get();
        assertThat(seen).isGreaterThanOrEqualTo(3);
        clock.advance(Duration.ofHours(2));
        Thread.sleep(700);
        assertThat(relay(a).get("attempts").asInt()).isEqualTo(3);
        assertThat(connections.get()).isEqualTo(seen);
    }

    static JsonNode relay(TestServer.Account a) {
        try {
            JsonNode list = messages(server, a.name(), "");
            return list.isEmpty() ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : list.get(0).get("relay");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
