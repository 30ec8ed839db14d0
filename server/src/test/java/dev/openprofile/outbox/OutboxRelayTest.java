package dev.openprofile.outbox;

import static dev.openprofile.outbox.OutboxFixtures.email;
import static dev.openprofile.outbox.OutboxFixtures.messages;
import static dev.openprofile.outbox.OutboxFixtures.record;
import static dev.openprofile.outbox.OutboxFixtures.sms;
import static dev.openprofile.outbox.OutboxFixtures.until;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.openprofile.config.OutboxSettings;
import dev.openprofile.testing.MutableClock;
import dev.openprofile.testing.TestDatabase;
import dev.openprofile.testing.TestServer;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SMTP relay against a real SMTP server in the test JVM (GreenMail, on loopback): an email arrives as a MIME
 * message with its headers and both bodies, every email exactly once, an SMS never, an email that cannot be one fails
 * at once, and an email another relayer holds waits for its lease to run out.
 */
class OutboxRelayTest {
    static final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    static GreenMail smtp;
    static TestServer server;
    /** As App builds it when an SMTP host is set: emails are recorded pending relay. */
    static final Outbox outbox = new Outbox(true);

    @BeforeAll
    static void start() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", "smtp").dynamicPort());
        smtp.start();
        server = TestServer.start(TestDatabase.freshDatabase(), Map.of(OutboxSettings.SMTP_HOST, "127.0.0.1",
                OutboxSettings.SMTP_PORT, Integer.toString(smtp.getSmtp().getPort())), clock);
    }

    @AfterAll
    static void stop() {
        server.close();
        smtp.stop();
    }

    static OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    static List<MimeMessage> arrived(String domain) {
        return Arrays.asList(smtp.getReceivedMessagesForDomain(domain));
    }

    @Test
    void anEmailArrivesAsAMimeMessageWithItsHeadersAndBothBodies() throws Exception {
        TestServer.Account a = server.newAccount("relay-mime-");
        OffsetDateTime sentAt = now();
        record(server, outbox, List.of(email(a.id(), "c1", "ada@mime.example", sentAt)));
        until(() -> arrived("mime.example").size() == 1);
        MimeMessage m = arrived("mime.example").getFirst();
        InternetAddress from = (InternetAddress) m.getFrom()[0];
        assertThat(from.getAddress()).isEqualTo("news@shop.example");
        assertThat(from.getPersonal()).isEqualTo("Shop News");
        assertThat(((InternetAddress) m.getReplyTo()[0]).getAddress()).isEqualTo("help@shop.example");
        assertThat(((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0]).getAddress()).isEqualTo("ada@mime.example");
        assertThat(m.getSubject()).isEqualTo("Hello ada@mime.example");
        assertThat(m.getSentDate().toInstant()).isEqualTo(sentAt.toInstant());
        assertThat(m.getHeader("X-OpenProfile-Campaign-Id")).containsExactly("c1");
        assertThat(m.getContentType()).startsWith("multipart/alternative");
        MimeMultipart parts = (MimeMultipart) m.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
        assertThat(parts.getBodyPart(0).getContent()).isEqualTo("Hi ada@mime.example");
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
        assertThat(parts.getBodyPart(1).getContent()).isEqualTo("<p>Hi <b>ada@mime.example</b></p>");

        // The admin API tells the relay's outcome; the Message-ID is the outbox message's own.
        until(() -> relay(a, 0).path("status").asText().equals("sent"));
        JsonNode listed = messages(server, a.name(), "").get(0);
        assertThat(m.getMessageID()).isEqualTo("<outbox." + listed.get("id").asText() + "." + a.id() + "@openprofile.invalid>");
        JsonNode relay = listed.get("relay");
        assertThat(relay.get("attempts").asInt()).isEqualTo(1);
        assertThat(relay.get("error").isNull()).isTrue();
        assertThat(relay.get("relayed_at").asText()).isEqualTo(dev.openprofile.jsonapi.Rfc3339.format(now()));
        assertThat(relay.get("next_attempt_at").isNull()).isTrue();
    }

    @Test
    void everyEmailArrivesExactlyOnce() throws Exception {
        TestServer.Account a = server.newAccount("relay-once-");
        List<OutboxMessage> batch = new ArrayList<>();
        // More than two of the relayer's batches, recorded by three "chunks".
        for (int i = 0; i < 45; i++) batch.add(email(a.id(), "c1", "p" + i + "@once.example", now()));
        record(server, outbox, batch.subList(0, 15));
        record(server, outbox, batch.subList(15, 30));
        record(server, outbox, batch.subList(30, 45));
        until(() -> server.queryInt("select count(*) from outbox_message where account_id = '" + a.id()
                + "' and relay_status = 'sent'") == 45);
        Thread.sleep(1000); // a second relay of any of them would arrive by now
        List<MimeMessage> arrived = arrived("once.example");
        assertThat(arrived).hasSize(45);
        List<String> ids = new ArrayList<>();
        for (MimeMessage m : arrived) ids.add(m.getMessageID());
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(server.queryInt("select max(relay_attempts) from outbox_message where account_id = '" + a.id() + "'")).isEqualTo(1);
    }

    @Test
    void anSmsIsNeverRelayedAndAnEmailThatCannotBeOneFailsAtOnce() throws Exception {
        TestServer.Account a = server.newAccount("relay-other-");
        OutboxMessage good = email(a.id(), "c1", "x@other.example", now());
        OutboxMessage badFrom = new OutboxMessage(a.id(), "c1", "m", "p", "email", "not an address", null, null,
                "y@other.example", "s", null, null, "t", now(), null);
        record(server, outbox, List.of(sms(a.id(), "c1", "+15005550006", now()), badFrom));
        until(() -> relay(a, 0).path("status").asText().equals("failed"));
        JsonNode failed = messages(server, a.name(), "&channel=email").get(0).get("relay");
        assertThat(failed.get("attempts").asInt()).isEqualTo(1);
        assertThat(failed.get("error").asText()).contains("not an email address");
        assertThat(failed.get("next_attempt_at").isNull()).isTrue();
        assertThat(messages(server, a.name(), "&channel=sms").get(0).get("relay").isNull()).isTrue();
        // The relay works meanwhile: the good one arrives, and the SMS and the failed email never do.
        record(server, outbox, List.of(good));
        until(() -> arrived("other.example").size() == 1);
        assertThat(((InternetAddress) arrived("other.example").getFirst().getAllRecipients()[0]).getAddress())
                .isEqualTo("x@other.example");
    }

    @Test
    void anEmailHeldByAnotherRelayerWaitsUntilItsLeaseRunsOut() throws Exception {
        TestServer.Account a = server.newAccount("relay-lease-");
        // As a node that claimed it and crashed would leave it: pending, leased for an hour of real time.
        server.jdbc().inTransaction(c -> {
            outbox.record(c, List.of(email(a.id(), "c1", "held@lease.example", now())));
            c.createStatement().executeUpdate("update outbox_message set relay_lease_until = now() + interval '1 hour'"
                    + " where account_id = '" + a.id() + "'");
            return null;
        });
        // The operator's clock does not end a lease: moving it a day changes nothing.
        clock.advance(java.time.Duration.ofDays(1));
        Thread.sleep(1000);
        assertThat(arrived("lease.example")).isEmpty();
        assertThat(relay(a, 0).get("status").asText()).isEqualTo("pending");
        server.jdbc().inTransaction(c -> c.createStatement().executeUpdate(
                "update outbox_message set relay_lease_until = now() - interval '1 second' where account_id = '" + a.id() + "'"));
        until(() -> arrived("lease.example").size() == 1);
        until(() -> relay(a, 0).path("status").asText().equals("sent"));
    }

    static JsonNode relay(TestServer.Account a, int index) {
        try {
            JsonNode list = messages(server, a.name(), "&channel=email");
            return list.size() > index ? list.get(index).get("relay") : com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
