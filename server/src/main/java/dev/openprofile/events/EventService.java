package dev.openprofile.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.f4b6a3.ulid.Ulid;
import dev.openprofile.jobs.Job;
import dev.openprofile.jobs.JobHandler;
import dev.openprofile.jobs.JobQueue;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.jsonapi.Query;
import dev.openprofile.jsonapi.filter.SqlFilter;
import dev.openprofile.jsonapi.filter.SqlFragment;
import dev.openprofile.metrics.MetricService;
import dev.openprofile.profiles.Profile;
import dev.openprofile.profiles.ProfileService;
import dev.openprofile.store.Jdbc;
import dev.openprofile.store.Keyset;
import dev.openprofile.store.Paging;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Events: each stored in one transaction with its profile's upsert (the profile core's one path),
 * deduplicated by profile, metric and unique_id (or time); bulk jobs durable in the job queue.
 */
public final class EventService implements JobHandler {
    static final String BULK_KIND = "event-bulk-create-job";
    static final int CHUNK = 100;
    private static final Logger log = LoggerFactory.getLogger(EventService.class);

    private final Jdbc jdbc;
    private final EventStore store = new EventStore();
    private final ProfileService profiles;
    private final MetricService metrics;
    private final Clock clock;
    private final Supplier<String> ids;
    private final Runnable wakeWorkers;

    public EventService(Jdbc jdbc, ProfileService profiles, MetricService metrics, Clock clock, Supplier<String> ids,
                        Runnable wakeWorkers) {
        this.jdbc = jdbc;
        this.profiles = profiles;
        this.metrics = metrics;
        this.clock = clock;
        this.ids = ids;
        this.wakeWorkers = wakeWorkers;
    }

    /** A stored event's metric. */
    private record Stored(MetricService.Name metric, String metricId) {}

    /** An equal event was stored before: this one is dropped, and its transaction rolled back. */
    private static final class Duplicate extends RuntimeException {
        Duplicate() {
            super("duplicate event", null, false, false);
        }
    }

    /**
     * Stores one event (202 once it commits); false when an equal event was stored before. Errors of
     * the profile core point into the event's profile at {@code profileBase}.
     */
    boolean create(String accountId, EventInput.NewEvent e, String profileBase) {
        OffsetDateTime time = e.time() != null ? e.time() : now();
        Stored s;
        try {
            s = jdbc.inTransaction(c -> store(c, accountId, time, e));
        } catch (ApiError error) {
            throw error.nestedAt(profileBase);
        } catch (Duplicate d) {
            return false;
        }
        metrics.remember(s.metric(), s.metricId());
        metrics.learn(accountId, s.metricId(), e.properties());
        return true;
    }

    private Stored store(Connection c, String accountId, OffsetDateTime time, EventInput.NewEvent e) throws SQLException {
        MetricService.Name metric = new MetricService.Name(accountId, e.metricName(), e.integrationKey());
        Profile profile = profiles.upsertLocked(c, accountId, e.profile(), time).profile();
        String metricId = metrics.findOrCreate(c, metric);
        // A duplicate changes nothing, its profile's attributes included: the caller rolls back.
        if (!insertOnce(c, accountId, Event.at(time, metricId, profile.id(), e.value(), e.valueCurrency(), e.uniqueId(),
                e.properties()))) {
            throw new Duplicate();
        }
        return new Stored(metric, metricId);
    }

    /**
     * Records an event of one of Klaviyo's own metrics (e.g. "Subscribed to Back in Stock") on a profile that
     * the caller's transaction has upserted: it commits or rolls back with the caller's writes. A repeated
     * {@code uniqueId} records nothing. Returns what to run once the transaction has committed (the metric
     * caches, which must never learn of a metric that was rolled back).
     */
    public Runnable recordLocked(Connection c, String accountId, String profileId, ProfileEvent e) throws SQLException {
        MetricService.Name metric = new MetricService.Name(accountId, e.metricName(), e.integrationKey());
        String metricId = metrics.findOrCreate(c, metric);
        if (!insertOnce(c, accountId, Event.at(e.time(), metricId, profileId, null, null, e.uniqueId(), e.properties()))) {
            return () -> {};
        }
        return () -> {
            metrics.remember(metric, metricId);
            metrics.learn(accountId, metricId, e.properties());
        };
    }

    /** One event of a batch: the profile it happened to. */
    public record Recorded(String profileId, ProfileEvent event) {}

    /**
     * {@link #recordLocked} for many events of one metric at once (a campaign's send records one per recipient):
     * their deduplication keys claimed in one statement and the events stored in one batch, in the caller's
     * transaction, as a bulk job's chunk stores them. Returns the ids of the profiles whose event was stored (a
     * repeated {@code uniqueId} stores nothing). The metric is not put in the cache (the caller's transaction may yet
     * roll back, and a job's chunk has no after-commit step): the next lookup finds it in the database.
     */
    public java.util.Set<String> recordAllLocked(Connection c, String accountId, String metricName, String integrationKey,
                                                 List<Recorded> events) throws SQLException {
        if (events.isEmpty()) return java.util.Set.of();
        MetricService.Name metric = new MetricService.Name(accountId, metricName, integrationKey);
        String metricId = metrics.findOrCreate(c, metric);
        List<String> keys = events.stream().map(r -> dedupKey(r.event().uniqueId(), r.event().time())).toList();
        java.util.Set<String> claimed = store.claimAll(c, accountId, metricId,
                events.stream().map(Recorded::profileId).toList(), keys);
        List<Event> stored = new java.util.ArrayList<>();
        java.util.Set<String> profiles = new java.util.HashSet<>();
        for (int i = 0; i < events.size(); i++) {
            Recorded r = events.get(i);
            // A key claimed now is stored once, even if the batch repeats it.
            if (!claimed.remove(r.profileId() + '\u0000' + keys.get(i))) continue;
            profiles.add(r.profileId());
            ProfileEvent e = r.event();
            stored.add(Event.at(e.time(), metricId, r.profileId(), null, null, e.uniqueId(), e.properties()));
        }
        store.insertAll(c, accountId, stored);
        // Learned at once, as a bulk job's chunk does.
        if (!stored.isEmpty()) metrics.learn(accountId, metricId, stored.get(0).properties());
        return profiles;
    }

