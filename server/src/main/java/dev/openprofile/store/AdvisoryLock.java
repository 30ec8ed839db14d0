package dev.openprofile.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Transaction-scoped advisory locks on a name: what serializes a count-then-insert (a per-account limit) or a
 * per-account task across nodes. The lock ends with the caller's transaction; names share one 64-bit hash space,
 * so each caller prefixes its own ("web_feed:" + account).
 */
public final class AdvisoryLock {
    private AdvisoryLock() {}

    public static void take(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select pg_advisory_xact_lock(hashtextextended(?, 0))")) {
            ps.setString(1, name);
            ps.executeQuery().close();
        }
    }
}
