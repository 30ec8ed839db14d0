package dev.openprofile.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openprofile.config.WebhookSettings;
import dev.openprofile.testing.MutableClock;
import dev.openprofile.testing.TestDatabase;
import dev.openprofile.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A deliverer claims a batch under one lease. A receiver slow enough that the batch outlasts the lease (1 s timeout:
 * a 6 s lease; 20 answers of 0.4 s each), or an operator who moves the server's clock meanwhile, must not make a
 * second deliverer send the same deliveries again: each event arrives once.
 */
class WebhookLeaseTest {
    static final MutableClock clock = new MutableClock(Instant.parse("2026-10-01T12:00:00Z"));
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(TestDatabase.freshDatabase(), Map.of(WebhookSettings.TIMEOUT_SECONDS, "1"), clock);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aBatchThatOutlastsItsLeaseIsStillSentOnce() throws Exception {
        var api = server.api(server.createKey("lease", Set.of("*")));
        try (Receiver receiver = new Receiver()) {
            receiver.delayMs = 400;
            WebhookDeliveryTest.webhook(api, receiver.url("/slow"), WebhookDeliveryTest.SUBSCRIBED);
            List<String> emails = new ArrayList<>();
            for (int i = 0; i < 20; i++) emails.add("lease" + i + "@hooks.example");
            WebhookDeliveryTest.consent(api, "create", "SUBSCRIBED", emails.toArray(String[]::new));
            server.awaitJobs();
            // Half-way through the batch the operator's clock jumps a day: leases are on real time, so none ends.
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (receiver.requests.size() < 10 && System.nanoTime() < deadline) Thread.sleep(20);
            clock.advance(Duration.ofDays(1));
            while (receiver.requests.size() < 20 && System.nanoTime() < deadline) Thread.sleep(20);
            Thread.sleep(1500); // room for a second sender to show itself: the poll runs every 0.5 s
            assertThat(receiver.requests).hasSize(20);
            assertThat(receiver.events().stream().map(e -> e.get("external_id").asText()).distinct()).hasSize(20);
        }
    }
}
