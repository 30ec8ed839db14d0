package dev.openprofile.objectrecords;

import dev.openprofile.customobjects.ObjectTypes;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.ApiErrors;
import dev.openprofile.jsonapi.Query;
import dev.openprofile.jsonapi.filter.SqlFilter;
import dev.openprofile.jsonapi.filter.SqlFragment;
import dev.openprofile.profiles.ProfileService;
import dev.openprofile.store.Jdbc;
import dev.openprofile.store.Paging;
import dev.openprofile.store.Statements;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The rules and transactions of the eight operations on records, logs and ingestion. */
final class ObjectRecordService {
    /** The spec: "Logs are retained for 14 days". */
    static final Duration LOG_RETENTION = Duration.ofDays(14);
    /** The spec: "a fixed page size of 50". */
    static final int LOG_PAGE = 50;
    private static final Map<String, String> LOG_FILTERS = Map.of("record_id", "l.record_id", "status", "l.status",
            "event_type", "l.event_type", "timestamp", "l.logged_at");

    private final Jdbc jdbc;
    private final ProfileService profiles;
    private final Ingestion ingestion;
    private final IngestionJobs jobs;
    private final Clock clock;

    ObjectRecordService(Jdbc jdbc, ProfileService profiles, Ingestion ingestion, IngestionJobs jobs, Clock clock) {
        this.jdbc = jdbc;
        this.profiles = profiles;
        this.ingestion = ingestion;
        this.jobs = jobs;
        this.clock = clock;
    }

    /**
     * One record, ingested in this request's transaction: written to every current schema of its source, or kept
     * waiting for one; a record that breaks a schema's rules is a 400 pointing into it, and nothing is stored.
     */
    void createOne(String accountId, JsonNode data) {
        IngestionInput.Submission s = IngestionInput.single(data);
        OffsetDateTime now = now();
        unknownSourceIs404(s.dataSourceId(), () -> profiles.inUpsertTransaction(accountId, c -> {
            // Accepted now: numbered after every record accepted before it (a bulk job's too).
            long accepted = Long.parseLong(Statements.text(c, "select nextval('object_record_accepted')").orElseThrow());
            for (Ingestion.Result r : ingestion.ingest(c, accountId, s.dataSourceId(), s.records(), List.of(accepted), false, now)) {
                if (r instanceof Ingestion.Rejected rejected) throw refusal(rejected);
            }
            return null;
        }));
    }

    /** Up to 500 records, stored as a job in this request's transaction (the 204 follows its commit). */
    void createMany(String accountId, JsonNode data) {
        IngestionInput.Submission s = IngestionInput.bulk(data);
        unknownSourceIs404(s.dataSourceId(), () -> jdbc.inTransaction(c -> {
            jobs.submit(c, accountId, s.dataSourceId(), s.records());
            return null;
        }));
        jobs.wake();
    }

    /** Deletes the named records that exist (unknown ids are skipped) in this request's transaction. */
    void deleteMany(String accountId, JsonNode data) {
        List<ObjectRecordIds.Parts> ids = IngestionInput.deletions(data);
        jdbc.inTransaction(c -> Statements.update(c, """
                delete from object_record r using unnest(?::text[], ?::text[]) as u(t, i)
                where r.account_id = ? and r.object_type_id = u.t and r.record_id = u.i""",
                ids.stream().map(ObjectRecordIds.Parts::objectTypeId).toList(),
                ids.stream().map(ObjectRecordIds.Parts::recordId).toList(), accountId));
    }

    ObjectRecordQueries.ObjectRecord get(String accountId, String compoundId) {
        var parts = ObjectRecordIds.parse(compoundId).orElseThrow(() -> recordNotFound(compoundId));
        return jdbc.read(c -> ObjectRecordQueries.find(c, accountId, parts.objectTypeId(), parts.recordId()))
                .orElseThrow(() -> recordNotFound(compoundId));
    }

    List<ObjectRecordQueries.ObjectRecord> findAll(String accountId, List<String> compoundIds) {
        return jdbc.read(c -> ObjectRecordQueries.findAll(c, accountId, compoundIds));
    }

    Paging.Page<ObjectRecordQueries.ObjectRecord> records(String accountId, String objectTypeId, Query query) {
        List<ObjectRecordQueries.ObjectRecord> rows = jdbc.read(c -> {
            requireType(c, accountId, objectTypeId);
            return ObjectRecordQueries.page(c, accountId, objectTypeId, Paging.position(query.cursor()), query.pageSize() + 1);
        });
        return Paging.page(rows, query.pageSize(), query.cursor(), "", r -> new String[] {r.recordId(), r.recordId()});
    }

    Paging.Page<ObjectRecordQueries.Log> logs(String accountId, String objectTypeId, Query query) {
        SqlFragment filter = SqlFilter.translate(query.filter(), SqlFilter.supported(query.filter(), LOG_FILTERS));
        OffsetDateTime since = now().minus(LOG_RETENTION);
        List<ObjectRecordQueries.Log> rows = jdbc.read(c -> {
            requireType(c, accountId, objectTypeId);
            return ObjectRecordQueries.logs(c, accountId, objectTypeId, since, filter, Paging.position(query.cursor()), LOG_PAGE + 1);
        });
        return Paging.page(rows, LOG_PAGE, query.cursor(), "", l -> new String[] {l.at().toString(), l.id()});
    }


    private static void requireType(java.sql.Connection c, String accountId, String objectTypeId) throws java.sql.SQLException {
        if (!ObjectTypes.exists(c, accountId, objectTypeId)) {
            throw new ApiError(404, "not_found", "Not found.", "An object type with id '" + objectTypeId + "' does not exist.",
                    ApiError.Source.parameter("id"), null);
        }
    }

    /** Each broken rule, pointing into the record where its path names one member. */
    private static ApiErrors refusal(Ingestion.Rejected rejected) {
        List<ApiError> errors = new ArrayList<>();
        for (TypeOutcome o : rejected.outcomes()) {
            for (TypeOutcome.Failure f : o.failures()) {
                String pointer = IngestionInput.SINGLE_RECORD + (f.pointer() == null ? "" : f.pointer());
                String value = f.invalidValue() == null ? "" : " (got " + f.invalidValue() + ")";
                errors.add(ApiError.invalidPointer(pointer, "'" + f.property() + "' of object type " + o.objectTypeId() + ": "
                        + f.message() + value + " [" + f.code() + "]."));
            }
        }
        return new ApiErrors(errors);
    }

    /** A data source the request names that does not exist fails the foreign key of the first row naming it. */
    private static void unknownSourceIs404(String dataSourceId, Runnable work) {
        try {
            work.run();
        } catch (Jdbc.StoreException e) {
            if (!"23503".equals(e.sqlException().getSQLState())) throw e;
            throw new ApiError(404, "not_found", "Not found.", "A data source with id '" + dataSourceId + "' does not exist.",
                    ApiError.Source.pointer("/data/relationships/data-source/data/id"), null);
        }
    }

    private static ApiError recordNotFound(String id) {
        return new ApiError(404, "not_found", "Not found.", "An object record with id '" + id + "' does not exist.",
                ApiError.Source.parameter("id"), null);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);
    }
}
