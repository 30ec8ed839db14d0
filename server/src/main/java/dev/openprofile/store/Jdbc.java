package dev.openprofile.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import javax.sql.DataSource;

/** Runs work in one transaction: commit on success, roll back on any exception. */
public final class Jdbc {
    private final DataSource dataSource;

    public Jdbc(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    public <T> T inTransaction(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollback(c, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** A rollback that fails (the connection is gone) must not hide the failure that caused it. */
    private static void rollback(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** Reads need no transaction block; autocommit saves two round trips. */
    public <T> T read(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    public static final class StoreException extends RuntimeException {
        /** admin_shutdown, crash_shutdown, cannot_connect_now: the server is stopping, crashed or recovering. */
        private static final Set<String> SERVER_DOWN = Set.of("57P01", "57P02", "57P03");

        public StoreException(SQLException cause) { super(cause); }

        public SQLException sqlException() { return (SQLException) getCause(); }

        /**
         * PostgreSQL broke a deadlock or a serialization conflict by aborting this transaction (40P01, 40001): the
         * transaction did nothing, and run again it sees the winner's writes.
         */
        public boolean conflict() {
            String state = sqlException().getSQLState();
            return "40P01".equals(state) || "40001".equals(state);
        }

        /**
         * The database could not be reached or dropped the connection (no connection within the pool's
         * wait, SQLSTATE class 08, or a server shutting down or recovering): worth a retry later, not a bug.
         */
        public boolean unavailable() {
            for (Throwable t = getCause(); t != null; t = t.getCause()) {
                if (t instanceof SQLTransientConnectionException) return true;
                if (t instanceof SQLException e && e.getSQLState() != null
                        && (e.getSQLState().startsWith("08") || SERVER_DOWN.contains(e.getSQLState()))) return true;
            }
            return false;
        }
    }
}
