package dev.openprofile.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.jsonapi.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The SQL of the outbox: deliveries and their attempts. */
final class DeliveryStore {
    /** Listeners on this channel hear that deliveries were committed (the NOTIFY is sent at commit). */
    static final String CHANNEL = "openprofile_webhook_deliveries";
    private static final String COLUMNS = "d.account_id, d.id, d.webhook_id, d.topic_id, d.external_id, d.payload::text, "
            + "d.status, d.attempts, d.next_attempt_at, d.created, d.finished, d.note";

    /** The enabled webhooks of the account subscribed to the topic: one probe of webhook_subscription_by_topic. */
    List<String> subscribers(Connection c, String accountId, String topic) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                select s.webhook_id from webhook_subscription s join webhook w on w.account_id = s.account_id and w.id = s.webhook_id
                where s.account_id = ? and s.topic_id = ? and w.enabled""")) {
            ps.setString(1, accountId);
            ps.setString(2, topic);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1));
            }
        }
        return out;
    }

    void insert(Connection c, List<Delivery> deliveries) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into webhook_delivery (account_id, id, webhook_id, topic_id, external_id, payload, status, attempts,
                                              next_attempt_at, created)
                values (?, ?, ?, ?, ?, ?::jsonb, 'pending', 0, ?, ?)""")) {
            for (Delivery d : deliveries) {
                ps.setString(1, d.accountId());
                ps.setString(2, d.id());
                ps.setString(3, d.webhookId());
                ps.setString(4, d.topic());
                ps.setString(5, d.externalId());
                ps.setString(6, d.payload().toString());
                ps.setTimestamp(7, Timestamp.from(d.nextAttemptAt().toInstant()));
                ps.setTimestamp(8, Timestamp.from(d.created().toInstant()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("select pg_notify(?, '')")) {
            ps.setString(1, CHANNEL);
            ps.execute();
        }
    }

    /** A claimed delivery and its webhook as it is now: {@code enabled} null when the webhook was deleted. */
    record Claimed(Delivery delivery, String endpointUrl, String secretKey, Boolean enabled) {}

    /**
     * Claims up to {@code limit} due deliveries of any account, oldest due first, holding each until
     * {@code leaseUntil}, with their webhooks read in the same statement; rows another deliverer is claiming are
     * skipped, and a crashed one's claims come back when their lease ends. Due times are on the server's clock
     * ({@code now}, which the operator may move); leases are on real time ({@code leaseNow}), so moving the clock
     * never ends a lease under a delivery in flight (as the job queue's leases).
     */
    List<Claimed> claim(Connection c, OffsetDateTime now, OffsetDateTime leaseNow, OffsetDateTime leaseUntil, int limit)
            throws SQLException {
        List<Claimed> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                with due as (
                    select account_id, id, webhook_id from webhook_delivery
                    where status = 'pending' and next_attempt_at <= ? and (lease_until is null or lease_until <= ?)
                    order by next_attempt_at, id limit ? for update skip locked)
                update webhook_delivery d set lease_until = ?
                from due left join webhook w on w.account_id = due.account_id and w.id = due.webhook_id
                where d.account_id = due.account_id and d.id = due.id
                returning""" + " " + COLUMNS + ", w.endpoint_url, w.secret_key, w.enabled")) {
            ps.setTimestamp(1, Timestamp.from(now.toInstant()));
            ps.setTimestamp(2, Timestamp.from(leaseNow.toInstant()));
            ps.setInt(3, limit);
            ps.setTimestamp(4, Timestamp.from(leaseUntil.toInstant()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(new Claimed(delivery(rs), rs.getString(13), rs.getString(14), (Boolean) rs.getObject(15)));
            }
        }
        return out;
    }

    /**
     * The deliverer's own transactions (a claim, an attempt's record) commit without waiting for the WAL flush:
     * one lost in a crash only makes a delivery due again (at least once, same event id), while the outbox rows
     * themselves commit durably with the change that made them.
     */
    static void relaxCommit(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("set local synchronous_commit = off")) {
            ps.execute();
        }
    }

    /**
     * Extends the lease of those of a batch's deliveries that are still pending under {@code held} (the lease they
     * were claimed with) to {@code until}, and returns their ids: one whose lease ran out and that another deliverer
     * claimed is not among them, so it is not sent twice by this one.
     */
    java.util.Set<String> renew(Connection c, List<Delivery> batch, OffsetDateTime held, OffsetDateTime until) throws SQLException {
        java.util.Set<String> kept = new java.util.HashSet<>();
        if (batch.isEmpty()) return kept;
        try (PreparedStatement ps = c.prepareStatement("""
                update webhook_delivery set lease_until = ?
                where (account_id, id) in (select * from unnest(?::text[], ?::text[])) and status = 'pending' and lease_until = ?
                returning id""")) {
            ps.setTimestamp(1, Timestamp.from(until.toInstant()));
            ps.setArray(2, c.createArrayOf("text", batch.stream().map(Delivery::accountId).toArray()));
            ps.setArray(3, c.createArrayOf("text", batch.stream().map(Delivery::id).toArray()));
            ps.setTimestamp(4, Timestamp.from(held.toInstant()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) kept.add(rs.getString(1));
            }
        }
        return kept;
    }

    /**
     * Records an attempt and what follows it: delivered, failed for good, or due again at {@code retryAt}
     * (null: no retry). The lease ends either way.
     */
    void recordAttempt(Connection c, Delivery d, Attempt a, OffsetDateTime retryAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into webhook_attempt (account_id, delivery_id, attempt, at, status_code, error, duration_ms)
                values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")) {
            ps.setString(1, d.accountId());
            ps.setString(2, d.id());
            ps.setInt(3, a.number());
            ps.setTimestamp(4, Timestamp.from(a.at().toInstant()));
            ps.setObject(5, a.statusCode());
            ps.setString(6, a.error());
            ps.setLong(7, a.durationMs());
            ps.executeUpdate();
        }
        String status = a.succeeded() ? Delivery.DELIVERED : retryAt == null ? Delivery.FAILED : Delivery.PENDING;
        try (PreparedStatement ps = c.prepareStatement("""
                update webhook_delivery set status = ?, attempts = greatest(attempts, ?), next_attempt_at = coalesce(?, next_attempt_at),
                       lease_until = null, finished = ?, note = ?
                where account_id = ? and id = ? and status = 'pending'""")) {
            ps.setString(1, status);
            ps.setInt(2, a.number());
            ps.setTimestamp(3, retryAt == null ? null : Timestamp.from(retryAt.toInstant()));
            ps.setTimestamp(4, status.equals(Delivery.PENDING) ? null : Timestamp.from(a.at().toInstant()));
            ps.setString(5, status.equals(Delivery.FAILED) ? "no 2xx answer in " + a.number() + " attempts" : null);
            ps.setString(6, d.accountId());
            ps.setString(7, d.id());
            ps.executeUpdate();
        }
    }

    /** Ends a webhook's pending deliveries (it was disabled or deleted), or one delivery's ({@code deliveryId}). */
    void cancelPending(Connection c, String accountId, String webhookId, OffsetDateTime now, String why) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                update webhook_delivery set status = 'cancelled', finished = ?, note = ?, lease_until = null
                where account_id = ? and webhook_id = ? and status = 'pending'""")) {
            ps.setTimestamp(1, Timestamp.from(now.toInstant()));
            ps.setString(2, why);
            ps.setString(3, accountId);
            ps.setString(4, webhookId);
            ps.executeUpdate();
        }
    }

    /** An account's deliveries, newest first, optionally of one webhook and/or in one status. */
    List<Delivery> list(Connection c, String accountId, String webhookId, String status, int limit) throws SQLException {
        List<Delivery> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from webhook_delivery d where d.account_id = ?"
                + " and (?::text is null or d.webhook_id = ?) and (?::text is null or d.status = ?) order by d.id desc limit ?")) {
            ps.setString(1, accountId);
            ps.setString(2, webhookId);
            ps.setString(3, webhookId);
            ps.setString(4, status);
            ps.setString(5, status);
            ps.setInt(6, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(delivery(rs));
            }
        }
        return out;
    }

    Optional<Delivery> find(Connection c, String accountId, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from webhook_delivery d where d.account_id = ? and d.id = ?")) {
            ps.setString(1, accountId);
            ps.setString(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(delivery(rs)) : Optional.empty();
            }
        }
    }

    List<Attempt> attempts(Connection c, String accountId, String deliveryId) throws SQLException {
        List<Attempt> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                select attempt, at, status_code, error, duration_ms from webhook_attempt
                where account_id = ? and delivery_id = ? order by attempt""")) {
            ps.setString(1, accountId);
            ps.setString(2, deliveryId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Attempt(rs.getInt(1), WebhookStore.time(rs, 2), (Integer) rs.getObject(3), rs.getString(4),
                            rs.getLong(5)));
                }
            }
        }
        return out;
    }

    private static Delivery delivery(ResultSet rs) throws SQLException {
        return new Delivery(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                parse(rs.getString(6)), rs.getString(7), rs.getInt(8), WebhookStore.time(rs, 9), WebhookStore.time(rs, 10),
                WebhookStore.time(rs, 11), rs.getString(12));
    }

    private static JsonNode parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
