package dev.openprofile.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** The SQL of the SMTP relay: claiming due emails under a lease, keeping the claim, and recording each outcome. */
final class RelayStore {
    /**
     * Claims up to {@code limit} due emails of any account, oldest first, holding each until {@code leaseUntil}; rows
     * another relayer is claiming are skipped, and a crashed one's claims come back when their lease ends. Due times
     * are on the operator's clock ({@code now}); leases on real time ({@code leaseNow}), as the webhook deliverer's.
     */
    List<StoredMessage> claim(Connection c, OffsetDateTime now, OffsetDateTime leaseNow, OffsetDateTime leaseUntil, int limit)
            throws SQLException {
        List<StoredMessage> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                with due as (
                    select account_id, id from outbox_message
                    where relay_status = 'pending' and (relay_next_at is null or relay_next_at <= ?)
                      and (relay_lease_until is null or relay_lease_until <= ?)
                    order by id limit ? for update skip locked)
                update outbox_message o set relay_lease_until = ? from due
                where o.account_id = due.account_id and o.id = due.id
                returning""" + " " + prefixed("o."))) {
            ps.setObject(1, now);
            ps.setObject(2, leaseNow);
            ps.setInt(3, limit);
            ps.setObject(4, leaseUntil);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(OutboxStore.message(rs));
            }
        }
        out.sort(java.util.Comparator.comparingLong(StoredMessage::id));
        return out;
    }

    private static String prefixed(String alias) {
        return alias + OutboxStore.COLUMNS.replace(", ", ", " + alias);
    }

    /**
     * The relayer's own transactions (a claim, its renewal, an outcome) commit without waiting for the WAL flush: one
     * lost in a database crash only makes an email due again (at least once, same Message-ID), while the messages
     * themselves commit durably with the send job's chunk that recorded them.
     */
    static void relaxCommit(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("set local synchronous_commit = off")) {
            ps.execute();
        }
    }

    /**
     * Extends the claim on one email from {@code held} to {@code until} just before it is sent; false when the claim
     * is no longer this relayer's (its lease ran out and another took it, or the outbox was cleared), so it is not sent.
     */
    boolean keep(Connection c, StoredMessage m, OffsetDateTime held, OffsetDateTime until) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                update outbox_message set relay_lease_until = ?
                where account_id = ? and id = ? and relay_status = 'pending' and relay_lease_until = ?""")) {
            ps.setObject(1, until);
            ps.setString(2, m.message().accountId());
            ps.setLong(3, m.id());
            ps.setObject(4, held);
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * Records an attempt under the claim {@code held}: {@code status} sent, failed, or pending again at {@code nextAt}.
     * The lease ends either way.
     */
    void record(Connection c, StoredMessage m, OffsetDateTime held, String status, String error, OffsetDateTime at,
                OffsetDateTime nextAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                update outbox_message set relay_status = ?, relay_attempts = relay_attempts + 1, relay_error = ?,
                       relayed_at = ?, relay_next_at = ?, relay_lease_until = null
                where account_id = ? and id = ? and relay_status = 'pending' and relay_lease_until = ?""")) {
            ps.setString(1, status);
            ps.setString(2, error);
            ps.setObject(3, status.equals(StoredMessage.SENT) ? at : null);
            ps.setObject(4, nextAt);
            ps.setString(5, m.message().accountId());
            ps.setLong(6, m.id());
            ps.setObject(7, held);
            ps.executeUpdate();
        }
    }
}
