package dev.openprofile.imports;

import dev.openprofile.jobs.Job;
import dev.openprofile.jsonapi.filter.SqlFragment;
import dev.openprofile.store.Keyset;
import dev.openprofile.store.PagedQuery;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** SQL for bulk imports: the import row, its submitted items, its results and its errors. */
final class ImportStore {
    private static final String COLUMNS = "j.account_id, j.id, j.kind, j.status, j.created_at, j.started_at, "
            + "j.completed_at, j.expires_at, i.total_count, i.completed_count, i.failed_count, i.list_ids";

    record Row(ImportJob job, String sortKey) {}

    /** A staged chunk: the JSON array of its submitted profiles, the first at {@code firstIndex}. */
    record Chunk(int firstIndex, byte[] payloads) {}

    record ImportError(int index, String id, String code, String title, String detail, String pointer, String payload) {}

    /** The job's row and its profiles, staged as one JSON array per chunk of {@code chunk} profiles. */
    void insert(Connection c, String accountId, String jobId, List<byte[]> payloads, List<String> listIds, int chunk)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "insert into profile_import (account_id, job_id, total_count, list_ids) values (?, ?, ?, ?)")) {
            ps.setString(1, accountId);
            ps.setString(2, jobId);
            ps.setInt(3, payloads.size());
            ps.setArray(4, c.createArrayOf("text", listIds.toArray()));
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "insert into profile_import_chunk (account_id, job_id, first_idx, payloads) values (?, ?, ?, ?)")) {
            for (int from = 0; from < payloads.size(); from += chunk) {
                ps.setString(1, accountId);
                ps.setString(2, jobId);
                ps.setInt(3, from);
                ps.setBytes(4, jsonArray(payloads.subList(from, Math.min(from + chunk, payloads.size()))));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static byte[] jsonArray(List<byte[]> items) {
        var out = new java.io.ByteArrayOutputStream(items.stream().mapToInt(b -> b.length + 1).sum() + 1);
        out.write('[');
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) out.write(',');
            out.writeBytes(items.get(i));
        }
        out.write(']');
        return out.toByteArray();
    }

    /** Locks the import's progress row: the chunk that holds it is the only one running. */
    void lock(Connection c, Job job) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select 1 from profile_import where account_id = ? and job_id = ? for update")) {
            ps.setString(1, job.accountId());
            ps.setString(2, job.id());
            ps.executeQuery().close();
        }
    }

    /** The job's next unprocessed chunk, if any. */
    Optional<Chunk> nextChunk(Connection c, Job job) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                select first_idx, payloads from profile_import_chunk where account_id = ? and job_id = ?
                order by first_idx limit 1""")) {
            ps.setString(1, job.accountId());
            ps.setString(2, job.id());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Chunk(rs.getInt(1), rs.getBytes(2))) : Optional.empty();
            }
        }
    }

    boolean hasChunks(Connection c, Job job) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select exists (select 1 from profile_import_chunk where account_id = ? and job_id = ?)")) {
            ps.setString(1, job.accountId());
            ps.setString(2, job.id());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /**
     * Commits a chunk's outcome: which profile each item became (null where it failed), the counts, and
     * the staged chunk gone.
     */
    void finishChunk(Connection c, Job job, Chunk chunk, List<String> profileIds, int completed, int failed)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into profile_import_result (account_id, job_id, first_idx, profile_ids) values (?, ?, ?, ?)""")) {
            ps.setString(1, job.accountId());
            ps.setString(2, job.id());
            ps.setInt(3, chunk.firstIndex());
            ps.setArray(4, c.createArrayOf("text", profileIds.toArray()));
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("""
                update profile_import set next_index = ?, completed_count = completed_count + ?, failed_count = failed_count + ?
                where account_id = ? and job_id = ?""")) {
            ps.setInt(1, chunk.firstIndex() + profileIds.size());
            ps.setInt(2, completed);
            ps.setInt(3, failed);
            ps.setString(4, job.accountId());
            ps.setString(5, job.id());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "delete from profile_import_chunk where account_id = ? and job_id = ? and first_idx = ?")) {
            ps.setString(1, job.accountId());
            ps.setString(2, job.id());
            ps.setInt(3, chunk.firstIndex());
            ps.executeUpdate();
        }
    }

    void recordError(Connection c, Job job, ImportError e) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into profile_import_error (account_id, job_id, idx, id, code, title, detail, pointer, original_payload)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)""")) {
            ps.setString(1, job.accountId());
            ps.setString(2, job.id());
            ps.setInt(3, e.index());
            ps.setString(4, e.id());
            ps.setString(5, e.code());
            ps.setString(6, e.title());
            ps.setString(7, e.detail());
            ps.setString(8, e.pointer());
            ps.setString(9, e.payload());
            ps.executeUpdate();
        }
    }

    List<String> listIds(Connection c, Job job) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select list_ids from profile_import where account_id = ? and job_id = ?")) {
            ps.setString(1, job.accountId());
            ps.setString(2, job.id());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return Arrays.asList((String[]) rs.getArray(1).getArray());
            }
        }
    }

    Optional<ImportJob> find(Connection c, String accountId, String jobId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from job j join profile_import i "
                + "on i.account_id = j.account_id and i.job_id = j.id where j.account_id = ? and j.id = ?")) {
            ps.setString(1, accountId);
            ps.setString(2, jobId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    List<Row> list(Connection c, String accountId, SqlFragment filter, Keyset keyset, Keyset.Position at, int limit)
            throws SQLException {
        return PagedQuery.fetch(c, COLUMNS, "job j join profile_import i on i.account_id = j.account_id and i.job_id = j.id"
                + " where j.account_id = ? and j.kind = ?", List.of(accountId, ImportJob.KIND), filter, keyset, at, limit,
                (rs, key) -> new Row(map(rs), key));
    }

    /** The profile ids an import touched, by submission index, in keyset pages on the index. */
    List<String[]> profileIds(Connection c, String accountId, String jobId, Keyset.Position at, int limit) throws SQLException {
        String idx = "(r.first_idx + u.n::int - 1)";
        return indexed(c, idx + "::text, u.profile_id", "profile_import_result r cross join lateral unnest(r.profile_ids)"
                + " with ordinality as u(profile_id, n) where r.account_id = ? and r.job_id = ? and u.profile_id is not null",
                idx, accountId, jobId, at, limit);
    }

    List<ImportError> errors(Connection c, String accountId, String jobId, Keyset.Position at, int limit) throws SQLException {
        List<ImportError> out = new ArrayList<>();
        for (String[] r : indexed(c, "idx::text, id, code, title, detail, pointer, original_payload::text",
                "profile_import_error where account_id = ? and job_id = ?", "idx", accountId, jobId, at, limit)) {
            out.add(new ImportError(Integer.parseInt(r[0]), r[1], r[2], r[3], r[4], r[5], r[6]));
        }
        return out;
    }

    /** Keyset pages over a job's rows by submission index {@code idx} (an SQL expression). */
    private static List<String[]> indexed(Connection c, String columns, String fromWhere, String idx, String accountId,
                                          String jobId, Keyset.Position at, int limit) throws SQLException {
        return PagedQuery.fetch(c, columns, fromWhere, List.of(accountId, jobId),
                new SqlFragment("true", List.of()), new Keyset(idx, "integer", idx, false), at, limit, (rs, key) -> {
                    int n = columns.split(",").length;
                    String[] row = new String[n];
                    for (int k = 0; k < n; k++) row[k] = rs.getString(k + 1);
                    return row;
                });
    }

    private static ImportJob map(ResultSet rs) throws SQLException {
        Job job = new Job(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getObject(5, OffsetDateTime.class), rs.getObject(6, OffsetDateTime.class),
                rs.getObject(7, OffsetDateTime.class), rs.getObject(8, OffsetDateTime.class));
        Array lists = rs.getArray(12);
        return new ImportJob(job, rs.getInt(9), rs.getInt(10), rs.getInt(11), Arrays.asList((String[]) lists.getArray()));
    }
}
