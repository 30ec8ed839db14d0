package dev.openprofile.catalogs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.jobs.Job;
import dev.openprofile.jobs.JobHandler;
import dev.openprofile.jobs.JobQueue;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.jsonapi.Query;
import dev.openprofile.jsonapi.filter.SqlFilter;
import dev.openprofile.jsonapi.filter.SqlFragment;
import dev.openprofile.resource.ResourceInput;
import dev.openprofile.resource.ResourceKind;
import dev.openprofile.resource.ResourceService;
import dev.openprofile.store.AdvisoryLock;
import dev.openprofile.store.Jdbc;
import dev.openprofile.store.Keyset;
import dev.openprofile.store.Paging;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
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
 * The bulk jobs of every family (the catalogs' nine, and coupon codes'): accepted durably (the 202 follows the commit of the job and its
 * records), then processed by the job workers in committed chunks. Each record goes through the very code of
 * the single call (ResourceInput, then ResourceService's create/update/delete on the chunk's connection) under
 * its own savepoint, so a record that fails leaves nothing behind and becomes one of the job's errors, with
 * the pointer the single call would give, below the record's place in the body. Creates go through the kit's
 * batched create, which gives each record that same outcome with one insert for the chunk's clean records.
 */
public final class CatalogBulkJobs {
    /**
     * Records per committed chunk: a crash repeats at most this many. A whole job (at most 100 records), so a job
     * commits once and its records are read and parsed once (bench/catalog-sync.sh: 25 made each job 4 transactions
     * and 4 reads and parses of its stored records).
     */
    static final int CHUNK = 100;
    /** The job lists have no page[size]: "Returns a maximum of 100 jobs per request". */
    static final int PAGE = 100;

    private final Jdbc jdbc;
    private final CatalogBulkStore store = new CatalogBulkStore();
    private final List<BulkFamily> families;
    private final Clock clock;
    private final Supplier<String> ids;
    private final Runnable wakeWorkers;

    public CatalogBulkJobs(Jdbc jdbc, List<BulkFamily> families, Clock clock, Supplier<String> ids, Runnable wakeWorkers) {
        this.jdbc = jdbc;
        this.families = List.copyOf(families);
        this.clock = clock;
        this.ids = ids;
        this.wakeWorkers = wakeWorkers;
    }

    List<BulkFamily> families() {
        return families;
    }

    /** One job-queue handler per family (the queue's kind is the family's type). */
    public List<JobHandler> handlers() {
        return families.stream().<JobHandler>map(f -> new JobHandler() {
            @Override
            public String kind() {
                return f.type();
            }

            @Override
            public boolean processChunk(Connection c, Job job) throws SQLException {
                return process(f, c, job);
            }
        }).toList();
    }

    /** Checks the request (its shape, and each record against the schema: {@link #checkRecords}) and stores the job. */
    BulkJob submit(BulkFamily f, String accountId, JsonNode data) {
        ArrayNode records = records(f, data);
        String jobId = ids.get();
        OffsetDateTime now = now();
        Job job = jdbc.inTransaction(c -> {
            requireRoom(c, f.pool(), accountId);
            Job queued = JobQueue.enqueue(c, accountId, jobId, f.type(), now);
            store.insert(c, accountId, jobId, records.size(), Json.bytes(records));
            return queued;
        });
        wakeWorkers.run();
        return new BulkJob(job, records.size(), 0, 0, List.of(), Json.MAPPER.createArrayNode());
    }

    /**
     * Refuses a job while the account has its pool's most jobs queued or processing: 429, as the rate limits
     * answer, so the SDKs' own retry waits for room (docs/compatibility.md). The pool's lock makes the count and
     * the insert one step, so concurrent submissions cannot both take the last place.
     */
    private void requireRoom(Connection c, BulkFamily.Pool pool, String accountId) throws SQLException {
        AdvisoryLock.take(c, "bulk_job_pool:" + pool.name() + ":" + accountId);
        List<String> kinds = families.stream().filter(f -> f.pool().equals(pool)).map(BulkFamily::type).toList();
        if (JobQueue.inProgress(c, accountId, kinds) >= pool.maxInProgress()) {
            throw new ApiError(429, "throttled", "Request was throttled.", "The maximum number of jobs in progress at one"
                    + " time is " + pool.maxInProgress() + "; submit this job when one of them has completed.",
                    ApiError.Source.pointer("/data"), null);
        }
    }

