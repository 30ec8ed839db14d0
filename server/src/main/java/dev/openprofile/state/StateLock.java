package dev.openprofile.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** One reset or import of an account at a time, across nodes: a transaction-scoped advisory lock. */
final class StateLock {
    private StateLock() {}

    static void take(Connection c, String accountId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select pg_advisory_xact_lock(hashtext('openprofile-state:' || ?))")) {
            ps.setString(1, accountId);
            ps.executeQuery().close();
        }
    }
}