    private static String dedupKey(String uniqueId, OffsetDateTime time) {
        return uniqueId != null ? "u:" + uniqueId : "t:" + time.toEpochSecond();
    }

    /** Claims the event's deduplication key and stores it; false (nothing stored) when an equal event was stored before. */
    private boolean insertOnce(Connection c, String accountId, Event e) throws SQLException {
        // "multiple events for a profile with the same metric and timestamp ... only one event will be
        // processed"; with a unique_id, the unique_id decides (semantics §15).
        String key = dedupKey(e.uniqueId(), e.datetime());
        if (!store.claim(c, accountId, e.metricId(), e.profileId(), key)) return false;
        store.insert(c, accountId, e);
        return true;
    }

    /** Accepts a bulk job: its events (times fixed now, where none was given) commit with the job row. */
    void submitBulk(String accountId, List<EventInput.NewEvent> events) {
        ArrayNode stored = Json.MAPPER.createArrayNode();
        OffsetDateTime now = now();
        for (EventInput.NewEvent e : events) {
            var copy = e.stored().deepCopy();
            if (e.time() == null) ((ObjectNode) copy.get("attributes")).put("time", now.toString());
            stored.add(copy);
        }
        String jobId = ids.get();
        jdbc.inTransaction(c -> {
            JobQueue.enqueue(c, accountId, jobId, BULK_KIND, now);
            store.insertBulk(c, accountId, jobId, stored);
            return null;
        });
        wakeWorkers.run();
    }

    @Override
    public String kind() {
        return BULK_KIND;
    }

    @Override
    public boolean processChunk(Connection c, Job job) throws SQLException {
        EventStore.BulkChunk chunk = store.lockBulkChunk(c, job, CHUNK);
        ArrayNode events = chunk.events();
        int next = chunk.from();
        int end = next + events.size();
        for (int i = next; i < end; i++) {
            JsonNode stored = events.get(i - next);
            Savepoint sp = c.setSavepoint();
            try {
                EventInput.NewEvent e = EventInput.NewEvent.restore(stored, "/events/" + i, now());
                Stored s = store(c, job.accountId(), e.time(), e);
                c.releaseSavepoint(sp);
                // Not remembered: the chunk has not committed. Its properties are learned at once (a
                // chunk rolled back leaves property rows of a metric that its repetition creates).
                metrics.learn(job.accountId(), s.metricId(), e.properties());
            } catch (Duplicate d) {
                c.rollback(sp);
            } catch (ApiError | SQLException ex) {
                c.rollback(sp);
                // Validated when accepted, so this is a conflict found only now (e.g. identifiers of two profiles).
                log.warn("bulk event job {}: event {} not stored: {}", job.id(), i, ex.getMessage());
            }
        }
        store.advanceBulk(c, job, end);
        return end >= chunk.total();
    }

    Event get(String accountId, String id) {
        OffsetDateTime at;
        try {
            at = OffsetDateTime.ofInstant(Instant.ofEpochMilli(Ulid.from(id).getTime()), ZoneOffset.UTC);
        } catch (IllegalArgumentException notUlid) {
            throw notFound(id);
        }
        return jdbc.read(c -> store.find(c, accountId, id, at)).orElseThrow(() -> notFound(id));
    }

    Paging.Page<EventStore.Row> list(String accountId, Query query) {
        Query.Sort sort = query.sort().orElseThrow();
        Keyset keyset = new Keyset("e.datetime", "timestamptz", "e.id", sort.descending());
        SqlFragment filter = SqlFilter.translate(query.filter(), FILTER_COLUMNS);
        Keyset.Position at = Paging.position(query.cursor());
        List<EventStore.Row> rows = jdbc.read(c -> store.list(c, accountId, filter, keyset, at, query.pageSize() + 1));
        return Paging.page(rows, query.pageSize(), query.cursor(), sort.field(),
                r -> new String[] {r.sortKey(), r.event().id()});
    }

    /** timestamp is the datetime in Unix seconds; has(profile) and has(metric) hold for every event. */
    private static final Map<String, String> FILTER_COLUMNS = Map.of(
            "metric_id", "e.metric_id", "profile_id", "e.profile_id", "profile", "e.profile_id", "metric", "e.metric_id",
            "datetime", "e.datetime", "timestamp", "extract(epoch from e.datetime)");

    Optional<Profile> profileOf(String accountId, Event e) {
        return profiles.find(accountId, e.profileId());
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);
    }

    static ApiError notFound(String id) {
        return new ApiError(404, "not_found", "Not found.", "An event with id '" + id + "' does not exist.",
                ApiError.Source.parameter("id"), null);
    }

    /** How many events the account holds (its overview in the console): an exact count, not for a paged table. */
    public long count(String accountId) {
        return jdbc.read(c -> dev.openprofile.store.Statements.number(c, "select count(*) from event where account_id = ?", accountId));
    }
}
