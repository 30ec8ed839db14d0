package dev.openprofile.reporting;

import dev.openprofile.metrics.MetricService;
import dev.openprofile.store.Jdbc;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Form reports, from the form events of the timeframe (or bucket) grouped by the form (and version) their properties
 * name, whether or not the account has that form (a deleted form's events still count; an unknown id selects nothing,
 * docs/compatibility.md "Forms"): without events the results are empty.
 */
final class FormReports {
    /** The SQL of each attribute: the property Klaviyo's form events carry, with or without the '$'. */
    private static final Map<String, String> ATTRIBUTES = Map.of(
            "form_id", "coalesce(" + EventTallies.property("form_id") + ", " + EventTallies.property("$form_id") + ")",
            "form_version_id", "coalesce(" + EventTallies.property("form_version_id") + ", "
                    + EventTallies.property("$form_version_id") + ")");

    private final Jdbc jdbc;
    private final MetricService metrics;

    FormReports(Jdbc jdbc, MetricService metrics) {
        this.jdbc = jdbc;
        this.metrics = metrics;
    }

    ReportResult run(String accountId, ReportRequest q) {
        Map<String, FormKind> byName = new HashMap<>();
        for (FormKind k : FormKind.values()) byName.put(k.metricName, k);
        Map<String, FormKind> kindOf = KlaviyoMetrics.byId(metrics, accountId, byName);
        List<ZonedDateTime> buckets = q.interval().map(i -> i.bucketStarts(q.timeframe())).orElse(List.of(q.timeframe().zonedStart()));
        // form_id first: events without a form are left out
        List<String> keys = q.groupBy().stream().map(ATTRIBUTES::get).toList();
        Map<String, List<String>> only = new LinkedHashMap<>();
        for (String attribute : List.of("form_id", "form_version_id")) {
            q.filter().valuesOf(attribute).ifPresent(values -> only.put(ATTRIBUTES.get(attribute), values));
        }
        List<EventTallies.Group> groups = jdbc.read(c -> EventTallies.tally(c, accountId, List.copyOf(kindOf.keySet()), keys,
                q.timeframe().start(), q.timeframe().end(), buckets, only));
        Map<List<String>, List<Map<FormKind, Tally>>> series = new HashMap<>();
        for (EventTallies.Group g : groups) {
            List<Map<FormKind, Tally>> s = series.computeIfAbsent(g.key(), k -> {
                List<Map<FormKind, Tally>> cells = new ArrayList<>();
                for (int i = 0; i < buckets.size(); i++) cells.add(new EnumMap<>(FormKind.class));
                return cells;
            });
            s.get(Math.max(0, g.bucket() - 1)).put(kindOf.get(g.metricId()), g.tally());
        }
        List<ReportResult.Row> rows = new ArrayList<>();
        series.forEach((key, cells) -> {
            Map<String, String> groupings = new LinkedHashMap<>();
            for (int i = 0; i < q.groupBy().size(); i++) groupings.put(q.groupBy().get(i), key.get(i));
            Map<String, Object> statistics = new LinkedHashMap<>();
            for (String name : q.statistics()) {
                FormStatistic stat = FormStatistic.of(name);
                List<Number> values = cells.stream().map(cell -> {
                    Map<FormKind, Tally> all = new EnumMap<>(cell);
                    for (FormKind k : FormKind.values()) all.putIfAbsent(k, Tally.NONE);
                    return stat.of(all);
                }).toList();
                statistics.put(name, q.interval().isPresent() ? values : values.getFirst());
            }
            rows.add(new ReportResult.Row(groupings, statistics));
        });
        rows.sort((a, b) -> ReportResult.order(q.groupBy()).compare(a.groupings(), b.groupings()));
        return new ReportResult(q.interval().isPresent() ? buckets : List.of(), rows, Optional.empty());
    }
}
