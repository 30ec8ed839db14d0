package dev.openprofile.lists;

import dev.openprofile.jsonapi.filter.SqlFragment;
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

/** SQL for lists and list memberships. Every statement filters on account_id. */
final class ListStore {
    private static final String COLUMNS = "l.id, l.name, l.opt_in_process, l.created, l.updated";

    record Row(StaticList list, String sortKey) {}

    boolean insert(Connection c, String accountId, StaticList l) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into list (account_id, id, name, opt_in_process, created, updated) values (?, ?, ?, ?, ?, ?)
                on conflict do nothing""")) {
            ps.setString(1, accountId);
            ps.setString(2, l.id());
            ps.setString(3, l.name());
            ps.setString(4, l.optInProcess());
            ps.setObject(5, l.created());
            ps.setObject(6, l.updated());
            return ps.executeUpdate() == 1;
        }
    }

    Optional<StaticList> find(Connection c, String accountId, String id, boolean forUpdate) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from list l where l.account_id = ? and l.id = ?"
                + (forUpdate ? " for update" : ""))) {
            ps.setString(1, accountId);
            ps.setString(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

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

    void update(Connection c, String accountId, StaticList l) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "update list set name = ?, opt_in_process = ?, updated = ? where account_id = ? and id = ?")) {
            ps.setString(1, l.name());
            ps.setString(2, l.optInProcess());
            ps.setObject(3, l.updated());
            ps.setString(4, accountId);
            ps.setString(5, l.id());
            ps.executeUpdate();
        }
    }

    /** Deletes the list; its memberships go with it (on delete cascade), its profiles stay. */
    boolean delete(Connection c, String accountId, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from list where account_id = ? and id = ?")) {
            ps.setString(1, accountId);
            ps.setString(2, id);
            return ps.executeUpdate() == 1;
        }
    }

    List<Row> list(Connection c, String accountId, SqlFragment filter, Keyset keyset, Keyset.Position at, int limit)
            throws SQLException {
        return PagedQuery.fetch(c, COLUMNS, "list l where l.account_id = ?", List.of(accountId), filter, keyset, at, limit,
                (rs, key) -> new Row(map(rs), key));
    }

    /** The lists a profile belongs to, by list id. */
    List<StaticList> listsOf(Connection c, String accountId, String profileId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from list_membership m join list l "
                + "on l.account_id = m.account_id and l.id = m.list_id where m.account_id = ? and m.profile_id = ? order by l.id")) {
            ps.setString(1, accountId);
            ps.setString(2, profileId);
            List<StaticList> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(map(rs));
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

    private static StaticList map(ResultSet rs) throws SQLException {
        return new StaticList(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getObject(4, OffsetDateTime.class), rs.getObject(5, OffsetDateTime.class));
    }
}
