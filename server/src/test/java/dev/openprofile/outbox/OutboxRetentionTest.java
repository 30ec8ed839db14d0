package dev.openprofile.outbox;

import static dev.openprofile.outbox.OutboxFixtures.email;
import static dev.openprofile.outbox.OutboxFixtures.messages;
import static dev.openprofile.outbox.OutboxFixtures.record;
import static dev.openprofile.outbox.OutboxFixtures.sms;
import static dev.openprofile.outbox.OutboxFixtures.until;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.config.OutboxSettings;
import dev.openprofile.testing.MutableClock;
import dev.openprofile.testing.TestDatabase;
import dev.openprofile.testing.TestServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The outbox stays bounded: messages older than the retention (one hour here) go once the operator's clock passes
 * it, an account keeps only its newest messages (five here) and never another account's count, and an email still
 * pending relay (the relay here points at a port where nothing listens) is kept through both until its relay ends.
 */
class OutboxRetentionTest {
    static final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    static TestServer server;
    static final Outbox smsOnly = new Outbox(false);
    static final Outbox relaying = new Outbox(true);

    @BeforeAll
    static void start() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        server = TestServer.start(TestDatabase.freshDatabase(), Map.of(OutboxSettings.RETENTION_HOURS, "1",
                OutboxSettings.MAX_MESSAGES, "5", OutboxSettings.SMTP_HOST, "127.0.0.1",
                OutboxSettings.SMTP_PORT, Integer.toString(closed)), clock);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    static int count(TestServer.Account a) {
        return server.queryInt("select count(*) from outbox_message where account_id = '" + a.id() + "'");
    }

    @Test
    void anAccountKeepsOnlyItsNewestMessages() throws Exception {
        TestServer.Account a = server.newAccount("retention-count-");
        TestServer.Account b = server.newAccount("retention-other-");
        List<OutboxMessage> eight = new ArrayList<>();
        for (int i = 0; i < 8; i++) eight.add(sms(a.id(), "c", "+1500555000" + i, now().plusSeconds(i)));
        record(server, smsOnly, eight);
        record(server, smsOnly, List.of(sms(b.id(), "c", "+15005559999", now())));
        until(() -> count(a) == 5);
        JsonNode kept = messages(server, a.name(), "");
        assertThat(kept.findValuesAsText("to")).containsExactly("+15005550007", "+15005550006", "+15005550005",
                "+15005550004", "+15005550003");
        assertThat(count(b)).isEqualTo(1);
        // More than a batch of the sweeper's at once: it deletes batch after batch down to the newest five.
        List<OutboxMessage> many = new ArrayList<>();
        for (int i = 0; i < 2500; i++) many.add(sms(a.id(), "c2", "+1600" + i, now().plusSeconds(100)));
        record(server, smsOnly, many);
        until(() -> count(a) == 5);
        assertThat(messages(server, a.name(), "").findValuesAsText("campaign_id")).containsOnly("c2");
    }

    @Test
    void messagesOlderThanTheRetentionGoWhenTheClockPassesIt() throws Exception {
        TestServer.Account a = server.newAccount("retention-age-");
        record(server, smsOnly, List.of(sms(a.id(), "old", "+15005550001", now()), sms(a.id(), "old", "+15005550002", now())));
        clock.advance(Duration.ofMinutes(50));
        record(server, smsOnly, List.of(sms(a.id(), "new", "+15005550003", now())));
        Thread.sleep(OutboxRetention.EVERY.toMillis() + 1000); // a sweep ran: nothing is an hour old yet
        assertThat(count(a)).isEqualTo(3);
        clock.advance(Duration.ofMinutes(11));
        until(() -> count(a) == 1);
        assertThat(messages(server, a.name(), "").get(0).get("campaign_id").asText()).isEqualTo("new");
    }

    @Test
    void anEmailPendingRelayIsKeptUntilItsRelayEnds() throws Exception {
        TestServer.Account a = server.newAccount("retention-pending-");
        record(server, relaying, List.of(email(a.id(), "c", "ada@pending.example", now()), sms(a.id(), "c", "+15005550001", now())));
        // Connection refused: the email stays pending, due again after 10 s of the operator's clock.
        until(() -> server.queryInt("select count(*) from outbox_message where account_id = '" + a.id()
                + "' and relay_attempts = 1 and relay_status = 'pending'") == 1);
        clock.advance(Duration.ofHours(2));
        until(() -> count(a) == 1);
        assertThat(messages(server, a.name(), "").get(0).get("channel").asText()).isEqualTo("email");
        // Once its attempts are used up (eight by default; each clock move makes the next one due) it goes too.
        for (int i = 0; i < 10 && count(a) > 0; i++) {
            clock.advance(Duration.ofHours(2));
            int attempts = server.queryInt("select coalesce(max(relay_attempts), 8) from outbox_message where account_id = '" + a.id() + "'");
            until(() -> count(a) == 0 || server.queryInt("select coalesce(max(relay_attempts), 8) from outbox_message where account_id = '"
                    + a.id() + "'") > attempts);
        }
        until(() -> count(a) == 0);
    }
}
