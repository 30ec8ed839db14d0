package dev.openprofile.objectrecords;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.customobjects.CurrentMappings;
import dev.openprofile.customobjects.SchemaActivation;
import dev.openprofile.jobs.Job;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.jobs.JobHandler;
import dev.openprofile.jobs.JobQueue;
import dev.openprofile.store.Statements;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The two jobs of ingestion: a bulk create job (its records ingested a chunk at a time, each chunk deleting the
 * records it ingested in the same transaction, which is the job's progress), and the backfill an activation enqueues
 * (the raw records kept while no current schema mapped their source, ingested and deleted a chunk at a time).
 */
final class IngestionJobs implements SchemaActivation {
    static final String BULK = "data-source-record-bulk-create-job";
    static final String BACKFILL = "object-record-backfill";
    /** Records per committed chunk: a job of 500 commits twice; a crash repeats at most this many. */
    static final int CHUNK = 250;

    private final Ingestion ingestion;
    private final Clock clock;
    private final Supplier<String> ids;
    private final Runnable wakeWorkers;

    IngestionJobs(Ingestion ingestion, Clock clock, Supplier<String> ids, Runnable wakeWorkers) {
        this.ingestion = ingestion;
        this.clock = clock;
        this.ids = ids;
        this.wakeWorkers = wakeWorkers;
    }

    List<JobHandler> handlers() {
        return List.of(handler(BULK, this::bulkChunk), handler(BACKFILL, this::backfillChunk));
    }

    /** Stores the job and its records in the caller's transaction (a data source that does not exist fails its key). */
    void submit(Connection c, String accountId, String dataSourceId, List<JsonNode> records) throws SQLException {
        String jobId = ids.get();
        JobQueue.enqueue(c, accountId, jobId, BULK, now());
        Statements.update(c, "insert into data_source_record_job (account_id, job_id, data_source_id) values (?, ?, ?)",
                accountId, jobId, dataSourceId);
        Statements.update(c, """
                insert into data_source_record_job_item (account_id, job_id, idx, record)
                select ?, ?, n - 1, r from unnest(?::text[]) with ordinality as u(r, n)""",
                accountId, jobId, records.stream().map(JsonNode::toString).toList());
    }

    void wake() {
        wakeWorkers.run();
    }

    /** An activation: when the account has records waiting, a backfill ingests those the new current schema maps. */
    @Override
    public void activated(Connection c, String accountId, String objectTypeId, String schemaId) throws SQLException {
        if (Statements.text(c, "select 1 from pending_data_source_record where account_id = ? limit 1", accountId).isEmpty()) return;
        JobQueue.enqueue(c, accountId, ids.get(), BACKFILL, now());
        wakeWorkers.run(); // early, before the commit: a worker that finds nothing yet polls again shortly
    }

    /**
     * The next chunk of this job: its oldest records, ingested and deleted in one transaction (the job's progress).
     * Jobs of one account run concurrently; the numbers their records got when accepted keep a record sent twice as
     * sent last ({@link RecordWrites}). This job is done when its last records are gone.
     */
    private boolean bulkChunk(Connection c, Job job) throws SQLException {
        String dataSourceId = Statements.text(c, "select data_source_id from data_source_record_job where account_id = ? and job_id = ?",
                job.accountId(), job.id()).orElse(null);
        if (dataSourceId == null) return true; // its data source was deleted with its records
        List<Integer> done = new ArrayList<>();
        List<JsonNode> records = new ArrayList<>();
        List<Long> accepted = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                select idx, record, accepted from data_source_record_job_item where account_id = ? and job_id = ?
                order by idx limit ?""")) {
            ps.setString(1, job.accountId());
            ps.setString(2, job.id());
            ps.setInt(3, CHUNK);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    done.add(rs.getInt(1));
                    records.add(Json.stored(rs.getString(2)));
                    accepted.add(rs.getLong(3));
                }
            }
        }
        ingestion.ingest(c, job.accountId(), dataSourceId, records, accepted, true, now());
        boolean finished = records.size() < CHUNK;
        if (finished) {
            Statements.update(c, "delete from data_source_record_job where account_id = ? and job_id = ?", job.accountId(), job.id());
        } else {
            try (PreparedStatement ps = c.prepareStatement(
                    "delete from data_source_record_job_item where account_id = ? and job_id = ? and idx = any(?)")) {
                ps.setString(1, job.accountId());
                ps.setString(2, job.id());
                ps.setArray(3, c.createArrayOf("integer", done.toArray()));
                ps.executeUpdate();
            }
        }
        return finished;
    }

    /** The oldest waiting records of the first source that a current schema now maps; done when there are none. */
    private boolean backfillChunk(Connection c, Job job) throws SQLException {
        List<String> sources = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "select distinct data_source_id from pending_data_source_record where account_id = ? order by 1")) {
            ps.setString(1, job.accountId());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) sources.add(rs.getString(1));
            }
        }
        for (String source : sources) {
            if (CurrentMappings.forSource(c, job.accountId(), source).isEmpty()) continue;
            List<Long> seqs = new ArrayList<>();
            List<JsonNode> records = new ArrayList<>();
            List<Long> accepted = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    select seq, record, accepted from pending_data_source_record where account_id = ? and data_source_id = ?
                    order by seq limit ? for update skip locked""")) {
                ps.setString(1, job.accountId());
                ps.setString(2, source);
                ps.setInt(3, CHUNK);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        seqs.add(rs.getLong(1));
                        records.add(Json.stored(rs.getString(2)));
                        accepted.add(rs.getLong(3));
                    }
                }
            }
            if (records.isEmpty()) continue; // another backfill holds them
            try (PreparedStatement ps = c.prepareStatement(
                    "delete from pending_data_source_record where account_id = ? and data_source_id = ? and seq = any(?)")) {
                ps.setString(1, job.accountId());
                ps.setString(2, source);
                ps.setArray(3, c.createArrayOf("bigint", seqs.toArray()));
                ps.executeUpdate();
            }
            ingestion.ingest(c, job.accountId(), source, records, accepted, true, now());
            return false;
        }
        return true;
    }

    @FunctionalInterface
    private interface Chunk {
        boolean process(Connection c, Job job) throws SQLException;
    }

    private static JobHandler handler(String kind, Chunk chunk) {
        return new JobHandler() {
            @Override
            public String kind() {
                return kind;
            }

            @Override
            public boolean processChunk(Connection c, Job job) throws SQLException {
                return chunk.process(c, job);
            }
        };
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);
    }
}
