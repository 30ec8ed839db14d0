package dev.openprofile.profiles;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.jsonapi.filter.SqlFragment;
import dev.openprofile.store.CopyText;
import dev.openprofile.store.Keyset;
import dev.openprofile.store.PagedQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL for the profile table. Every statement filters on account_id. */
final class ProfileStore {
    static final String COLUMNS = "p.id, p.email, p.phone_number, p.external_id, p.kx, p.first_name, p.last_name, "
            + "p.organization, p.locale, p.title, p.image, p.location, p.properties, p.created, p.updated, p.last_event_date, "
            + "p.version";

    /** A row and the text of its sort key, for keyset cursors. */
    record Row(Profile profile, String sortKey) {}

    record MemberRow(ProfileService.Member member, String sortKey) {}

    Optional<Profile> find(Connection c, String accountId, String id, boolean forUpdate) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from profile p where p.account_id = ? and p.id = ?"
                + (forUpdate ? " for update" : ""))) {
            ps.setString(1, accountId);
            ps.setString(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    /** Every profile holding any of the given identifiers; locked for the caller's transaction when asked. */
    List<Profile> findByIdentifiers(Connection c, String accountId, String email, String phone, String externalId,
                                    boolean forUpdate) throws SQLException {
        // Only the identifiers given: one index lookup each, no OR over absent ones (a BitmapOr of
        // three index scans where one would do, on the hottest read of every upsert and event).
        List<String> conditions = new ArrayList<>();
        List<String> values = new ArrayList<>();
        if (email != null) { conditions.add("p.email_key = lower(?)"); values.add(email); }
        if (phone != null) { conditions.add("p.phone_number = ?"); values.add(phone); }
        if (externalId != null) { conditions.add("p.external_id = ?"); values.add(externalId); }
        if (conditions.isEmpty()) return List.of();
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from profile p where p.account_id = ? and ("
                + String.join(" or ", conditions) + ")" + (forUpdate ? " for update" : ""))) {
            ps.setString(1, accountId);
            for (int i = 0; i < values.size(); i++) ps.setString(i + 2, values.get(i));
            List<Profile> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(map(rs));
            }
            return out;
        }
    }

    private volatile boolean hasStatistics;

    /**
     * Makes sure the planner has statistics for profile before a chunk's locking read. Without them (a
     * new database, until autovacuum's first ANALYZE up to a minute later) it expects 250 emails to
     * match most of the table and reads every profile of the account for each chunk, so that an
     * account's first import slows down as it grows. Checked until found, then never again.
     */
    void ensureStatistics(Connection c) throws SQLException {
        if (hasStatistics) return;
        try (var st = c.createStatement(); ResultSet rs = st.executeQuery("""
                select exists (select 1 from pg_stats where schemaname = current_schema() and tablename = 'profile'
                                 and attname = 'email_key'),
                       exists (select 1 from profile)""")) {
            rs.next();
            if (rs.getBoolean(1)) {
                hasStatistics = true;
            } else if (rs.getBoolean(2)) {
                st.execute("analyze profile");
            }
        }
    }

    /**
     * Locks every profile a bulk chunk names, in id order (so that concurrent chunks cannot deadlock),
     * in one statement.
     */
    List<Profile> lockAll(Connection c, String accountId, java.util.Set<String> ids, java.util.Set<String> emailKeys,
                          java.util.Set<String> phones, java.util.Set<String> externalIds) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from profile p where p.account_id = ? and ("
                + "p.id = any(?) or p.email_key = any(?) or p.phone_number = any(?) or p.external_id = any(?)) "
                + "order by p.id for update")) {
            // A plan cached while the account was small scans every profile; plan each chunk afresh.
            ps.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(0);
            ps.setString(1, accountId);
            ps.setArray(2, c.createArrayOf("text", ids.toArray()));
            ps.setArray(3, c.createArrayOf("text", emailKeys.toArray()));
            ps.setArray(4, c.createArrayOf("text", phones.toArray()));
            ps.setArray(5, c.createArrayOf("text", externalIds.toArray()));
            List<Profile> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(map(rs));
            }
            return out;
        }
    }

    private static final String COPY = "copy profile (account_id, id, email, phone_number, external_id, kx, first_name, "
            + "last_name, organization, locale, title, image, location, properties, created, updated, last_event_date) "
            + "from stdin";

    /**
     * Inserts many with one COPY, the fastest way into PostgreSQL (docs/benchmarks.md, bulk import). A
     * profile whose identifier another transaction took since the caller's locking read fails the whole
     * COPY with a unique violation (SQLState 23505): the caller rolls back and goes one by one.
     */
    void insertAll(Connection c, String accountId, List<Profile> profiles) throws SQLException {
        if (profiles.isEmpty()) return;
        StringBuilder rows = new StringBuilder(profiles.size() * 256);
        for (Profile p : profiles) {
            CopyText.row(rows, accountId, p.id(), p.email(), p.phoneNumber(), p.externalId(), p.kx(), p.firstName(),
                    p.lastName(), p.organization(), p.locale(), p.title(), p.image(), json(p.location()),
                    json(p.properties()), CopyText.timestamp(p.created()), CopyText.timestamp(p.updated()),
                    CopyText.timestamp(p.lastEventDate()));
        }
        try {
            c.unwrap(org.postgresql.PGConnection.class).getCopyAPI().copyIn(COPY, new java.io.StringReader(rows.toString()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Compare-and-set updates in one batch; false when any row moved since it was read. */
    boolean updateAll(Connection c, String accountId, List<Profile> profiles) throws SQLException {
        if (profiles.isEmpty()) return true;
        try (PreparedStatement ps = c.prepareStatement(UPDATE)) {
            for (Profile p : profiles) {
                int i = bindValues(ps, 1, p);
                ps.setString(i++, accountId);
                ps.setString(i++, p.id());
                ps.setLong(i, p.version());
                ps.addBatch();
            }
            return java.util.Arrays.stream(ps.executeBatch()).allMatch(n -> n == 1);
        }
    }

    /** Inserts unless a unique identifier is already taken (a concurrent insert won): then returns false. */
    boolean insert(Connection c, String accountId, Profile p) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into profile (account_id, id, email, phone_number, external_id, kx, first_name, last_name,
                  organization, locale, title, image, location, properties, created, updated, last_event_date)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?)
                on conflict do nothing""")) {
            ps.setString(1, accountId);
            ps.setString(2, p.id());
            bindValues(ps, 3, p);
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * Writes {@code p} over the row if the row is still at {@code p.version()} (compare and set), and
     * returns whether it was; the stored version becomes one higher.
     */
    private static final String UPDATE = """
            update profile set email = ?, phone_number = ?, external_id = ?, kx = ?, first_name = ?, last_name = ?,
              organization = ?, locale = ?, title = ?, image = ?, location = ?::jsonb, properties = ?::jsonb,
              created = ?, updated = ?, last_event_date = ?, version = version + 1
            where account_id = ? and id = ? and version = ?""";

    boolean update(Connection c, String accountId, Profile p) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(UPDATE)) {
            int i = bindValues(ps, 1, p);
            ps.setString(i++, accountId);
            ps.setString(i++, p.id());
            ps.setLong(i, p.version());
            return ps.executeUpdate() == 1;
        }
    }

    /** The profile that holds an identifier value, if any (used to name the other side of a conflict). */
    Optional<String> ownerOf(Connection c, String accountId, ProfileField field, String value) throws SQLException {
        String column = field == ProfileField.EMAIL ? "email_key" : field.column;
        String arg = field == ProfileField.EMAIL ? "lower(?)" : "?";
        try (PreparedStatement ps = c.prepareStatement(
                "select id from profile where account_id = ? and " + column + " = " + arg)) {
            ps.setString(1, accountId);
            ps.setString(2, value);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    List<Row> list(Connection c, String accountId, SqlFragment filter, Keyset keyset, Keyset.Position at, int limit)
            throws SQLException {
        return PagedQuery.fetch(c, COLUMNS, "profile p where p.account_id = ?", List.of(accountId), filter, keyset, at,
                limit, (rs, key) -> new Row(map(rs), key));
    }

    List<MemberRow> members(Connection c, String accountId, ProfileService.Membership g, String groupId,
                            SqlFragment filter, Keyset keyset, Keyset.Position at, int limit) throws SQLException {
        String from = g.table() + " m join profile p on p.account_id = m.account_id and p.id = m." + g.memberColumn()
                + " where m.account_id = ? and m." + g.groupColumn() + " = ?";
        return PagedQuery.fetch(c, COLUMNS + ", m." + g.joinedColumn(), from, List.of(accountId, groupId), filter, keyset,
                at, limit, (rs, key) -> new MemberRow(new ProfileService.Member(map(rs), rs.getObject(18, OffsetDateTime.class)), key));
    }

    java.util.Set<String> existingIds(Connection c, String accountId, List<String> ids) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select id from profile where account_id = ? and id = any(?)")) {
            ps.setString(1, accountId);
            ps.setArray(2, c.createArrayOf("text", ids.toArray()));
            java.util.Set<String> out = new java.util.HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1));
            }
            return out;
        }
    }

    /**
     * The ids of the profiles one identifier names (an email case-insensitively, as identity matching does),
     * locked for the caller's transaction in id order, at most {@code limit}.
     */
    List<String> lockMatching(Connection c, String accountId, Identifier identifier, String value, int limit)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select id from profile where account_id = ? and " + identifier.condition()
                + " order by id limit ? for update")) {
            ps.setString(1, accountId);
            ps.setString(2, value);
            ps.setInt(3, limit);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1));
            }
            return out;
        }
    }

    /** Deletes profile rows (a merge's source, a data-privacy deletion), once every feature has let go of them. */
    int delete(Connection c, String accountId, List<String> ids) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from profile where account_id = ? and id = any(?)")) {
            ps.setString(1, accountId);
            ps.setArray(2, c.createArrayOf("text", ids.toArray()));
            return ps.executeUpdate();
        }
    }

    private static int bindValues(PreparedStatement ps, int i, Profile p) throws SQLException {
        ps.setString(i++, p.email());
        ps.setString(i++, p.phoneNumber());
        ps.setString(i++, p.externalId());
        ps.setString(i++, p.kx());
        ps.setString(i++, p.firstName());
        ps.setString(i++, p.lastName());
        ps.setString(i++, p.organization());
        ps.setString(i++, p.locale());
        ps.setString(i++, p.title());
        ps.setString(i++, p.image());
        ps.setString(i++, json(p.location()));
        ps.setString(i++, json(p.properties()));
        ps.setObject(i++, p.created());
        ps.setObject(i++, p.updated());
        if (p.lastEventDate() == null) ps.setNull(i++, Types.TIMESTAMP_WITH_TIMEZONE);
        else ps.setObject(i++, p.lastEventDate());
        return i;
    }

    private static Profile map(ResultSet rs) throws SQLException {
        return new Profile(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
                object(rs.getString(12)), object(rs.getString(13)),
                rs.getObject(14, OffsetDateTime.class), rs.getObject(15, OffsetDateTime.class),
                rs.getObject(16, OffsetDateTime.class), rs.getLong(17));
    }

    private static String json(ObjectNode node) {
        try {
            return Json.MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode object(String json) {
        if (json == null) return Json.MAPPER.createObjectNode();
        try {
            return (ObjectNode) Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is always an object", e);
        }
    }
}
