package dev.openprofile.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The SQL of the outbox's reads and of clearing it; the relay's and the retention's statements are beside their code. */
final class OutboxStore {
    static final String COLUMNS = "account_id, id, campaign_id, message_id, profile_id, channel, from_address, from_label, "
            + "reply_to, to_address, subject, preview_text, body_html, body_text, sent_at, relay_status, relay_attempts, "
            + "relay_error, relayed_at, relay_next_at, link_token";

    /** What a list is narrowed to: each null means any. {@code to} matches the address ignoring case. */
    record Narrowing(String campaignId, String messageId, String to, String channel) {}

    /** Where a page resumes: after this message, in the order newest first (send time, then id). */
    record After(OffsetDateTime sentAt, long id) {}

    /** An account's messages, newest first (by send time, then by id), from {@code after} on. */
    List<StoredMessage> page(Connection c, String accountId, Narrowing n, After after, int limit) throws SQLException {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from outbox_message where account_id = ?");
        List<Object> params = new ArrayList<>(List.of(accountId));
        if (n.campaignId() != null) add(sql, params, " and campaign_id = ?", n.campaignId());
        if (n.messageId() != null) add(sql, params, " and message_id = ?", n.messageId());
        if (n.to() != null) add(sql, params, " and lower(to_address) = lower(?)", n.to());
        if (n.channel() != null) add(sql, params, " and channel = ?", n.channel());
        if (after != null) {
            sql.append(" and (sent_at, id) < (?, ?)");
            params.add(after.sentAt());
            params.add(after.id());
        }
        sql.append(" order by sent_at desc, id desc limit ?");
        params.add(limit);
        List<StoredMessage> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < params.size(); i++) ps.setObject(i + 1, params.get(i));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(message(rs));
            }
        }
        return out;
    }

    private static void add(StringBuilder sql, List<Object> params, String condition, Object value) {
        sql.append(condition);
        params.add(value);
    }

    Optional<StoredMessage> find(Connection c, String accountId, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from outbox_message where account_id = ? and id = ?")) {
            ps.setString(1, accountId);
            ps.setLong(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(message(rs)) : Optional.empty();
            }
        }
    }

    /** Deletes up to {@code batch} of the account's messages (the oldest first); returns how many. */
    int clearBatch(Connection c, String accountId, int batch) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                delete from outbox_message where account_id = ? and id in (
                    select id from outbox_message where account_id = ? order by sent_at, id limit ?)""")) {
            ps.setString(1, accountId);
            ps.setString(2, accountId);
            ps.setInt(3, batch);
            return ps.executeUpdate();
        }
    }

    static StoredMessage message(ResultSet rs) throws SQLException {
        OutboxMessage m = new OutboxMessage(rs.getString(1), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12),
                rs.getString(13), rs.getString(14), rs.getObject(15, OffsetDateTime.class), rs.getString(21));
        return new StoredMessage(rs.getLong(2), m, rs.getString(16), rs.getInt(17), rs.getString(18),
                rs.getObject(19, OffsetDateTime.class), rs.getObject(20, OffsetDateTime.class));
    }
}
