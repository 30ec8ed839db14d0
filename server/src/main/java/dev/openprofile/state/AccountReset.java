package dev.openprofile.state;

import dev.openprofile.store.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Deletes every object of an account (every table of {@link StateTables}) in one transaction, and keeps the
 * account, its keys and its configuration. Jobs of the account in flight stop cleanly: the reset locks their
 * rows first, so it waits for a chunk being processed to commit, and the next chunk's lease renewal finds
 * its job gone and ends (jobs.JobWorkers). What a node holds in memory about the account is forgotten after
 * the commit, so that no cache brings back a deleted metric or property.
 */
final class AccountReset {
    private final Jdbc jdbc;
    private final StateTables tables;
    private final List<Consumer<String>> forget;

    /** @param forget each drops what its feature caches about an account (by account id) */
    AccountReset(Jdbc jdbc, StateTables tables, List<Consumer<String>> forget) {
        this.jdbc = jdbc;
        this.tables = tables;
        this.forget = forget;
    }

    /** Rows deleted per kind (every kind listed, zero included), in name order. */
    Map<String, Long> reset(String accountId) {
        Map<String, Long> deleted = jdbc.inTransaction(c -> {
            StateLock.take(c, accountId);
            try (PreparedStatement ps = c.prepareStatement("select 1 from job where account_id = ? for update")) {
                ps.setString(1, accountId);
                ps.executeQuery().close();
            }
            Map<String, Long> counts = new TreeMap<>();
            List<StateTables.Table> order = tables.ordered().reversed(); // a table before the tables it references
            for (StateTables.Table t : order) counts.merge(t.kind(), delete(c, t, accountId), Long::sum);
            // Deleting list memberships and suppressions records their profiles for the segments (V12 triggers)
            // while the account still had an active segment: those rows are the reset's own, not objects.
            for (StateTables.Table t : order) delete(c, t, accountId);
            return counts;
        });
        forgetAccount(accountId);
        return deleted;
    }

    void forgetAccount(String accountId) {
        forget.forEach(f -> f.accept(accountId));
    }

    private static long delete(Connection c, StateTables.Table t, String accountId) throws SQLException {
        // The table name comes from the catalogue, never from a request.
        try (PreparedStatement ps = c.prepareStatement("delete from " + StateTables.quoted(t.name()) + " where account_id = ?")) {
            ps.setString(1, accountId);
            return ps.executeLargeUpdate();
        }
    }
}
