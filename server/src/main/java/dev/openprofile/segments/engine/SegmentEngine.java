package dev.openprofile.segments.engine;

import dev.openprofile.jsonapi.filter.SqlFragment;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;

/** Evaluates a segment's definition in the database and keeps its stored membership equal to the result. */
public final class SegmentEngine {

    public SegmentEngine() {}

    /**
     * In the caller's transaction: makes the segment's members the profiles the definition selects at
     * {@code now}, in one statement. Members who stay keep their {@code joined_group_at}, new ones get
     * {@code now}, leavers are deleted. Returns the member count.
     */
    public int refresh(Connection c, String accountId, String segmentId, Definition definition, OffsetDateTime now)
            throws SQLException {
        return update(c, accountId, segmentId, definition, now, null);
    }

    /**
     * The same for some profiles only (they changed): each of them joins or leaves as the definition
     * says now, the others are untouched. Returns how many of them are members.
     */
    public int refreshProfiles(Connection c, String accountId, String segmentId, Definition definition,
                               java.util.Collection<String> profileIds, OffsetDateTime now) throws SQLException {
        return update(c, accountId, segmentId, definition, now, profileIds);
    }

    private int update(Connection c, String accountId, String segmentId, Definition definition, OffsetDateTime now,
                       java.util.Collection<String> scope) throws SQLException {
        SqlFragment members = SegmentSql.members(accountId, segmentId, definition, now, scope);
        // The clock CTE stamps the membership history the V40 triggers write with this evaluation's time (the operator's
        // clock), for this transaction; the final select reads it first, so it runs even when nothing is a member.
        try (PreparedStatement ps = c.prepareStatement("with clock as materialized "
                + "(select set_config('openprofile.clock', ?::text, true) as at), m as (" + members.sql() + "), "
                + "gone as (delete from segment_membership s where s.account_id = ? and s.segment_id = ? "
                + (scope == null ? "" : "and s.profile_id = any(?) ")
                + "and s.profile_id not in (select id from m)), "
                + "added as (insert into segment_membership (account_id, segment_id, profile_id, joined_group_at) "
                + "select ?, ?, id, ? from m on conflict do nothing) "
                + "select (select count(*) from m) from clock")) {
            ps.setString(1, now.toString());
            int i = members.bind(ps, 2);
            ps.setString(i++, accountId);
            ps.setString(i++, segmentId);
            if (scope != null) ps.setArray(i++, c.createArrayOf("text", scope.toArray()));
            ps.setString(i++, accountId);
            ps.setString(i++, segmentId);
            ps.setObject(i, now);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** The profile ids the definition selects at {@code now}, without touching stored membership. */
    public java.util.Set<String> members(Connection c, String accountId, String segmentId, Definition definition,
                                         OffsetDateTime now) throws SQLException {
        return members(c, accountId, segmentId, definition, now, null);
    }

    /**
     * The same among {@code scope} only (null: all): the query {@link #refreshProfiles} runs, which must
     * select exactly the full query's members that are in scope.
     */
    public java.util.Set<String> members(Connection c, String accountId, String segmentId, Definition definition,
                                         OffsetDateTime now, java.util.Collection<String> scope) throws SQLException {
        SqlFragment members = SegmentSql.members(accountId, segmentId, definition, now, scope);
        java.util.Set<String> ids = new java.util.HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(members.sql())) {
            members.bind(ps, 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) ids.add(rs.getString(1));
            }
        }
        return ids;
    }
}
