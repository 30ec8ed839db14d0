package dev.openprofile.imports;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.jobs.Job;
import dev.openprofile.jobs.JobHandler;
import dev.openprofile.jobs.JobQueue;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.jsonapi.Query;
import dev.openprofile.jsonapi.filter.SqlFilter;
import dev.openprofile.jsonapi.filter.SqlFragment;
import dev.openprofile.lists.ListService;
import dev.openprofile.profiles.ChunkUpsert;
import dev.openprofile.profiles.ProfileChanges;
import dev.openprofile.profiles.ProfileInput;
import dev.openprofile.profiles.ProfileService;
import dev.openprofile.store.Jdbc;
import dev.openprofile.store.Keyset;
import dev.openprofile.store.Paging;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Bulk profile imports: accepted durably (202 once stored), then processed by the job workers in
 * committed chunks, each profile upserted by the profile core's one upsert path.
 */
public final class ImportService implements JobHandler {
    static final int CHUNK = 1000;

    private final Jdbc jdbc;
    private final ImportStore store = new ImportStore();
    private final ProfileService profiles;
    private final ListService lists;
    private final Clock clock;
    private final Supplier<String> ids;
    private final Runnable wakeWorkers;

    public ImportService(Jdbc jdbc, ProfileService profiles, ListService lists, Clock clock, Supplier<String> ids,
                         Runnable wakeWorkers) {
        this.jdbc = jdbc;
        this.profiles = profiles;
        this.lists = lists;
        this.clock = clock;
        this.ids = ids;
        this.wakeWorkers = wakeWorkers;
    }

    @Override
    public String kind() {
        return ImportJob.KIND;
    }

    /** Stores the job and its profiles in one transaction; the 202 is sent only after it commits. */
    ImportJob submit(String accountId, ImportInput.Submission submission) {
        List<String> unknown = lists.unknownIds(accountId, submission.listIds());
        if (!unknown.isEmpty()) {
            throw new ApiError(404, "not_found", "Not found.", "A list with id '" + unknown.get(0) + "' does not exist.",
                    ApiError.Source.pointer("/data/relationships/lists/data/" + submission.listIds().indexOf(unknown.get(0)) + "/id"),
                    null);
        }
        String jobId = ids.get();
        OffsetDateTime now = now();
        List<byte[]> payloads = submission.profiles();
        Job job = jdbc.inTransaction(c -> {
            Job queued = JobQueue.enqueue(c, accountId, jobId, ImportJob.KIND, now);
            store.insert(c, accountId, jobId, payloads, submission.listIds(), CHUNK);
            return queued;
        });
        wakeWorkers.run();
        return new ImportJob(job, payloads.size(), 0, 0, submission.listIds());
    }

    @Override
    public boolean processChunk(Connection c, Job job) throws SQLException {
        store.lock(c, job);
        var staged = store.nextChunk(c, job);
        if (staged.isEmpty()) return true;
        ImportStore.Chunk chunk = staged.get();
        JsonNode items = parse(chunk.payloads());
        List<String> listIds = store.listIds(c, job);
        String[] profileIds = new String[items.size()];
        List<Integer> valid = new ArrayList<>();
        List<ProfileChanges> changes = new ArrayList<>();
        int failed = 0;
        for (int i = 0; i < items.size(); i++) {
            try {
                changes.add(ProfileInput.parseUpsert(items.get(i), pointer(chunk.firstIndex() + i)));
                valid.add(i);
            } catch (ApiError e) {
                recordError(c, job, chunk.firstIndex() + i, items.get(i), e);
                failed++;
            }
        }
        List<ChunkUpsert.ItemResult> results = profiles.upsertChunk(c, job.accountId(), changes);
        for (int k = 0; k < valid.size(); k++) {
            int i = valid.get(k);
            ChunkUpsert.ItemResult r = results.get(k);
            if (r.error() != null) {
                recordError(c, job, chunk.firstIndex() + i, items.get(i), r.error());
                failed++;
            } else {
                profileIds[i] = r.profileId();
            }
        }
        List<String> imported = java.util.Arrays.stream(profileIds).filter(java.util.Objects::nonNull).toList();
        lists.addMembers(c, job.accountId(), listIds, imported.stream().distinct().toList());
        store.finishChunk(c, job, chunk, java.util.Arrays.asList(profileIds), imported.size(), failed);
        return !store.hasChunks(c, job);
    }

    private static String pointer(int index) {
        return ImportInput.PROFILES + "/" + index;
    }

    private void recordError(Connection c, Job job, int index, JsonNode item, ApiError e) throws SQLException {
        String pointer = pointer(index);
        // Errors of the profile core point into a single profile's body (/data/...); here that body is
        // the item, so the pointer continues below it.
        ApiError.Source nested = e.nestedAt(pointer).source();
        String source = nested != null && nested.pointer() != null && nested.pointer().startsWith(pointer)
                ? nested.pointer() : pointer;
        store.recordError(c, job, new ImportStore.ImportError(index, UUID.randomUUID().toString(), e.code(),
                e.title(), e.detail(), source, item.toString()));
    }

    private static JsonNode parse(byte[] storedPayload) {
        try {
            return Json.MAPPER.readTree(storedPayload);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored payloads are JSON", e);
        }
    }


    ImportJob get(String accountId, String jobId) {
        return jdbc.read(c -> store.find(c, accountId, jobId)).orElseThrow(() -> notFound(jobId));
    }

    Paging.Page<ImportStore.Row> list(String accountId, Query query) {
        Query.Sort sort = query.sort().orElseThrow();
        Keyset keyset = new Keyset("j.created_at", "timestamptz", "j.id", sort.descending());
        SqlFragment filter = SqlFilter.translate(query.filter(), Map.of("status", "j.status"));
        Keyset.Position at = Paging.position(query.cursor());
        List<ImportStore.Row> rows = jdbc.read(c -> store.list(c, accountId, filter, keyset, at, query.pageSize() + 1));
        return Paging.page(rows, query.pageSize(), query.cursor(), sort.field(),
                r -> new String[] {r.sortKey(), r.job().job().id()});
    }

    Paging.Page<String[]> profileIds(String accountId, String jobId, Query query) {
        get(accountId, jobId);
        Keyset.Position at = Paging.position(query.cursor());
        List<String[]> rows = jdbc.read(c -> store.profileIds(c, accountId, jobId, at, query.pageSize() + 1));
        return Paging.page(rows, query.pageSize(), query.cursor(), "idx", r -> new String[] {r[0], r[0]});
    }

    Paging.Page<ImportStore.ImportError> errors(String accountId, String jobId, Query query) {
        get(accountId, jobId);
        Keyset.Position at = Paging.position(query.cursor());
        List<ImportStore.ImportError> rows = jdbc.read(c -> store.errors(c, accountId, jobId, at, query.pageSize() + 1));
        return Paging.page(rows, query.pageSize(), query.cursor(), "idx",
                r -> new String[] {String.valueOf(r.index()), String.valueOf(r.index())});
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);
    }

    static ApiError notFound(String jobId) {
        return new ApiError(404, "not_found", "Not found.", "A bulk import job with id '" + jobId + "' does not exist.",
                ApiError.Source.parameter("job_id"), null);
    }
}
