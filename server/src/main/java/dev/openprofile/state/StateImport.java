package dev.openprofile.state;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.store.Jdbc;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Loads an export into an account that holds no data, in one transaction: any bad line (malformed,
 * an unknown table or column, a value PostgreSQL refuses, a row whose parent is missing) is a 400 naming
 * the line, and nothing is kept. The stream is read line by line and inserted in batches of one table's
 * rows, so memory does not grow with the account. Ids are kept; the account id is the importing account's.
 */
final class StateImport {
    /** Duplicate members are refused: PostgreSQL, which reads the row's values from the same text, must see what we checked. */
    private static final com.fasterxml.jackson.databind.ObjectReader LINE = Json.MAPPER.reader()
            .with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    private final Jdbc jdbc;
    private final StateTables tables;
    private final StateBatch batch;

    StateImport(Jdbc jdbc, StateTables tables) {
        this.jdbc = jdbc;
        this.tables = tables;
        this.batch = new StateBatch();
    }

    /** Rows loaded per kind (every kind listed), in name order. */
    Map<String, Long> load(String accountId, InputStream in) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        try {
            return jdbc.inTransaction(c -> {
                StateLock.take(c, accountId);
                if (holdsData(c, accountId)) {
                    throw new ApiError(400, "invalid", "Invalid input.", "The account already holds data: an import loads"
                            + " only into an account without any (reset it first).", ApiError.Source.parameter("account"), null);
                }
                return read(c, accountId, reader);
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private Map<String, Long> read(Connection c, String accountId, BufferedReader reader) throws SQLException {
        Map<String, Long> loaded = new TreeMap<>();
        tables.ordered().forEach(t -> loaded.put(t.kind(), 0L));
        Set<StateTables.Table> touched = new HashSet<>();
        StateBatch.Pending pending = batch.start(c, accountId);
        header(next(reader), 1);
        long number = 1;
        long rows = 0;
        while (true) {
            String text = next(reader);
            number++;
            if (text == null) {
                throw StateLines.invalid(number, "", "the stream ends without its last line {\"end\":true,\"rows\":N}:"
                        + " the export was cut short.");
            }
            JsonNode line = parse(text, number);
            if (StateLines.isTrailer(line)) {
                if (line.get("rows").asLong() != rows) {
                    throw StateLines.invalid(number, "/rows", "the export says " + line.get("rows").asLong()
                            + " rows, but " + rows + " came before it.");
                }
                if (next(reader) != null) throw StateLines.invalid(number + 1, "", "nothing may follow the last line.");
                break;
            }
            StateTables.Table table = row(line, number);
            pending.add(table, number, text);
            loaded.merge(table.kind(), 1L, Long::sum);
            touched.add(table);
            rows++;
        }
        pending.flush();
        for (StateTables.Table t : tables.ordered()) if (t.derived()) pending.replaceDerived(t);
        for (StateTables.Table t : touched) StateBatch.advanceIdentities(c, t);
        return loaded;
    }

    private void header(String text, long number) {
        if (text == null) throw StateLines.invalid(number, "", "the stream is empty: expected an export's first line.");
        JsonNode h = parse(text, number);
        if (h.path("openprofile_state").asInt(0) != StateExport.FORMAT) {
            throw StateLines.invalid(number, "/openprofile_state", "not an OpenProfile export: the first line must be"
                    + " {\"openprofile_state\":" + StateExport.FORMAT + ",\"schema\":...}.");
        }
        if (!h.path("schema").asText("").equals(tables.schemaVersion())) {
            throw StateLines.invalid(number, "/schema", "the export is of schema version " + h.path("schema")
                    + "; this server's is " + tables.schemaVersion() + ": export it again from a server of this version.");
        }
    }

    /** The line's table, once its row names exactly that table's columns. */
    private StateTables.Table row(JsonNode line, long number) {
        if (!line.path("table").isTextual()) throw StateLines.invalid(number, "/table", "'table' must be a table's name.");
        StateTables.Table table = tables.table(line.get("table").asText());
        if (table == null) {
            throw StateLines.invalid(number, "/table", "'" + line.get("table").asText() + "' is not a table of an export.");
        }
        for (Iterator<String> keys = line.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!key.equals("table") && !key.equals("row")) throw StateLines.invalid(number, "/" + key, "unknown member '" + key + "'.");
        }
        JsonNode row = line.path("row");
        if (!row.isObject()) throw StateLines.invalid(number, "/row", "'row' must be an object.");
        List<String> columns = table.data().stream().map(StateTables.Column::name).toList();
        for (Iterator<String> keys = row.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!columns.contains(key)) {
                throw StateLines.invalid(number, "/row/" + key, "'" + key + "' is not a column of " + table.name() + ".");
            }
        }
        for (String column : columns) {
            if (!row.has(column)) throw StateLines.invalid(number, "/row/" + column, "the row has no '" + column + "'.");
        }
        return table;
    }

    private static JsonNode parse(String text, long number) {
        JsonNode node;
        try {
            node = LINE.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw StateLines.invalid(number, "", "not a JSON object (malformed JSON: " + e.getOriginalMessage() + ").");
        } catch (IOException e) {
            throw StateLines.invalid(number, "", "not a JSON object (malformed JSON).");
        }
        if (node == null || !node.isObject()) throw StateLines.invalid(number, "", "not a JSON object.");
        return node;
    }

    private static String next(BufferedReader reader) {
        try {
            return reader.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean holdsData(Connection c, String accountId) throws SQLException {
        for (StateTables.Table t : tables.ordered()) {
            try (var ps = c.prepareStatement("select exists (select 1 from " + StateTables.quoted(t.name()) + " where account_id = ?)")) {
                ps.setString(1, accountId);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) return true;
                }
            }
        }
        return false;
    }
}
