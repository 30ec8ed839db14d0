package dev.openprofile.objectrecords;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.jsonapi.Json;
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

/** SQL that reads object records and ingestion logs. */
final class ObjectRecordQueries {
    static final Keyset RECORDS = new Keyset("r.record_id", "text", "r.record_id", false);
    /** Newest first; entries of one second in a stable order by id. */
    static final Keyset LOGS = new Keyset("l.logged_at", "timestamptz", "l.id", true);

    private ObjectRecordQueries() {}

    record ObjectRecord(String objectTypeId, String recordId, JsonNode properties) {
        String id() {
            return ObjectRecordIds.compound(objectTypeId, recordId);
        }
    }

    record Log(String id, String objectTypeId, String status, String eventType, OffsetDateTime at, String summary,
               JsonNode errors, String recordId) {}

    static Optional<ObjectRecord> find(Connection c, String accountId, String objectTypeId, String recordId) throws SQLException {
        List<ObjectRecord> found = findAll(c, accountId, List.of(ObjectRecordIds.compound(objectTypeId, recordId)));
        return found.stream().findFirst();
    }

    /** The records of these compound ids that exist, in no particular order. */
    static List<ObjectRecord> findAll(Connection c, String accountId, List<String> compoundIds) throws SQLException {
        List<String> types = new ArrayList<>();
        List<String> records = new ArrayList<>();
        for (String id : compoundIds) {
            ObjectRecordIds.parse(id).ifPresent(p -> {
                types.add(p.objectTypeId());
                records.add(p.recordId());
            });
        }
        List<ObjectRecord> out = new ArrayList<>();
        if (types.isEmpty()) return out;
        try (PreparedStatement ps = c.prepareStatement("""
                select r.object_type_id, r.record_id, r.properties::text
                from object_record r join unnest(?::text[], ?::text[]) as u(t, i) on r.object_type_id = u.t and r.record_id = u.i
                where r.account_id = ?""")) {
            ps.setArray(1, c.createArrayOf("text", types.toArray()));
            ps.setArray(2, c.createArrayOf("text", records.toArray()));
            ps.setString(3, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(new ObjectRecord(rs.getString(1), rs.getString(2), Json.stored(rs.getString(3))));
            }
        }
        return out;
    }

    static List<ObjectRecord> page(Connection c, String accountId, String objectTypeId, Keyset.Position at, int limit)
            throws SQLException {
        return PagedQuery.fetch(c, "r.object_type_id, r.record_id, r.properties::text",
                "object_record r where r.account_id = ? and r.object_type_id = ?", List.of(accountId, objectTypeId),
                new SqlFragment("TRUE", List.of()), RECORDS, at, limit,
                (rs, key) -> new ObjectRecord(rs.getString(1), rs.getString(2), Json.stored(rs.getString(3))));
    }

    /** A page of the type's log entries logged since {@code since} (the 14 days shown), newest first. */
    static List<Log> logs(Connection c, String accountId, String objectTypeId, OffsetDateTime since, SqlFragment filter,
                          Keyset.Position at, int limit) throws SQLException {
        return PagedQuery.fetch(c, "l.id, l.object_type_id, l.status, l.event_type, l.logged_at, l.summary, l.errors::text, l.record_id",
                "object_ingestion_log l where l.account_id = ? and l.object_type_id = ? and l.logged_at >= ?",
                List.of(accountId, objectTypeId, since), filter, LOGS, at, limit,
                (rs, key) -> new Log(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5, OffsetDateTime.class), rs.getString(6), Json.stored(rs.getString(7)), rs.getString(8)));
    }
}
