package dev.openprofile.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.postgresql.util.PSQLException;

/**
 * Inserts an import's rows, a batch of one table's lines per statement. PostgreSQL reads the values from
 * the lines' own text ({@code json_populate_record}: timestamps, arrays, jsonb and numerics exactly as
 * exported; generated columns computed again). A batch PostgreSQL refuses is retried line by line to
 * name the line at fault.
 */
final class StateBatch {
    static final int SIZE = 500;

    /** The lines of one table waiting to be inserted. */
    static final class Pending {
        private final Connection c;
        private final String accountId;
        private StateTables.Table table;
        private final List<Long> numbers = new ArrayList<>();
        private final List<String> lines = new ArrayList<>();

        private Pending(Connection c, String accountId) {
            this.c = c;
            this.accountId = accountId;
        }

        void add(StateTables.Table t, long number, String line) throws SQLException {
            if (table != t || lines.size() >= SIZE) flush();
            table = t;
            numbers.add(number);
            lines.add(line);
        }

        void flush() throws SQLException {
            if (lines.isEmpty()) return;
            Savepoint sp = c.setSavepoint();
            try {
                insert(lines);
                c.releaseSavepoint(sp);
            } catch (SQLException e) {
                c.rollback(sp);
                if (!rowsFault(e)) throw e;
                blame(e);
            }
            numbers.clear();
            lines.clear();
        }

        /** Inserts the batch's lines one at a time until one fails, and names it. */
        private void blame(SQLException batchError) throws SQLException {
            for (int i = 0; i < lines.size(); i++) {
                Savepoint sp = c.setSavepoint();
                try {
                    insert(List.of(lines.get(i)));
                    c.releaseSavepoint(sp);
                } catch (SQLException e) {
                    c.rollback(sp);
                    if (!rowsFault(e)) throw e;
                    throw refused(numbers.get(i), e);
                }
            }
            throw refused(numbers.getFirst(), batchError); // only together (two lines with one key): name the first
        }

        /**
         * After every line: the derived table's rows of the account become the export's, staged meanwhile in a
         * temporary table, whatever the import's own inserts added to it.
         */
        void replaceDerived(StateTables.Table t) throws SQLException {
            String columns = columns(t, "");
            try (var s = c.createStatement()) {
                s.execute("create temp table if not exists " + staged(t) + " (like " + StateTables.quoted(t.name()) + ") on commit drop");
            }
            try (PreparedStatement delete = c.prepareStatement("delete from " + StateTables.quoted(t.name()) + " where account_id = ?");
                 PreparedStatement insert = c.prepareStatement("insert into " + StateTables.quoted(t.name()) + " (account_id, " + columns
                         + ")" + overriding(t) + " select account_id, " + columns + " from " + staged(t))) {
                delete.setString(1, accountId);
                delete.executeUpdate();
                insert.executeUpdate();
            }
        }

        private void insert(List<String> batch) throws SQLException {
            String name = StateTables.quoted(table.name());
            String target = name;
            if (table.derived()) {
                target = staged(table);
                try (var s = c.createStatement()) {
                    s.execute("create temp table if not exists " + target + " (like " + name + ") on commit drop");
                }
            }
            // The names come from the catalogue; the values travel as one JSON array parameter.
            try (PreparedStatement ps = c.prepareStatement("insert into " + target + " (account_id, " + columns(table, "") + ")"
                    + (table.derived() ? "" : overriding(table)) + " select ?, " + columns(table, "r.")
                    + " from json_array_elements(?::json) e cross join lateral json_populate_record(null::" + name
                    + ", e -> 'row') r")) {
                ps.setString(1, accountId);
                ps.setString(2, "[" + String.join(",", batch) + "]");
                ps.executeUpdate();
            }
        }
    }

    private static String columns(StateTables.Table t, String prefix) {
        return t.data().stream().map(col -> prefix + StateTables.quoted(col.name())).collect(Collectors.joining(", "));
    }

    private static String overriding(StateTables.Table t) {
        return t.data().stream().anyMatch(StateTables.Column::identity) ? " overriding system value" : "";
    }

    /** The temporary table a derived table's exported rows wait in until the end of the import. */
    private static String staged(StateTables.Table t) {
        return StateTables.quoted("import_" + t.name());
    }

    Pending start(Connection c, String accountId) {
        return new Pending(c, accountId);
    }

    /** An identity column's sequence moves past the imported values, so that later inserts do not collide. */
    static void advanceIdentities(Connection c, StateTables.Table t) throws SQLException {
        for (StateTables.Column col : t.data()) {
            if (!col.identity()) continue;
            String name = StateTables.quoted(t.name());
            String column = StateTables.quoted(col.name());
            try (PreparedStatement ps = c.prepareStatement("select setval(pg_get_serial_sequence(?, ?), greatest(max(" + column
                    + "), nextval(pg_get_serial_sequence(?, ?)))) from " + name)) {
                ps.setString(1, name);
                ps.setString(2, col.name());
                ps.setString(3, name);
                ps.setString(4, col.name());
                ps.executeQuery().close();
            }
        }
    }

    /** A data exception (a value of the wrong type) or an integrity violation (a key taken, a parent missing). */
    private static boolean rowsFault(SQLException e) {
        return e.getSQLState() != null && (e.getSQLState().startsWith("22") || e.getSQLState().startsWith("23"));
    }

    private static dev.openprofile.jsonapi.ApiError refused(long number, SQLException e) {
        String message = e instanceof PSQLException p && p.getServerErrorMessage() != null
                ? p.getServerErrorMessage().getMessage() : e.getMessage();
        String column = e instanceof PSQLException p && p.getServerErrorMessage() != null ? p.getServerErrorMessage().getColumn() : null;
        String detail = e instanceof PSQLException p && p.getServerErrorMessage() != null ? p.getServerErrorMessage().getDetail() : null;
        return StateLines.invalid(number, column == null ? "/row" : "/row/" + column,
                "the database refused the row: " + message + (detail == null ? "" : " (" + detail + ")") + ".");
    }
}
