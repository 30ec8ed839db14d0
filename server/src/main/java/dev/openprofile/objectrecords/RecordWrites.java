package dev.openprofile.objectrecords;

import dev.openprofile.store.Statements;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * SQL that writes a chunk of ingested records at once: one statement per table, whatever the number of records
 * (arrays unnested), so that a bulk job's chunk costs a handful of round trips. The records of one call have
 * distinct (type, record id) keys: {@link Ingestion} writes repeats in later rounds. Rows are written in key order,
 * so that concurrent chunks lock shared records in one order; a stored record that a later-accepted data source
 * record wrote is kept, and so are the links its replacing relationships made; additive relationships only ever add,
 * whatever the order, so their links are added either way (as they would have been, run in acceptance order).
 */
final class RecordWrites {
    private RecordWrites() {}

    /**
     * A record's write, the profile ids its profile links resolved to, and the number its data source record got
     * when accepted.
     */
    record Write(TypeOutcome outcome, List<ResolvedProfileLink> profileLinks, long accepted) {}

    record ResolvedProfileLink(String relationshipId, boolean additive, String profileId) {}

    static void write(Connection c, String accountId, List<Write> writes, OffsetDateTime now) throws SQLException {
        if (writes.isEmpty()) return;
        List<String> types = new ArrayList<>();
        List<String> records = new ArrayList<>();
        List<String> properties = new ArrayList<>();
        List<Long> accepted = new ArrayList<>();
        for (Write w : writes) {
            types.add(w.outcome().objectTypeId());
            records.add(w.outcome().recordId());
            properties.add(w.outcome().properties().toString());
            accepted.add(w.accepted());
        }
        // Full replace of the properties ("include the complete object"); created stays. A conflicting row is locked
        // whether or not the guard lets the update through.
        java.util.Set<String> written = new java.util.HashSet<>();
        try (var ps = c.prepareStatement("""
                insert into object_record (account_id, object_type_id, record_id, properties, created, updated, accepted)
                select ?, t, r, p::jsonb, ?, ?, a from unnest(?::text[], ?::text[], ?::text[], ?::bigint[]) as u(t, r, p, a)
                order by t, r
                on conflict (account_id, object_type_id, record_id)
                do update set properties = excluded.properties, updated = excluded.updated, accepted = excluded.accepted
                where object_record.accepted < excluded.accepted
                returning object_type_id, record_id""")) {
            ps.setString(1, accountId);
            ps.setObject(2, now);
            ps.setObject(3, now);
            ps.setArray(4, c.createArrayOf("text", types.toArray()));
            ps.setArray(5, c.createArrayOf("text", records.toArray()));
            ps.setArray(6, c.createArrayOf("text", properties.toArray()));
            ps.setArray(7, c.createArrayOf("bigint", accepted.toArray()));
            try (var rs = ps.executeQuery()) {
                while (rs.next()) written.add(ObjectRecordIds.compound(rs.getString(1), rs.getString(2)));
            }
        }
        profileLinks(c, accountId, writes, written);
        objectLinks(c, accountId, writes, written);
    }

    /** @param written the records this write changed (compound ids): only they get their replacing links */
    private static void profileLinks(Connection c, String accountId, List<Write> writes, java.util.Set<String> written)
            throws SQLException {
        Columns replaced = new Columns(3);
        Columns added = new Columns(4);
        for (Write w : writes) {
            TypeOutcome o = w.outcome();
            boolean changed = written.contains(o.compoundId());
            for (TypeOutcome.Link l : o.links()) {
                if (changed && l instanceof TypeOutcome.ProfileLink && !l.additive()) replaced.add(o.objectTypeId(), o.recordId(), l.relationshipId());
            }
            for (ResolvedProfileLink l : w.profileLinks()) {
                if (changed || l.additive()) added.add(o.objectTypeId(), o.recordId(), l.relationshipId(), l.profileId());
            }
        }
        dropReplaced(c, "object_record_profile", accountId, replaced);
        if (!added.isEmpty()) {
            Statements.update(c, """
                    insert into object_record_profile (account_id, object_type_id, record_id, relationship_id, profile_id)
                    select ?, t, r, rel, p from unnest(?::text[], ?::text[], ?::text[], ?::text[]) as u(t, r, rel, p)
                    on conflict do nothing""", accountId, added.get(0), added.get(1), added.get(2), added.get(3));
        }
    }

    private static void objectLinks(Connection c, String accountId, List<Write> writes, java.util.Set<String> written)
            throws SQLException {
        Columns replaced = new Columns(3);
        Columns added = new Columns(5);
        for (Write w : writes) {
            TypeOutcome o = w.outcome();
            boolean changed = written.contains(o.compoundId());
            for (TypeOutcome.Link l : o.links()) {
                if (!(l instanceof TypeOutcome.ObjectLink link) || !(changed || link.additive())) continue;
                if (!link.additive()) replaced.add(o.objectTypeId(), o.recordId(), link.relationshipId());
                for (String related : link.recordIds()) {
                    added.add(o.objectTypeId(), o.recordId(), link.relationshipId(), link.relatedTypeId(), related);
                }
            }
        }
        dropReplaced(c, "object_record_link", accountId, replaced);
        if (!added.isEmpty()) {
            Statements.update(c, """
                    insert into object_record_link (account_id, object_type_id, record_id, relationship_id,
                      related_object_type_id, related_record_id)
                    select ?, t, r, rel, rt, rr from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                      as u(t, r, rel, rt, rr)
                    on conflict do nothing""",
                    accountId, added.get(0), added.get(1), added.get(2), added.get(3), added.get(4));
        }
    }

    /** Drops the links of the (type, record, relationship) triples a replacing relationship renews. */
    private static void dropReplaced(Connection c, String table, String accountId, Columns replaced) throws SQLException {
        if (replaced.isEmpty()) return;
        Statements.update(c, "delete from " + table + " l using unnest(?::text[], ?::text[], ?::text[]) as u(t, r, rel)"
                        + " where l.account_id = ? and l.object_type_id = u.t and l.record_id = u.r and l.relationship_id = u.rel",
                replaced.get(0), replaced.get(1), replaced.get(2), accountId);
    }

    /** Parallel text columns, one array parameter each. */
    static final class Columns {
        private final List<List<String>> columns = new ArrayList<>();

        Columns(int n) {
            for (int i = 0; i < n; i++) columns.add(new ArrayList<>());
        }

        void add(String... values) {
            for (int i = 0; i < values.length; i++) columns.get(i).add(values[i]);
        }

        List<String> get(int i) {
            return columns.get(i);
        }

        boolean isEmpty() {
            return columns.get(0).isEmpty();
        }
    }
}