    /** {@code data.attributes.<member>.data}: an array of 1 to the family's most records; nothing else in {@code data}. */
    static ArrayNode records(BulkFamily f, JsonNode data) {
        if (!data.isObject()) throw ApiError.invalidPointer("/data", "'data' must be an object.");
        only(data, "/data", List.of("type", "attributes"));
        if (!f.type().equals(data.path("type").asText(null))) {
            throw ApiError.invalidPointer("/data/type", "'type' must be '" + f.type() + "'.");
        }
        JsonNode attributes = data.get("attributes");
        if (attributes == null || !attributes.isObject()) throw ApiError.invalidPointer("/data/attributes", "'attributes' must be an object.");
        String at = "/data/attributes/" + f.member();
        only(attributes, "/data/attributes", List.of(f.member()));
        JsonNode member = attributes.get(f.member());
        if (member == null || !member.isObject()) throw ApiError.invalidPointer(at, "'" + f.member() + "' is a required field.");
        only(member, at, List.of("data"));
        JsonNode array = member.get("data");
        if (array == null || !array.isArray()) throw ApiError.invalidPointer(at + "/data", "'data' must be an array.");
        if (array.isEmpty()) throw ApiError.invalidPointer(at + "/data", "A bulk job needs at least one record.");
        if (array.size() > f.maxRecords()) {
            throw ApiError.invalidPointer(at + "/data", "A bulk job accepts up to " + f.maxRecords() + " " + f.member()
                    + " per request; this one has " + array.size() + ".");
        }
        checkRecords(f, array, at + "/data");
        return (ArrayNode) array;
    }

