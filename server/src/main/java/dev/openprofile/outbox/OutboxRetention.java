package dev.openprofile.outbox;

import dev.openprofile.config.OutboxSettings;
import dev.openprofile.store.Background;
import dev.openprofile.store.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the outbox bounded: every few seconds, for each account with messages, deletes those sent longer ago than the
 * retention (on the operator's clock, so moving it ages them) and those beyond the account's newest
 * {@code maxMessages}, a batch per transaction. While a relay is configured, an email still pending relay is never
 * deleted (it still counts among the newest): it goes once its relay ends, sent or failed. Without one (a server
 * started since without the relay, or an import) nothing would end it, so it goes as any message.
 */
final class OutboxRetention implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxRetention.class);
    static final Duration EVERY = Duration.ofSeconds(2);
    private static final int BATCH = 1000;
    private static final String NOT_PENDING = "relay_status is distinct from 'pending'";

    private final Jdbc jdbc;
    private final Clock clock;
    private final OutboxSettings settings;
    private final String deletable;
    private final Background loop;
    private volatile boolean closed;

    OutboxRetention(Jdbc jdbc, Clock clock, OutboxSettings settings) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.settings = settings;
        this.deletable = settings.relay().isPresent() ? NOT_PENDING : "true";
        this.loop = Background.start("outbox-retention", () -> {
            try {
                sweep();
            } catch (RuntimeException e) {
                if (!closed) LOG.warn("outbox retention: {}", e.toString());
            }
            return EVERY;
        });
    }

    void sweep() {
        OffsetDateTime cutoff = clock.instant().atOffset(ZoneOffset.UTC).minus(settings.retention());
        for (String accountId : jdbc.read(OutboxRetention::accounts)) {
            while (jdbc.inTransaction(c -> locked(c, accountId) ? deleteOlder(c, accountId, cutoff) : 0) == BATCH) {
                // the next batch
            }
            while (jdbc.inTransaction(c -> locked(c, accountId) ? deleteBeyondNewest(c, accountId, settings.maxMessages()) : 0) == BATCH) {
                // the next batch
            }
        }
    }

    /** The accounts that have messages: a skip scan of the primary key, one probe per account. */
    private static List<String> accounts(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                with recursive a(account_id) as (
                    (select account_id from outbox_message order by account_id limit 1)
                    union all
                    select (select o.account_id from outbox_message o where o.account_id > a.account_id order by o.account_id limit 1)
                    from a where a.account_id is not null)
                select account_id from a where account_id is not null""");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

    /** One node sweeps an account at a time; another skips it this round. */
    private static boolean locked(Connection c, String accountId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select pg_try_advisory_xact_lock(hashtextextended(?, 0))")) {
            ps.setString(1, "outbox_retention:" + accountId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private int deleteOlder(Connection c, String accountId, OffsetDateTime cutoff) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from outbox_message where account_id = ? and id in ("
                + "select id from outbox_message where account_id = ? and sent_at < ? and " + deletable
                + " order by sent_at, id limit ?)")) {
            ps.setString(1, accountId);
            ps.setString(2, accountId);
            ps.setObject(3, cutoff);
            ps.setInt(4, BATCH);
            return ps.executeUpdate();
        }
    }

    /** Deletes a batch of the messages older than the account's newest {@code max} (by send time, then id). */
    private int deleteBeyondNewest(Connection c, String accountId, int max) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                with boundary as (
                    select sent_at, id from outbox_message where account_id = ? order by sent_at desc, id desc offset ? limit 1)
                delete from outbox_message where account_id = ? and id in (
                    select o.id from outbox_message o, boundary b
                    where o.account_id = ? and (o.sent_at, o.id) <= (b.sent_at, b.id)""" + " and " + deletable
                + " order by o.sent_at, o.id limit ?)")) {
            ps.setString(1, accountId);
            ps.setInt(2, max);
            ps.setString(3, accountId);
            ps.setString(4, accountId);
            ps.setInt(5, BATCH);
            return ps.executeUpdate();
        }
    }

    @Override
    public void close() {
        closed = true;
        loop.close();
    }
}
