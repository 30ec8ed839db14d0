package dev.openprofile.custommetrics;

import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.store.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * The rules of mapped metrics. Every account has the seven roles; their rows are made on first need (the first read or
 * update that finds fewer than seven), not with the account, so an account reset or an imported state needs nothing
 * special, and a read of an account that has them writes nothing.
 */
final class MappedMetrics {
    private final Jdbc jdbc;
    private final Clock clock;
    private final MappedMetricStore store = new MappedMetricStore();
    private final CustomMetricHooks.UnknownMetrics unknownMetrics;

    MappedMetrics(Jdbc jdbc, Clock clock, CustomMetricHooks.UnknownMetrics unknownMetrics) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.unknownMetrics = unknownMetrics;
    }

    /** The account's roles, in id order. */
    List<MappedMetric> all(String accountId) {
        List<MappedMetric> rows = jdbc.read(c -> store.all(c, accountId));
        if (rows.size() == MappedMetric.ROLES.size()) return rows;
        return jdbc.inTransaction(c -> {
            store.ensure(c, accountId, now());
            return store.all(c, accountId);
        });
    }

    MappedMetric get(String accountId, String id) {
        if (!MappedMetric.ROLES.contains(id)) throw notFound(id);
        return all(accountId).stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow();
    }

    /** What an update body says of one relationship: map to {@code id}, or unset it when {@code id} is null. */
    record Change(String id) {}

    /**
     * Maps the role to what the body names; a null change leaves that relationship as it is. A role maps to one
     * target, so setting one unsets the other. {@code updated} moves only when the mapping changed.
     */
    MappedMetric update(String accountId, String id, Change metric, Change customMetric) {
        if (!MappedMetric.ROLES.contains(id)) throw notFound(id);
        if (metric != null && metric.id() != null && !unknownMetrics.of(accountId, List.of(metric.id())).isEmpty()) {
            throw missing("metric", metric.id(), "/data/relationships/metric/data/id");
        }
        return jdbc.inTransaction(c -> {
            store.ensure(c, accountId, now());
            MappedMetric current = store.lockedOne(c, accountId, id).orElseThrow();
            if (customMetric != null && customMetric.id() != null && !store.customMetricExists(c, accountId, customMetric.id())) {
                throw missing("custom-metric", customMetric.id(), "/data/relationships/custom-metric/data/id");
            }
            String metricId = current.metricId();
            String customMetricId = current.customMetricId();
            if (metric != null) {
                metricId = metric.id();
                if (metricId != null) customMetricId = null;
            }
            if (customMetric != null) {
                customMetricId = customMetric.id();
                if (customMetricId != null) metricId = null;
            }
            if (Objects.equals(metricId, current.metricId()) && Objects.equals(customMetricId, current.customMetricId())) return current;
            MappedMetric next = new MappedMetric(id, metricId, customMetricId, now());
            store.update(c, accountId, next);
            return next;
        });
    }

    /** Inside a custom metric's delete: the roles that named it map to nothing. */
    void unmapCustomMetric(Connection c, String accountId, String customMetricId) throws SQLException {
        store.unmapCustomMetric(c, accountId, customMetricId, now());
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);
    }

    static ApiError notFound(String id) {
        return new ApiError(404, "not_found", "Not found.", "A mapped-metric with id '" + id + "' does not exist.",
                ApiError.Source.parameter("id"), null);
    }

    private static ApiError missing(String type, String id, String pointer) {
        return new ApiError(404, "not_found", "Not found.", "A " + type + " with id '" + id + "' does not exist.",
                ApiError.Source.pointer(pointer), null);
    }
}
