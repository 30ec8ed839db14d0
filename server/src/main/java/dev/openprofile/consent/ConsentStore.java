package dev.openprofile.consent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.jsonapi.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * SQL for profiles' consent. A state is stored as its document in {@code profile_consent} (channels
 * and pending opt-ins) and its suppressions as rows of {@code profile_suppression} and
 * {@code profile_list_suppression}, which get_profiles filters and sorts on: each fact lives once.
 */
final class ConsentStore {
    static final String CONSENT_TABLE = "profile_consent";
    static final String SUPPRESSION_TABLE = "profile_suppression";
    static final String LIST_SUPPRESSION_TABLE = "profile_list_suppression";

    /** Locks one profile's consent for the caller's transaction (creating its row), and returns it. */
    ConsentState lock(Connection c, String accountId, String profileId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into profile_consent (account_id, profile_id, state) values (?, ?, ?::jsonb)
                on conflict do nothing""")) {
            ps.setString(1, accountId);
            ps.setString(2, profileId);
            ps.setString(3, document(ConsentState.EMPTY));
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "select 1 from profile_consent where account_id = ? and profile_id = ? for update")) {
            ps.setString(1, accountId);
            ps.setString(2, profileId);
            ps.executeQuery().close();
        }
        return load(c, accountId, List.of(profileId)).getOrDefault(profileId, ConsentState.EMPTY);
    }

    /** The states of these profiles; a profile never touched is absent (its state is EMPTY). */
    Map<String, ConsentState> load(Connection c, String accountId, List<String> profileIds) throws SQLException {
        Map<String, ObjectNode> docs = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "select profile_id, state::text from profile_consent where account_id = ? and profile_id = any(?)")) {
            ps.setString(1, accountId);
            ps.setArray(2, c.createArrayOf("text", profileIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) docs.put(rs.getString(1), (ObjectNode) Json.MAPPER.readTree(rs.getString(2)));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("stored consent is JSON", e);
            }
        }
        if (docs.isEmpty()) return Map.of();
        rows(c, "select profile_id, reason, suppressed_at from " + SUPPRESSION_TABLE, accountId, docs, (rs, doc) ->
                doc.withArray("suppressions").addObject().put("reason", rs.getString(2))
                        .put("timestamp", rs.getObject(3, OffsetDateTime.class).toString()));
        rows(c, "select profile_id, reason, suppressed_at, list_id from " + LIST_SUPPRESSION_TABLE, accountId, docs,
                (rs, doc) -> doc.withArray("list_suppressions").addObject().put("list_id", rs.getString(4))
                        .put("reason", rs.getString(2)).put("timestamp", rs.getObject(3, OffsetDateTime.class).toString()));
        Map<String, ConsentState> out = new HashMap<>();
        docs.forEach((id, doc) -> out.put(id, ConsentStateJson.fromJson(doc)));
        return out;
    }

    private interface RowInto {
        void accept(ResultSet rs, ObjectNode doc) throws SQLException;
    }

    private static void rows(Connection c, String select, String accountId, Map<String, ObjectNode> docs, RowInto into)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(select + " where account_id = ? and profile_id = any(?) order by 1, 3")) {
            ps.setString(1, accountId);
            ps.setArray(2, c.createArrayOf("text", docs.keySet().toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) into.accept(rs, docs.get(rs.getString(1)));
            }
        }
    }

    /** Writes a profile's new state (its row must be locked by {@link #lock}) and the history of the change. */
    void save(Connection c, String accountId, String profileId, ConsentState state, List<ConsentChange> history,
              String jobId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "update profile_consent set state = ?::jsonb where account_id = ? and profile_id = ?")) {
            ps.setString(1, document(state));
            ps.setString(2, accountId);
            ps.setString(3, profileId);
            ps.executeUpdate();
        }
        for (String table : List.of(SUPPRESSION_TABLE, LIST_SUPPRESSION_TABLE)) {
            try (PreparedStatement ps = c.prepareStatement("delete from " + table + " where account_id = ? and profile_id = ?")) {
                ps.setString(1, accountId);
                ps.setString(2, profileId);
                ps.executeUpdate();
            }
        }
        try (PreparedStatement ps = c.prepareStatement("insert into " + SUPPRESSION_TABLE
                + " (account_id, profile_id, reason, suppressed_at) values (?, ?, ?, ?)")) {
            for (Suppression s : state.suppressions()) {
                ps.setString(1, accountId);
                ps.setString(2, profileId);
                ps.setString(3, s.reason().name());
                ps.setObject(4, s.timestamp());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("insert into " + LIST_SUPPRESSION_TABLE
                + " (account_id, profile_id, list_id, reason, suppressed_at) values (?, ?, ?, ?, ?)")) {
            for (ListSuppression s : state.listSuppressions()) {
                ps.setString(1, accountId);
                ps.setString(2, profileId);
                ps.setString(3, s.listId());
                ps.setString(4, s.reason().name());
                ps.setObject(5, s.timestamp());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("""
                insert into consent_history (account_id, profile_id, subject, from_value, to_value, method, method_detail,
                  actor, job_id, changed_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            for (ConsentChange h : history) {
                ps.setString(1, accountId);
                ps.setString(2, profileId);
                ps.setString(3, h.subject());
                ps.setString(4, h.from());
                ps.setString(5, h.to());
                ps.setString(6, h.method());
                ps.setString(7, h.methodDetail());
                ps.setString(8, h.actor());
                ps.setString(9, jobId);
                ps.setObject(10, h.at());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** A profile's consent history, oldest first. */
    List<ConsentChange> history(Connection c, String accountId, String profileId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                select subject, from_value, to_value, method, method_detail, actor, changed_at from consent_history
                where account_id = ? and profile_id = ? order by seq""")) {
            ps.setString(1, accountId);
            ps.setString(2, profileId);
            List<ConsentChange> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ConsentChange(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getObject(7, OffsetDateTime.class)));
                }
            }
            return out;
        }
    }

    /** The document without its suppressions, which are rows of their own. */
    private static String document(ConsentState state) {
        ObjectNode doc = ConsentStateJson.toJson(state);
        doc.putArray("suppressions");
        doc.putArray("list_suppressions");
        return doc.toString();
    }
}
