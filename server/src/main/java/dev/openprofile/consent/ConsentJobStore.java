package dev.openprofile.consent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.jobs.Job;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.jsonapi.filter.SqlFragment;
import dev.openprofile.store.Keyset;
import dev.openprofile.store.PagedQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL for consent jobs: the request, the progress, and the profiles a job could not apply. */
final class ConsentJobStore {
    private static final String COLUMNS = "j.account_id, j.id, j.kind, j.status, j.created_at, j.started_at, "
            + "j.completed_at, j.expires_at, c.list_id, c.segment_id, c.total_count, c.completed_count, c.skipped_count";
    private static final String FROM = "job j join consent_job c on c.account_id = j.account_id and c.job_id = j.id";

    record Row(ConsentJob job, String sortKey) {}

    /** What a worker needs: the items from {@code next}, the settings, and where it is. */
    record Work(ArrayNode items, ObjectNode settings, int next, String listId) {}

    record JobError(int index, String detail, String payload) {}

    void insert(Connection c, String accountId, String jobId, ConsentJob.Kind kind, String listId, String segmentId,
                ArrayNode items, ObjectNode settings) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into consent_job (account_id, job_id, list_id, segment_id, items, settings, total_count)
                values (?, ?, ?, ?, ?::jsonb, ?::jsonb, ?)""")) {
            ps.setString(1, accountId);
            ps.setString(2, jobId);
            ps.setString(3, listId);
            ps.setString(4, segmentId);
            ps.setString(5, items.toString());
            ps.setString(6, settings.toString());
            ps.setInt(7, items.size());
            ps.executeUpdate();
        }
    }

    /** Locks the job's progress row (the chunk holding it is the only one running) and reads the rest. */
    Work lockWork(Connection c, Job job) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                select items::text, settings::text, next_index, list_id from consent_job
                where account_id = ? and job_id = ? for update""")) {
            ps.setString(1, job.accountId());
            ps.setString(2, job.id());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Work((ArrayNode) Json.MAPPER.readTree(rs.getString(1)),
                        (ObjectNode) Json.MAPPER.readTree(rs.getString(2)), rs.getInt(3), rs.getString(4));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("stored consent jobs are JSON", e);
            }
        }
    }

    void advance(Connection c, Job job, int next, int completed, int skipped) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                update consent_job set next_index = ?, completed_count = completed_count + ?, skipped_count = skipped_count + ?
                where account_id = ? and job_id = ?""")) {
            ps.setInt(1, next);
            ps.setInt(2, completed);
            ps.setInt(3, skipped);
            ps.setString(4, job.accountId());
            ps.setString(5, job.id());
            ps.executeUpdate();
        }
    }

    void recordError(Connection c, Job job, int index, String detail, JsonNode payload) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into consent_job_error (account_id, job_id, idx, detail, payload) values (?, ?, ?, ?, ?::jsonb)""")) {
            ps.setString(1, job.accountId());
            ps.setString(2, job.id());
            ps.setInt(3, index);
            ps.setString(4, detail);
            ps.setString(5, payload == null ? null : payload.toString());
            ps.executeUpdate();
        }
    }

    List<JobError> errors(Connection c, String accountId, String jobId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select idx, detail, payload::text from consent_job_error where account_id = ? and job_id = ? order by idx")) {
            ps.setString(1, accountId);
            ps.setString(2, jobId);
            List<JobError> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(new JobError(rs.getInt(1), rs.getString(2), rs.getString(3)));
            }
            return out;
        }
    }

    Optional<ConsentJob> find(Connection c, String accountId, String jobId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from " + FROM
                + " where j.account_id = ? and j.id = ?")) {
            ps.setString(1, accountId);
            ps.setString(2, jobId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    List<Row> list(Connection c, String accountId, ConsentJob.Kind kind, SqlFragment filter, Keyset keyset,
                   Keyset.Position at, int limit) throws SQLException {
        return PagedQuery.fetch(c, COLUMNS, FROM + " where j.account_id = ? and j.kind = ?", List.of(accountId, kind.type),
                filter, keyset, at, limit, (rs, key) -> new Row(map(rs), key));
    }

    private static ConsentJob map(ResultSet rs) throws SQLException {
        Job job = new Job(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getObject(5, OffsetDateTime.class), rs.getObject(6, OffsetDateTime.class),
                rs.getObject(7, OffsetDateTime.class), rs.getObject(8, OffsetDateTime.class));
        return new ConsentJob(job, ConsentJob.Kind.ofType(job.kind()), rs.getString(9), rs.getString(10),
                rs.getInt(11), rs.getInt(12), rs.getInt(13));
    }
}
