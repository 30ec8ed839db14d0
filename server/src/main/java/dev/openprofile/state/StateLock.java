package dev.openprofile.state;

import dev.openprofile.store.AdvisoryLock;
import java.sql.Connection;
import java.sql.SQLException;

/** One reset or import of an account at a time, across nodes: a transaction-scoped advisory lock. */
final class StateLock {
    private StateLock() {}

    static void take(Connection c, String accountId) throws SQLException {
        AdvisoryLock.take(c, "openprofile-state:" + accountId);
    }
}
