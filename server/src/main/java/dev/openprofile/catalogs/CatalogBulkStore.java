package dev.openprofile.catalogs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.jobs.Job;
import dev.openprofile.jobs.JobQueue;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.jsonapi.filter.SqlFragment;
import dev.openprofile.store.Keyset;
import dev.openprofile.store.PagedQuery;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** SQL of catalog bulk jobs: the job's row beside the queue's, its progress, its results and errors. */
final class CatalogBulkStore {
    private static final String COLUMNS = "j.account_id, j.id, j.kind, j.status, j.created_at, j.started_at, j.completed_at, "
            + "j.expires_at, b.total_count, b.completed_count, b.failed_count, b.resource_ids, b.errors::text";
    private static final String FROM = "job j join catalog_bulk_job b on b.account_id = j.account_id and b.job_id = j.id";

    record Row(BulkJob job, String sortKey) {}

    /** Where a job's processing stands: the next record to process and the submitted records (UTF-8 JSON). */
    record Progress(int nextIndex, int totalCount, byte[] records) {}

    void insert(Connection c, String accountId, String jobId, int total, byte[] records) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "insert into catalog_bulk_job (account_id, job_id, total_count, records) values (?, ?, ?, ?)")) {
            ps.setString(1, accountId);
            ps.setString(2, jobId);
            ps.setInt(3, total);
            ps.setBytes(4, records);
            ps.executeUpdate();
        }
    }

    /** Locks the job's row for the chunk: its progress is read and advanced in the same transaction. */
    Progress lock(Connection c, Job job) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                select next_index, total_count, records from catalog_bulk_job
                where account_id = ? and job_id = ? for update""")) {
            ps.setString(1, job.accountId());
            ps.setString(2, job.id());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) throw new IllegalStateException("catalog bulk job " + job.id() + " has no row");
                return new Progress(rs.getInt(1), rs.getInt(2), rs.getBytes(3));
            }
        }
    }

    /**
     * Commits a chunk's outcome with the marker past it; the last chunk also drops the submitted records,
     * which nothing reads once every one is processed.
     */
    void advance(Connection c, Job job, int nextIndex, int completed, int failed, List<String> resourceIds, JsonNode errors,
                 boolean last) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                update catalog_bulk_job set next_index = ?, completed_count = completed_count + ?, failed_count = failed_count + ?,
                  resource_ids = resource_ids || ?, errors = errors || ?::jsonb, records = case when ? then null else records end
                where account_id = ? and job_id = ?""")) {
            ps.setInt(1, nextIndex);
            ps.setInt(2, completed);
            ps.setInt(3, failed);
            ps.setArray(4, c.createArrayOf("text", resourceIds.toArray()));
            ps.setString(5, errors.toString());
            ps.setBoolean(6, last);
            ps.setString(7, job.accountId());
            ps.setString(8, job.id());
            ps.executeUpdate();
        }
    }

    Optional<BulkJob> find(Connection c, String accountId, String kind, String jobId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from " + FROM
                + " where j.account_id = ? and j.id = ? and j.kind = ?")) {
            ps.setString(1, accountId);
            ps.setString(2, jobId);
            ps.setString(3, kind);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    List<Row> list(Connection c, String accountId, String kind, SqlFragment filter, Keyset keyset, Keyset.Position at, int limit)
            throws SQLException {
        return PagedQuery.fetch(c, COLUMNS, FROM + " where j.account_id = ? and j.kind = ?", List.of(accountId, kind), filter,
                keyset, at, limit, (rs, key) -> new Row(map(rs), key));
    }

    private static BulkJob map(ResultSet rs) throws SQLException {
        Job job = JobQueue.map(rs);
        try {
            return new BulkJob(job, rs.getInt(9), rs.getInt(10), rs.getInt(11),
                    Arrays.asList((String[]) rs.getArray(12).getArray()), Json.MAPPER.readTree(rs.getString(13)));
        } catch (IOException e) {
            throw new IllegalStateException("stored errors are JSON", e);
        }
    }
}
