package dev.openprofile.webhooks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The SQL of webhooks and their topic subscriptions. */
final class WebhookStore {
    private static final String COLUMNS = "id, name, description, endpoint_url, secret_key, enabled, created, updated";

    void insert(Connection c, String accountId, Webhook w) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into webhook (account_id, " + COLUMNS
                + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, accountId);
            ps.setString(2, w.id());
            ps.setString(3, w.name());
            ps.setString(4, w.description());
            ps.setString(5, w.endpointUrl());
            ps.setString(6, w.secretKey());
            ps.setBoolean(7, w.enabled());
            ps.setTimestamp(8, Timestamp.from(w.created().toInstant()));
            ps.setTimestamp(9, Timestamp.from(w.updated().toInstant()));
            ps.executeUpdate();
        }
        subscribe(c, accountId, w.id(), w.topics());
    }

    void update(Connection c, String accountId, Webhook w) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                update webhook set name = ?, description = ?, endpoint_url = ?, secret_key = ?, enabled = ?, updated = ?
                where account_id = ? and id = ?""")) {
            ps.setString(1, w.name());
            ps.setString(2, w.description());
            ps.setString(3, w.endpointUrl());
            ps.setString(4, w.secretKey());
            ps.setBoolean(5, w.enabled());
            ps.setTimestamp(6, Timestamp.from(w.updated().toInstant()));
            ps.setString(7, accountId);
            ps.setString(8, w.id());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("delete from webhook_subscription where account_id = ? and webhook_id = ?")) {
            ps.setString(1, accountId);
            ps.setString(2, w.id());
            ps.executeUpdate();
        }
        subscribe(c, accountId, w.id(), w.topics());
    }

    boolean delete(Connection c, String accountId, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from webhook where account_id = ? and id = ?")) {
            ps.setString(1, accountId);
            ps.setString(2, id);
            return ps.executeUpdate() == 1;
        }
    }

    /** The webhook, locked for update when {@code lock}. */
    Optional<Webhook> find(Connection c, String accountId, String id, boolean lock) throws SQLException {
        List<Webhook> found = select(c, accountId, " and id = ?" + (lock ? " for update" : ""), id);
        return found.stream().findFirst();
    }

    /** Every webhook of the account, oldest first (an account has a handful; the spec pages none). */
    List<Webhook> all(Connection c, String accountId) throws SQLException {
        return select(c, accountId, " order by created, id", null);
    }

    private List<Webhook> select(Connection c, String accountId, String where, String id) throws SQLException {
        Map<String, Webhook> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from webhook where account_id = ?" + where)) {
            ps.setString(1, accountId);
            if (id != null) ps.setString(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new Webhook(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getBoolean(6), time(rs, 7), time(rs, 8), new ArrayList<>()));
                }
            }
        }
        if (out.isEmpty()) return List.of();
        try (PreparedStatement ps = c.prepareStatement("""
                select webhook_id, topic_id from webhook_subscription where account_id = ? and webhook_id = any (?)
                order by webhook_id, topic_id""")) {
            ps.setString(1, accountId);
            ps.setArray(2, c.createArrayOf("text", out.keySet().toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.get(rs.getString(1)).topics().add(rs.getString(2));
            }
        }
        return out.values().stream().map(w -> new Webhook(w.id(), w.name(), w.description(), w.endpointUrl(), w.secretKey(),
                w.enabled(), w.created(), w.updated(), List.copyOf(w.topics()))).toList();
    }

    private static void subscribe(Connection c, String accountId, String webhookId, List<String> topics) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "insert into webhook_subscription (account_id, webhook_id, topic_id) values (?, ?, ?)")) {
            for (String t : topics) {
                ps.setString(1, accountId);
                ps.setString(2, webhookId);
                ps.setString(3, t);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    static OffsetDateTime time(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant().atOffset(ZoneOffset.UTC);
    }
}
