package dev.openprofile.lists;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * SQL for list memberships. The list rows themselves are the resource kit's ({@link ListKind}). Every
 * statement filters on account_id.
 */
final class ListStore {

    /**
     * Share-locks the list for a membership change: a concurrent delete waits, concurrent adds do not
     * (a FOR UPDATE lock made eight parallel add calls run one at a time).
     */
    boolean lockShared(Connection c, String accountId, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select 1 from list where account_id = ? and id = ? for share")) {
            ps.setString(1, accountId);
            ps.setString(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The ids of the lists a profile belongs to, in id order. */
    List<String> listIdsOf(Connection c, String accountId, String profileId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select list_id from list_membership where account_id = ? and profile_id = ? order by list_id")) {
            ps.setString(1, accountId);
            ps.setString(2, profileId);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1));
            }
            return out;
        }
    }

    long memberCount(Connection c, String accountId, String listId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select count(*) from list_membership where account_id = ? and list_id = ?")) {
            ps.setString(1, accountId);
            ps.setString(2, listId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Adds members in one statement; a profile already on the list keeps its first joined_group_at. */
    void addMembers(Connection c, String accountId, String listId, List<String> profileIds, OffsetDateTime now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into list_membership (account_id, list_id, profile_id, joined_group_at)
                select ?, ?, unnest(?::text[]), ? on conflict do nothing""")) {
            ps.setString(1, accountId);
            ps.setString(2, listId);
            ps.setArray(3, c.createArrayOf("text", profileIds.toArray()));
            ps.setObject(4, now);
            ps.executeUpdate();
        }
    }

    /** The list's members among {@code candidates}, or all of its members when that is null. */
    List<String> memberIds(Connection c, String accountId, String listId, List<String> candidates) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select profile_id from list_membership where account_id = ? "
                + "and list_id = ?" + (candidates == null ? "" : " and profile_id = any(?)") + " order by profile_id")) {
            ps.setString(1, accountId);
            ps.setString(2, listId);
            if (candidates != null) ps.setArray(3, c.createArrayOf("text", candidates.toArray()));
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1));
            }
            return out;
        }
    }

    void removeMembers(Connection c, String accountId, String listId, List<String> profileIds) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "delete from list_membership where account_id = ? and list_id = ? and profile_id = any(?)")) {
            ps.setString(1, accountId);
            ps.setString(2, listId);
            ps.setArray(3, c.createArrayOf("text", profileIds.toArray()));
            ps.executeUpdate();
        }
    }
}
