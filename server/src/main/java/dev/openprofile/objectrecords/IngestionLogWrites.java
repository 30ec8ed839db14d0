package dev.openprofile.objectrecords;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.store.Statements;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The ingestion log entries of rejected records, one statement per chunk. A record is written to every object type its
 * source feeds or to none: each type whose rules it breaks logs them; a type it suits logs that it was left out for
 * another's sake (no structured errors: the spec's "see summary in that case").
 */
final class IngestionLogWrites {
    private IngestionLogWrites() {}

    static void insert(Connection c, String accountId, List<List<TypeOutcome>> rejected, OffsetDateTime now) throws SQLException {
        RecordWrites.Columns rows = new RecordWrites.Columns(5);
        for (List<TypeOutcome> record : rejected) {
            for (TypeOutcome o : record) {
                String who = o.recordId() == null ? "unknown record" : o.recordId();
                String summary;
                if (o.valid()) {
                    String other = record.stream().filter(x -> !x.valid()).findFirst().orElseThrow().objectTypeId();
                    summary = who + " was not ingested: it is invalid for object type " + other + ", which its data"
                            + " source also feeds";
                } else {
                    int n = o.failures().size();
                    summary = n + " validation error" + (n == 1 ? "" : "s") + " for " + who;
                }
                rows.add(o.objectTypeId(), UUID.randomUUID().toString(), summary, errors(o).toString(), o.recordId());
            }
        }
        if (rows.isEmpty()) return;
        Statements.update(c, """
                insert into object_ingestion_log (account_id, object_type_id, id, status, event_type, logged_at, summary,
                  errors, record_id)
                select ?, t, i, 'error', 'validation_error', ?, s, e::jsonb, r
                from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) as u(t, i, s, e, r)""",
                accountId, now, rows.get(0), rows.get(1), rows.get(2), rows.get(3), rows.get(4));
    }

    private static ArrayNode errors(TypeOutcome o) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (TypeOutcome.Failure f : o.failures()) {
            ObjectNode e = out.addObject();
            e.put("code", f.code());
            e.put("message", f.message());
            e.put("property", f.property());
            if (f.invalidValue() == null) e.putNull("invalid_value");
            else e.put("invalid_value", f.invalidValue());
        }
        return out;
    }
}
