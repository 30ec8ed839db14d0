package dev.openprofile.state;

import dev.openprofile.store.Jdbc;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.stream.Collectors;

/**
 * Writes an account's state as NDJSON: a header line (format and schema version), one line per row
 * ({@code {"table": ..., "row": {...}}}, tables in foreign-key order, rows in primary-key order, the row
 * without its account_id), and a trailer with the row count, so that a truncated file is refused. One
 * read-only REPEATABLE READ transaction gives one snapshot; rows are fetched through a cursor and written
 * as they come, so memory does not grow with the account. PostgreSQL renders each row as JSON
 * ({@code row_to_json}, in UTC), the same text an import's {@code json_populate_recordset} reads back.
 */
final class StateExport {
    static final String MEDIA_TYPE = "application/x-ndjson";
    static final int FORMAT = 1;
    private static final int FETCH = 1_000;

    private final Jdbc jdbc;
    private final StateTables tables;

    StateExport(Jdbc jdbc, StateTables tables) {
        this.jdbc = jdbc;
        this.tables = tables;
    }

    void write(String accountId, OutputStream out) throws IOException {
        Writer w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        try {
            long rows = jdbc.inTransaction(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("set transaction isolation level repeatable read, read only");
                    s.execute("set local time zone 'UTC'");
                }
                line(w, StateLines.header(tables.schemaVersion()));
                long count = 0;
                for (StateTables.Table t : tables.ordered()) {
                    try (PreparedStatement ps = c.prepareStatement(select(t))) {
                        ps.setFetchSize(FETCH);
                        ps.setString(1, accountId);
                        try (ResultSet rs = ps.executeQuery()) {
                            String prefix = "{\"table\":\"" + t.name() + "\",\"row\":";
                            while (rs.next()) {
                                line(w, prefix + rs.getString(1) + "}");
                                count++;
                            }
                        }
                    }
                }
                return count;
            });
            line(w, StateLines.trailer(rows));
            w.flush();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** The row's data columns in table order, transient ones as null, in primary-key order. */
    private static String select(StateTables.Table t) {
        var transients = StateTables.TRANSIENT.getOrDefault(t.name(), java.util.Set.of());
        String columns = t.data().stream()
                .map(c -> transients.contains(c.name()) ? "null as " + StateTables.quoted(c.name()) : "t." + StateTables.quoted(c.name()))
                .collect(Collectors.joining(", "));
        String order = (t.primaryKey().isEmpty() ? t.data().stream().map(StateTables.Column::name).toList() : t.primaryKey())
                .stream().map(c -> "t." + StateTables.quoted(c)).collect(Collectors.joining(", "));
        return "select row_to_json(r)::text from " + StateTables.quoted(t.name()) + " t cross join lateral (select "
                + columns + ") r where t.account_id = ? order by " + order;
    }

    private static void line(Writer w, String text) {
        try {
            w.write(text);
            w.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
