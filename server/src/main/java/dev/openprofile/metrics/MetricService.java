package dev.openprofile.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.jsonapi.Query;
import dev.openprofile.jsonapi.filter.SqlFilter;
import dev.openprofile.jsonapi.filter.SqlFragment;
import dev.openprofile.store.Jdbc;
import dev.openprofile.store.Keyset;
import dev.openprofile.store.Paging;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Metrics: found or created by name and integration as events arrive, and the property keys their
 * events carry. Both are remembered per node once stored, so an event of a known metric with known
 * keys costs no metric SQL at all.
 */
public final class MetricService {
    static final int SAMPLES = 5;
    private static final int ID_ATTEMPTS = 5;

    private final Jdbc jdbc;
    private final MetricStore store = new MetricStore();
    private final Clock clock;
    private final Supplier<String> metricIds;
    private final Supplier<String> ids;
    /** Committed metrics' ids; metrics are deleted only by an account's reset, which calls {@link #forget}. */
    private final Map<Name, String> known = new ConcurrentHashMap<>();
    /** account|metric|property to the sample values stored so far (at most SAMPLES). */
    private final Map<String, Set<String>> learned = new ConcurrentHashMap<>();

    /**
     * @param metricIds metric ids, Klaviyo-like (6 letters and digits)
     * @param ids       metric property ids
     */
    public MetricService(Jdbc jdbc, Clock clock, Supplier<String> metricIds, Supplier<String> ids) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.metricIds = metricIds;
        this.ids = ids;
    }

    /** A metric by name and integration, as an event names it. */
    public record Name(String accountId, String name, String integrationKey) {}

    /**
     * The id of the named metric, created inside the caller's transaction when new, so that an event
     * rejected later in that transaction leaves no metric behind. Call {@link #remember} once it commits.
     */
    public String findOrCreate(Connection c, Name n) throws SQLException {
        String id = known.get(n);
        if (id != null) return id;
        for (int attempt = 1; ; attempt++) {
            OffsetDateTime now = now();
            Savepoint sp = c.setSavepoint();
            try {
                id = store.findOrInsert(c, n.accountId(), new Metric(metricIds.get(), n.name(), n.integrationKey(), now, now));
                c.releaseSavepoint(sp);
                return id;
            } catch (SQLException e) {
                c.rollback(sp);
                // another metric holds the random id: draw again
                if (!"23505".equals(e.getSQLState()) || attempt >= ID_ATTEMPTS) throw e;
            }
        }
    }

    /** Drops what this node remembers of the account's metrics: its state was reset or replaced (package state). */
    public void forget(String accountId) {
        known.keySet().removeIf(n -> n.accountId().equals(accountId));
        learned.keySet().removeIf(k -> k.startsWith(accountId + "|"));
    }

    /** Remembers a committed metric's id, so that its next events skip the metric SQL. */
    public void remember(Name n, String id) {
        known.put(n, id);
    }

    /**
     * Learns the top-level property keys of an event of the metric (and up to {@value #SAMPLES} sample
     * values of each), after the event is stored: a key is written once, then only remembered.
     */
    public void learn(String accountId, String metricId, JsonNode properties) {
        for (var e : properties.properties()) {
            String key = accountId + "|" + metricId + "|" + e.getKey();
            Set<String> samples = learned.get(key);
            if (samples != null && samples.size() >= SAMPLES) continue; // the common case: nothing to serialize
            // The spec's sample values are scalars: a list or object is sampled as its JSON text.
            JsonNode sample = e.getValue().isContainerNode() ? Json.MAPPER.getNodeFactory().textNode(e.getValue().toString()) : e.getValue();
            String value = sample.toString();
            if (samples != null && samples.contains(value)) continue;
            jdbc.inTransaction(c -> {
                ArrayNode first = Json.MAPPER.createArrayNode().add(sample);
                MetricProperty p = new MetricProperty(ids.get(), metricId, e.getKey(), inferredType(e.getValue()), first);
                if (!store.learnProperty(c, accountId, p, now())) store.addSample(c, accountId, metricId, e.getKey(), value, SAMPLES);
                return null;
            });
            learned.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(value);
        }
    }

    /** Klaviyo's type names for a property's values ("List" in the spec's example). */
    static String inferredType(JsonNode v) {
        if (v.isNumber()) return "Number";
        if (v.isBoolean()) return "Boolean";
        if (v.isArray()) return "List";
        if (v.isObject()) return "Object";
        return "String";
    }

    public Optional<Metric> find(String accountId, String id) {
        return jdbc.read(c -> store.find(c, accountId, id));
    }

    /**
     * The account's metrics with these ids, by id (custom metrics name metrics in their definitions, mapped metrics
     * map to one); ids the account does not have are absent. One query, however many ids.
     */
    public Map<String, Metric> findAll(String accountId, List<String> ids) {
        if (ids.isEmpty()) return Map.of();
        Map<String, Metric> out = new java.util.LinkedHashMap<>();
        for (Metric m : jdbc.read(c -> store.findAll(c, accountId, ids))) out.put(m.id(), m);
        return out;
    }

    /** The ids of the account's metrics of one integration with these names (Klaviyo's own, for reports), by name. */
    public Map<String, String> idsNamed(String accountId, String integrationKey, List<String> names) {
        return jdbc.read(c -> store.idsNamed(c, accountId, integrationKey, names));
    }

    /** Whether the account has this metric (segment definitions name metrics). */
    public boolean exists(String accountId, String id) {
        return find(accountId, id).isPresent();
    }

    Metric get(String accountId, String id) {
        return find(accountId, id).orElseThrow(() -> notFound("metric", id));
    }

    Paging.Page<MetricStore.Row> list(String accountId, Query query) {
        SqlFragment filter = SqlFilter.translate(query.filter(), Map.of(
                "integration.name", MetricDescriptor.INTEGRATION_NAME_SQL,
                "integration.category", MetricDescriptor.INTEGRATION_CATEGORY_SQL));
        Keyset keyset = new Keyset("m.id", "text", "m.id", false);
        Keyset.Position at = Paging.position(query.cursor());
        List<MetricStore.Row> rows = jdbc.read(c -> store.list(c, accountId, filter, keyset, at, PAGE + 1));
        return Paging.page(rows, PAGE, query.cursor(), "id", r -> new String[] {r.sortKey(), r.metric().id()});
    }

    /** get_metrics takes no page size: Klaviyo's pages of metrics hold 200. */
    static final int PAGE = 200;

    List<MetricProperty> properties(String accountId, String metricId) {
        get(accountId, metricId);
        return jdbc.read(c -> store.properties(c, accountId, metricId));
    }

    MetricProperty property(String accountId, String id) {
        return jdbc.read(c -> store.property(c, accountId, id)).orElseThrow(() -> notFound("metric property", id));
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);
    }

    static ApiError notFound(String what, String id) {
        return new ApiError(404, "not_found", "Not found.", "A " + what + " with id '" + id + "' does not exist.",
                ApiError.Source.parameter("id"), null);
    }
}
