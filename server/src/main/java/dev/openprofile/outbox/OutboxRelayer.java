package dev.openprofile.outbox;

import dev.openprofile.config.OutboxSettings;
import dev.openprofile.store.Background;
import dev.openprofile.store.Jdbc;
import jakarta.mail.MessagingException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays the outbox's pending emails to the configured SMTP server, in the background: claim due emails under a
 * lease, and for each keep the claim, send it, and record the outcome under that claim: sent, due again after a
 * backoff on the operator's clock, or failed once the attempts are used up (or at once when it cannot be an email).
 *
 * <p>Exactly once in the normal case: an email is sent only while its claim is this relayer's, and marked sent
 * under the same claim when the SMTP server accepted it. At least once across a crash: a node that dies between the
 * server's acceptance and that commit leaves the claim to run out, and the email is sent again (same Message-ID).
 */
final class OutboxRelayer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelayer.class);
    private static final int BATCH = 20;
    /** How often due emails are looked for: new ones, due retries, an advanced clock. */
    private static final Duration POLL = Duration.ofMillis(250);

    private final Jdbc jdbc;
    private final RelayStore store;
    private final Clock clock;
    private final OutboxSettings.SmtpRelay relay;
    private final SmtpSender sender;
    private final Background loop;
    private volatile boolean closed;

    OutboxRelayer(Jdbc jdbc, RelayStore store, Clock clock, OutboxSettings.SmtpRelay relay) {
        this.jdbc = jdbc;
        this.store = store;
        this.clock = clock;
        this.relay = relay;
        this.sender = new SmtpSender(relay);
        this.loop = Background.start("outbox-relayer", this::step);
    }

    private Duration step() {
        try {
            OffsetDateTime now = now();
            OffsetDateTime held = leaseNow().plus(relay.lease());
            List<StoredMessage> batch = jdbc.inTransaction(c -> {
                RelayStore.relaxCommit(c);
                return store.claim(c, now, leaseNow(), held, BATCH);
            });
            // One SMTP connection carries the batch (a local mail catcher takes each message in a few milliseconds).
            jakarta.mail.Transport connection = null;
            try {
                for (StoredMessage m : batch) {
                    if (closed) break; // unsent claims come back when their lease ends
                    connection = relay(m, held, connection);
                }
            } finally {
                SmtpSender.close(connection);
            }
            return batch.size() == BATCH ? Duration.ZERO : POLL;
        } catch (RuntimeException e) {
            if (!closed) LOG.warn("outbox relay: {}", e.toString());
            return Duration.ofSeconds(1);
        }
    }

    /** Relays one claimed email over {@code connection}; returns the connection for the next (null once it failed). */
    private jakarta.mail.Transport relay(StoredMessage m, OffsetDateTime claimed, jakarta.mail.Transport connection) {
        // Each email's claim is renewed just before its send, so the batch's later emails never outlive their lease.
        OffsetDateTime held = leaseNow().plus(relay.lease());
        if (!jdbc.inTransaction(c -> {
            RelayStore.relaxCommit(c);
            return store.keep(c, m, claimed, held);
        })) return connection;
        jakarta.mail.Transport next = connection;
        String status;
        String error = null;
        OffsetDateTime nextAt = null;
        try {
            next = sender.send(connection, m);
            status = StoredMessage.SENT;
        } catch (SmtpSender.Unsendable e) {
            status = StoredMessage.FAILED;
            error = e.getMessage();
        } catch (MessagingException e) {
            next = null; // closed by the sender
            error = describe(e);
            int attempt = m.relayAttempts() + 1;
            boolean last = attempt >= relay.maxAttempts();
            status = last ? StoredMessage.FAILED : StoredMessage.PENDING;
            if (!last) nextAt = now().plus(relay.retryAfter(attempt));
        }
        String outcome = status;
        String why = error;
        OffsetDateTime due = nextAt;
        OffsetDateTime at = now();
        jdbc.inTransaction(c -> {
            RelayStore.relaxCommit(c);
            store.record(c, m, held, outcome, why, at, due);
            return null;
        });
        return next;
    }

    /** The SMTP server's own words where there are any (its reply to the refused command), else the exception's. */
    private static String describe(MessagingException e) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = e; t != null && out.length() < 500; t = t instanceof MessagingException me ? me.getNextException() : t.getCause()) {
            if (!out.isEmpty()) out.append(" / ");
            out.append(t.getClass().getSimpleName()).append(t.getMessage() == null ? "" : ": " + t.getMessage().strip());
        }
        return out.length() > 500 ? out.substring(0, 500) : out.toString();
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    /** Real time, unmoved by the operator's clock: what leases are measured by (to the microsecond PostgreSQL keeps). */
    private static OffsetDateTime leaseNow() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    @Override
    public void close() {
        closed = true;
        loop.close();
    }
}
