package dev.openprofile.pushtokens;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.jsonapi.filter.SqlFragment;
import dev.openprofile.store.Keyset;
import dev.openprofile.store.PagedQuery;
import dev.openprofile.store.Statements;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL for the push_token table. */
final class PushTokenStore {
    private static final String COLUMNS = "t.id, t.token, t.profile_id, t.platform, t.vendor, t.enablement_status, "
            + "t.background, t.metadata::text, t.created, t.recorded_date";

    record Row(PushToken token, String sortKey) {}

    /**
     * Registers a token: a new value gets {@code id} and {@code now} as created; a known value keeps its id and
     * created and takes everything else from this registration, its profile included.
     */
    PushToken upsert(Connection c, String accountId, String id, String profileId, PushTokenInput.Registration r,
                     OffsetDateTime now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into push_token as t (account_id, id, token, profile_id, platform, vendor, enablement_status,
                                             background, metadata, created, recorded_date)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)
                on conflict (account_id, token) do update set profile_id = excluded.profile_id,
                    platform = excluded.platform, vendor = excluded.vendor,
                    enablement_status = excluded.enablement_status, background = excluded.background,
                    metadata = excluded.metadata, recorded_date = excluded.recorded_date
                returning\s""" + COLUMNS)) {
            ps.setString(1, accountId);
            ps.setString(2, id);
            ps.setString(3, r.token());
            ps.setString(4, profileId);
            ps.setString(5, r.platform());
            ps.setString(6, r.vendor());
            ps.setString(7, r.enablementStatus());
            ps.setString(8, r.background());
            ps.setString(9, r.metadata() == null ? null : r.metadata().toString());
            ps.setObject(10, now);
            ps.setObject(11, now);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return map(rs);
            }
        }
    }

    /**
     * A token by its id or, failing that, by its value: the spec describes the path id as "the value of
     * the push token" (docs/compatibility.md).
     */
    Optional<PushToken> find(Connection c, String accountId, String idOrToken) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from push_token t where t.account_id = ? "
                + "and (t.id = ? or t.token = ?) order by t.id = ? desc limit 1")) {
            ps.setString(1, accountId);
            for (int i = 2; i <= 4; i++) ps.setString(i, idOrToken);
            return rows(ps).stream().findFirst();
        }
    }

    List<Row> list(Connection c, String accountId, SqlFragment filter, Keyset keyset, Keyset.Position at, int limit)
            throws SQLException {
        return PagedQuery.fetch(c, COLUMNS, "push_token t where t.account_id = ?", List.of(accountId), filter, keyset, at,
                limit, (rs, key) -> new Row(map(rs), key));
    }

    /** Every token of these profiles, in id order. */
    List<PushToken> ofProfiles(Connection c, String accountId, List<String> profileIds) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from push_token t "
                + "where t.account_id = ? and t.profile_id = any(?) order by t.id")) {
            ps.setString(1, accountId);
            ps.setArray(2, c.createArrayOf("text", profileIds.toArray()));
            return rows(ps);
        }
    }

    boolean delete(Connection c, String accountId, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from push_token where account_id = ? and id = ?")) {
            ps.setString(1, accountId);
            ps.setString(2, id);
            return ps.executeUpdate() == 1;
        }
    }

    /** Deletes the tokens with these values that this profile holds; another profile's are left alone. */
    int deleteOfProfile(Connection c, String accountId, String profileId, List<String> tokens) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "delete from push_token where account_id = ? and profile_id = ? and token = any(?)")) {
            ps.setString(1, accountId);
            ps.setString(2, profileId);
            ps.setArray(3, c.createArrayOf("text", tokens.toArray()));
            return ps.executeUpdate();
        }
    }

    /** Merge: the source's tokens become the destination's (a token value is unique, so none can clash). */
    int move(Connection c, String accountId, String sourceId, String destinationId) throws SQLException {
        return Statements.update(c, "update push_token set profile_id = ? where account_id = ? and profile_id = ?",
                destinationId, accountId, sourceId);
    }

    int deleteOfProfiles(Connection c, String accountId, List<String> profileIds) throws SQLException {
        return Statements.update(c, "delete from push_token where account_id = ? and profile_id = any(?)", accountId, profileIds);
    }

    private static List<PushToken> rows(PreparedStatement ps) throws SQLException {
        List<PushToken> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) out.add(map(rs));
        }
        return out;
    }

    private static PushToken map(ResultSet rs) throws SQLException {
        String metadata = rs.getString(8);
        try {
            return new PushToken(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                    rs.getString(6), rs.getString(7), metadata == null ? null : (ObjectNode) Json.MAPPER.readTree(metadata),
                    rs.getObject(9, OffsetDateTime.class), rs.getObject(10, OffsetDateTime.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored metadata is JSON", e);
        }
    }
}
