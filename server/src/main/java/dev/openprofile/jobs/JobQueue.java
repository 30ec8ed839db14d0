package dev.openprofile.jobs;

import dev.openprofile.store.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** SQL of the job table: enqueue inside a feature's transaction, claim with SKIP LOCKED, lease, finish. */
public final class JobQueue {
    private static final String COLUMNS = "account_id, id, kind, status, created_at, started_at, completed_at, expires_at";
    private final Jdbc jdbc;

    public JobQueue(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Enqueues in the caller's transaction, so that the job and its input commit together. */
    public static Job enqueue(Connection c, String accountId, String id, String kind, OffsetDateTime now) throws SQLException {
        return enqueue(c, accountId, id, kind, now, null);
    }

    /** @param notBefore when the job may start on the server's clock (null: at once), e.g. a campaign scheduled for later */
    public static Job enqueue(Connection c, String accountId, String id, String kind, OffsetDateTime now, OffsetDateTime notBefore)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "insert into job (account_id, id, kind, status, created_at, not_before) values (?, ?, ?, 'queued', ?, ?)")) {
            ps.setString(1, accountId);
            ps.setString(2, id);
            ps.setString(3, kind);
            ps.setObject(4, now);
            ps.setObject(5, notBefore);
            ps.executeUpdate();
        }
        return new Job(accountId, id, kind, Job.QUEUED, now, null, null, null);
    }

    /**
     * Cancels a job that has not finished, in the caller's transaction; false when it had (complete or cancelled).
     * A worker running it stops before its next chunk: its lease renewal needs the status 'processing'.
     */
    public static boolean cancel(Connection c, String accountId, String id, OffsetDateTime now, Duration retention) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                update job set status = 'cancelled', completed_at = ?, expires_at = ?, lease_owner = null, lease_until = null
                where account_id = ? and id = ? and status in ('queued', 'processing')""")) {
            ps.setObject(1, now);
            ps.setObject(2, now.plus(retention));
            ps.setString(3, accountId);
            ps.setString(4, id);
            return ps.executeUpdate() == 1;
        }
    }

    /** The account's jobs of these kinds that are queued or processing (the partial index job_in_progress, V33). */
    public static int inProgress(Connection c, String accountId, Collection<String> kinds) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                select count(*) from job where account_id = ? and kind = any(?) and status in ('queued', 'processing')""")) {
            ps.setString(1, accountId);
            ps.setArray(2, c.createArrayOf("text", kinds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Takes the oldest runnable job whose lease is free (queued, or processing by a worker that died). */
    Optional<Job> claim(String owner, OffsetDateTime now, Duration lease) {
        return claim(owner, now, now, lease);
    }

    /** @param leaseNow now on the clock leases are measured by (real time, unmoved by the operator's clock) */
    Optional<Job> claim(String owner, OffsetDateTime now, OffsetDateTime leaseNow, Duration lease) {
        return jdbc.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    update job j set status = 'processing', started_at = coalesce(j.started_at, ?),
                      lease_owner = ?, lease_until = ?
                    where (j.account_id, j.id) = (
                          -- a scalar subquery runs once: exactly one job per claim, whatever the plan
                          select account_id, id from job
                          where status in ('queued', 'processing') and (lease_until is null or lease_until < ?)
                            and (not_before is null or not_before <= ?)
                          order by created_at limit 1 for update skip locked)
                    returning j.account_id, j.id, j.kind, j.status, j.created_at, j.started_at, j.completed_at, j.expires_at""")) {
                ps.setObject(1, now);
                ps.setString(2, owner);
                ps.setObject(3, leaseNow.plus(lease));
                ps.setObject(4, leaseNow);
                ps.setObject(5, now);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(map(rs)) : Optional.empty();
                }
            }
        });
    }

    /**
     * Locks the job for a chunk and renews the lease; false when this worker no longer holds it (its
     * lease ran out and another worker took over), in which case the chunk must not run.
     */
    static boolean renew(Connection c, Job job, String owner, OffsetDateTime leaseNow, Duration lease) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                update job set lease_until = ? where account_id = ? and id = ? and lease_owner = ? and status = 'processing'""")) {
            ps.setObject(1, leaseNow.plus(lease));
            ps.setString(2, job.accountId());
            ps.setString(3, job.id());
            ps.setString(4, owner);
            return ps.executeUpdate() == 1;
        }
    }

    static void complete(Connection c, Job job, OffsetDateTime now, Duration retention) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                update job set status = 'complete', completed_at = ?, expires_at = ?, lease_owner = null, lease_until = null
                where account_id = ? and id = ?""")) {
            ps.setObject(1, now);
            ps.setObject(2, now.plus(retention));
            ps.setString(3, job.accountId());
            ps.setString(4, job.id());
            ps.executeUpdate();
        }
    }

    public static Optional<Job> find(Connection c, String accountId, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from job where account_id = ? and id = ?")) {
            ps.setString(1, accountId);
            ps.setString(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    /** The job of a row whose first eight columns are {@code COLUMNS}, as a feature's join with its own table selects them. */
    public static Job map(ResultSet rs) throws SQLException {
        return new Job(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getObject(5, OffsetDateTime.class), rs.getObject(6, OffsetDateTime.class),
                rs.getObject(7, OffsetDateTime.class), rs.getObject(8, OffsetDateTime.class));
    }

    /**
     * The account's newest jobs of every kind, newest first (the web console's jobs page): what the queue knows of
     * each (kind, status, times); a job's progress and errors are its feature's, read through that feature's API.
     */
    public List<Job> recent(String accountId, int limit) {
        return jdbc.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS
                    + " from job where account_id = ? order by created_at desc, id desc limit ?")) {
                ps.setString(1, accountId);
                ps.setInt(2, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    List<Job> jobs = new ArrayList<>();
                    while (rs.next()) jobs.add(map(rs));
                    return jobs;
                }
            }
        });
    }

    /** Jobs queued or processing, across accounts: the queue depth the metrics report. */
    long depth() {
        return jdbc.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("select count(*) from job where status in ('queued', 'processing')");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
