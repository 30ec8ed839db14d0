package dev.openprofile.segments;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.jsonapi.filter.SqlFragment;
import dev.openprofile.store.AdvisoryLock;
import dev.openprofile.store.Keyset;
import dev.openprofile.store.PagedQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * SQL for segments and reads of their members. Every statement filters on account_id. The engine
 * writes segment_membership; this store only reads it.
 */
final class SegmentStore {
    private static final String COLUMNS =
            "s.id, s.name, s.definition::text, s.is_active, s.is_starred, s.is_processing, s.created, s.updated";

    record Row(Segment segment, String sortKey) {}

    boolean insert(Connection c, String accountId, Segment s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into segment (account_id, id, name, definition, is_active, is_starred, is_processing, created, updated)
                values (?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?) on conflict do nothing""")) {
            ps.setString(1, accountId);
            ps.setString(2, s.id());
            bind(ps, 3, s);
            ps.setObject(8, s.created());
            ps.setObject(9, s.updated());
            return ps.executeUpdate() == 1;
        }
    }

    Optional<Segment> find(Connection c, String accountId, String id, boolean forUpdate) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from segment s where s.account_id = ? and s.id = ?"
                + (forUpdate ? " for update" : ""))) {
            ps.setString(1, accountId);
            ps.setString(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    void update(Connection c, String accountId, Segment s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                update segment set name = ?, definition = ?::jsonb, is_active = ?, is_starred = ?, is_processing = ?,
                updated = ? where account_id = ? and id = ?""")) {
            bind(ps, 1, s);
            ps.setObject(6, s.updated());
            ps.setString(7, accountId);
            ps.setString(8, s.id());
            ps.executeUpdate();
        }
    }

    /** Of these ids, those the account has no segment of, in the order given. */
    List<String> unknownIds(Connection c, String accountId, List<String> ids) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select x from unnest(?::text[]) with ordinality u(x, n) where not exists "
                + "(select 1 from segment s where s.account_id = ? and s.id = u.x) order by n")) {
            ps.setArray(1, c.createArrayOf("text", ids.toArray()));
            ps.setString(2, accountId);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1));
            }
            return out;
        }
    }

    /** Deletes the segment; its memberships go with it (on delete cascade), its profiles stay. */
    boolean delete(Connection c, String accountId, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from segment where account_id = ? and id = ?")) {
            ps.setString(1, accountId);
            ps.setString(2, id);
            return ps.executeUpdate() == 1;
        }
    }

    List<Row> list(Connection c, String accountId, SqlFragment filter, Keyset keyset, Keyset.Position at, int limit)
            throws SQLException {
        return PagedQuery.fetch(c, COLUMNS, "segment s where s.account_id = ?", List.of(accountId), filter, keyset, at, limit,
                (rs, key) -> new Row(map(rs), key));
    }

    /** The segments a profile belongs to, by segment id. */
    List<Segment> segmentsOf(Connection c, String accountId, String profileId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from segment_membership m join segment s "
                + "on s.account_id = m.account_id and s.id = m.segment_id where m.account_id = ? and m.profile_id = ? order by s.id")) {
            ps.setString(1, accountId);
            ps.setString(2, profileId);
            List<Segment> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(map(rs));
            }
            return out;
        }
    }

    long memberCount(Connection c, String accountId, String segmentId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select count(*) from segment_membership where account_id = ? and segment_id = ?")) {
            ps.setString(1, accountId);
            ps.setString(2, segmentId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Every member of the segment, by profile id. */
    List<String> memberIds(Connection c, String accountId, String segmentId) throws SQLException {
        return strings(c, "select profile_id from segment_membership where account_id = ? and segment_id = ? order by profile_id",
                accountId, segmentId);
    }

    /** An active segment as maintenance needs it: its definition, and when it was last evaluated in full. */
    record Active(String id, ObjectNode definition, OffsetDateTime updated, OffsetDateTime refreshedAt) {}

    /**
     * Takes the account's recorded changes (segment_pending): the profiles to re-evaluate, deleted here so
     * that they are evaluated once. The caller holds the account's maintenance lock.
     */
    /**
     * Takes the account's recorded changes. The changed profiles are locked (key share, in id order) before their
     * records are deleted: a writer holding a profile (an upsert's FOR UPDATE) whose trigger then records it again
     * would otherwise wait for this transaction's delete while this transaction's membership insert (its foreign
     * key) waits for the writer's profile lock: a deadlock, seen under the operation sweep. Locking first, this
     * transaction waits for the writer to commit and then sees its change.
     */
    List<String> takePending(Connection c, String accountId) throws SQLException {
        List<String> ids = strings(c, "select profile_id from segment_pending where account_id = ?", accountId);
        if (ids.isEmpty()) return ids;
        try (PreparedStatement ps = c.prepareStatement(
                "select id from profile where account_id = ? and id = any(?) order by id for key share")) {
            ps.setString(1, accountId);
            ps.setArray(2, c.createArrayOf("text", ids.toArray()));
            ps.executeQuery().close();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "delete from segment_pending where account_id = ? and profile_id = any(?) returning profile_id")) {
            ps.setString(1, accountId);
            ps.setArray(2, c.createArrayOf("text", ids.toArray()));
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1));
            }
            return out;
        }
    }

    /** Accounts with an active segment, or with recorded changes left from one since deactivated. */
    List<String> accountsToMaintain(Connection c) throws SQLException {
        return strings(c, "select account_id from segment where is_active union select account_id from segment_pending");
    }

    /** Serializes maintenance of one account (transaction-scoped), so that a reader waits for one under way. */
    void lockMaintenance(Connection c, String accountId) throws SQLException {
        AdvisoryLock.take(c, "segments:" + accountId);
    }

    List<Active> active(Connection c, String accountId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select id, definition::text, updated, refreshed_at from segment where account_id = ? and is_active")) {
            ps.setString(1, accountId);
            List<Active> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Active(rs.getString(1), json(rs.getString(2)), rs.getObject(3, OffsetDateTime.class),
                            rs.getObject(4, OffsetDateTime.class)));
                }
            }
            return out;
        }
    }

    void markRefreshed(Connection c, String accountId, String segmentId, OffsetDateTime at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update segment set refreshed_at = ? where account_id = ? and id = ?")) {
            ps.setObject(1, at);
            ps.setString(2, accountId);
            ps.setString(3, segmentId);
            ps.executeUpdate();
        }
    }

    /** The first column of every row a statement with text parameters returns. */
    private static List<String> strings(Connection c, String sql, String... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) ps.setString(i + 1, params[i]);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1));
            }
            return out;
        }
    }

    /** name, definition, is_active, is_starred, is_processing from {@code i}. */
    private static void bind(PreparedStatement ps, int i, Segment s) throws SQLException {
        ps.setString(i, s.name());
        ps.setString(i + 1, s.definition().toString());
        ps.setBoolean(i + 2, s.isActive());
        ps.setBoolean(i + 3, s.isStarred());
        ps.setBoolean(i + 4, s.isProcessing());
    }

    private static ObjectNode json(String text) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored definition is a JSON object", e);
        }
    }

    private static Segment map(ResultSet rs) throws SQLException {
        ObjectNode definition = json(rs.getString(3));
        return new Segment(rs.getString(1), rs.getString(2), definition, rs.getBoolean(4), rs.getBoolean(5),
                rs.getBoolean(6), rs.getObject(7, OffsetDateTime.class), rs.getObject(8, OffsetDateTime.class));
    }
}