    /**
     * What the schema alone refuses makes the whole request a 400 at the record's pointer, as Klaviyo validates a
     * body against its schema before accepting it (docs/compatibility.md, "Catalogs"); so does a resource named
     * twice in one request. What only stored state refuses is left to the job, as a per-record error.
     */
    private static void checkRecords(BulkFamily f, JsonNode array, String at) {
        ResourceKind kind = f.records().kind();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            String base = at + "/" + i;
            JsonNode record = array.get(i);
            String id;
            String pointer;
            switch (f.action()) {
                case CREATE -> {
                    ResourceInput.Changes changes = ResourceInput.create(kind, record, base);
                    id = kind.ids().idFor(changes.attributes(), toOne(kind, changes));
                    pointer = base + "/attributes/" + kind.ids().namingAttribute();
                }
                case UPDATE -> {
                    id = ResourceInput.update(kind, record, base).id();
                    pointer = base + "/id";
                }
                case DELETE -> {
                    id = ResourceInput.identifier(record, base, kind.type());
                    pointer = base + "/id";
                }
                default -> throw new IllegalStateException();
            }
            if (id != null && !seen.add(id)) {
                throw ApiError.invalidPointer(pointer, "'" + id + "' appears more than once in this request.");
            }
        }
    }

    /** The to-one targets a create names, by relationship (a coupon code's id includes its coupon's). */
    private static Map<String, String> toOne(ResourceKind kind, ResourceInput.Changes changes) {
        Map<String, String> out = new java.util.HashMap<>();
        for (var r : kind.relationships()) {
            List<String> given = r.toOne() ? changes.relationships().get(r.name()) : null;
            if (given != null) out.put(r.name(), given.get(0));
        }
        return out;
    }

    private static void only(JsonNode node, String pointer, List<String> members) {
        for (var it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!members.contains(key)) throw ApiError.invalidPointer(pointer + "/" + key, "'" + key + "' is not allowed here.");
        }
    }

    /** The next chunk of a job: each record applied or failed, and the progress past them, in the caller's transaction. */
    private boolean process(BulkFamily f, Connection c, Job job) throws SQLException {
        CatalogBulkStore.Progress progress = store.lock(c, job);
        if (progress.nextIndex() >= progress.totalCount()) return true;
        JsonNode records = parse(progress.records());
        int end = Math.min(progress.totalCount(), progress.nextIndex() + CHUNK);
        List<String> written = new ArrayList<>();
        ArrayNode errors = Json.MAPPER.createArrayNode();
        if (f.action() == BulkFamily.Action.CREATE) {
            createChunk(f, c, job.accountId(), records, progress.nextIndex(), end, written, errors);
        } else {
            for (int i = progress.nextIndex(); i < end; i++) {
                String base = "/data/attributes/" + f.member() + "/data/" + i;
                Savepoint sp = c.setSavepoint();
                try {
                    written.add(apply(f, c, job.accountId(), records.get(i), base));
                    c.releaseSavepoint(sp);
                } catch (ApiError e) {
                    c.rollback(sp);
                    errors.add(error(e, base));
                }
            }
        }
        boolean last = end >= progress.totalCount();
        store.advance(c, job, end, written.size(), errors.size(), written, errors, last);
        return last;
    }

    /**
     * Creates records {@code from} to {@code end}: each read by the single call's ResourceInput, then all through
     * the kit's batched create, which gives each the single create's outcome (most in one statement).
     */
    private static void createChunk(BulkFamily f, Connection c, String accountId, JsonNode records, int from, int end,
                                    List<String> written, ArrayNode errors) throws SQLException {
        ResourceKind kind = f.records().kind();
        List<ResourceInput.Changes> valid = new ArrayList<>();
        List<String> bases = new ArrayList<>();
        ApiError[] refused = new ApiError[end - from];
        for (int i = from; i < end; i++) {
            String base = "/data/attributes/" + f.member() + "/data/" + i;
            try {
                valid.add(ResourceInput.create(kind, records.get(i), base));
                bases.add(base);
            } catch (ApiError e) {
                refused[i - from] = e;
            }
        }
        var created = f.records().createAll(c, accountId, valid, bases).iterator();
        for (int i = from; i < end; i++) {
            String base = "/data/attributes/" + f.member() + "/data/" + i;
            ApiError e = refused[i - from];
            if (e == null) {
                ResourceService.Created outcome = created.next();
                if (outcome.error() == null) {
                    written.add(outcome.row().id());
                    continue;
                }
                e = outcome.error();
            }
            errors.add(error(e, base));
        }
    }

    /** One record through the single call's code; its resource id. */
    private static String apply(BulkFamily f, Connection c, String accountId, JsonNode record, String base) throws SQLException {
        ResourceService service = f.records();
        ResourceKind kind = service.kind();
        return switch (f.action()) {
            case CREATE -> service.create(c, accountId, ResourceInput.create(kind, record, base), base).id();
            case UPDATE -> {
                ResourceInput.Changes changes = ResourceInput.update(kind, record, base);
                yield service.update(c, accountId, changes, base).orElseThrow(() -> notFoundAt(service, changes.id(), base)).id();
            }
            case DELETE -> {
                String id = ResourceInput.identifier(record, base, kind.type());
                if (!service.delete(c, accountId, id)) throw notFoundAt(service, id, base);
                yield id;
            }
        };
    }

    /** The single call's 404 (its id is in the URL); in a job the id is the record's, so the pointer names it. */
    private static ApiError notFoundAt(ResourceService service, String id, String base) {
        ApiError e = service.notFound(id);
        return new ApiError(e.status(), e.code(), e.title(), e.detail(), ApiError.Source.pointer(base + "/id"), null);
    }

    /** An APIJobErrorPayload: the request error's code, title and detail, its pointer below the record's place. */
    private static ObjectNode error(ApiError e, String base) {
        String pointer = e.source() != null && e.source().pointer() != null && e.source().pointer().startsWith(base)
                ? e.source().pointer() : base;
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("id", UUID.randomUUID().toString());
        node.put("code", e.code());
        node.put("title", e.title());
        node.put("detail", e.detail());
        node.putObject("source").put("pointer", pointer);
        return node;
    }

    BulkJob get(BulkFamily f, String accountId, String jobId) {
        return jdbc.read(c -> store.find(c, accountId, f.type(), jobId)).orElseThrow(() -> new ApiError(404, "not_found",
                "Not found.", "A " + f.type() + " with id '" + jobId + "' does not exist.", ApiError.Source.parameter("job_id"), null));
    }

    /** A family's jobs, oldest first, 100 a page, filtered by status. */
    Paging.Page<CatalogBulkStore.Row> list(BulkFamily f, String accountId, Query query) {
        Keyset keyset = new Keyset("j.created_at", "timestamptz", "j.id", false);
        SqlFragment filter = SqlFilter.translate(query.filter(), Map.of("status", "j.status"));
        Keyset.Position at = Paging.position(query.cursor());
        List<CatalogBulkStore.Row> rows = jdbc.read(c -> store.list(c, accountId, f.type(), filter, keyset, at, PAGE + 1));
        return Paging.page(rows, PAGE, query.cursor(), "created_at", r -> new String[] {r.sortKey(), r.job().job().id()});
    }

    private static JsonNode parse(byte[] records) {
        try {
            return Json.MAPPER.readTree(records);
        } catch (IOException e) {
            throw new IllegalStateException("stored records are JSON", e);
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);
    }
}
