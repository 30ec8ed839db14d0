package dev.openprofile.events.aggregates;

import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.metrics.MetricService;
import dev.openprofile.store.Jdbc;
import java.math.BigDecimal;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Runs a metric aggregate query: checks the metric, aggregates in SQL, lays the cells out as series, sorts and pages. */
public final class AggregateService {
    private static final Comparator<List<String>> BY_DIMENSIONS = (a, b) -> {
        for (int i = 0; i < a.size(); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) return c;
        }
        return 0;
    };

    private final Jdbc jdbc;
    private final AggregateStore store = new AggregateStore();
    private final MetricService metrics;

    public AggregateService(Jdbc jdbc, MetricService metrics) {
        this.jdbc = jdbc;
        this.metrics = metrics;
    }

    AggregateResult run(String accountId, AggregateQuery q) {
        List<ZonedDateTime> dates = q.range().bucketStarts();
        Map<List<String>, BigDecimal[][]> series = new HashMap<>();
        if (metrics.find(accountId, q.metricId()).isEmpty()) {
            throw new ApiError(404, "not_found", "Not found.", "A metric with id '" + q.metricId() + "' does not exist.",
                    ApiError.Source.pointer("/data/attributes/metric_id"), null);
        }
        jdbc.read(c -> {
            store.aggregate(c, accountId, q, dates, cell -> {
                BigDecimal[][] s = series.computeIfAbsent(cell.dimensions(), k -> zeros(q.measurements().size(), dates.size()));
                for (int m = 0; m < cell.values().length; m++) s[m][cell.bucket() - 1] = cell.values()[m];
            });
            return null;
        });
        // Without 'by' there is always the one row, all zeros when nothing happened; with 'by', only tuples seen.
        if (q.by().isEmpty() && series.isEmpty()) series.put(List.of(), zeros(q.measurements().size(), dates.size()));
        List<AggregateResult.Row> rows = series.entrySet().stream()
                .map(e -> new AggregateResult.Row(e.getKey(), e.getValue()))
                .sorted(order(q))
                .toList();
        int from = Math.min(q.offset(), rows.size());
        int to = Math.min(from + q.pageSize(), rows.size());
        return new AggregateResult(dates, rows.subList(from, to),
                to < rows.size() ? Optional.of(to) : Optional.empty(),
                from > 0 ? Optional.of(Math.max(0, from - q.pageSize())) : Optional.empty());
    }

    /** The requested sort first (a dimension's value, or a measurement's total over the range), then the dimensions. */
    private static Comparator<AggregateResult.Row> order(AggregateQuery q) {
        Comparator<AggregateResult.Row> tuples = Comparator.comparing(AggregateResult.Row::dimensions, BY_DIMENSIONS);
        if (q.sort().isEmpty()) return tuples;
        AggregateQuery.Sort sort = q.sort().get();
        int dimension = q.by().indexOf(sort.field());
        Comparator<AggregateResult.Row> first;
        if (dimension >= 0) {
            first = Comparator.comparing(r -> r.dimensions().get(dimension));
        } else {
            int m = q.measurements().stream().map(Measurement::wire).toList().indexOf(sort.field());
            first = Comparator.comparing(r -> r.total(m));
        }
        return (sort.descending() ? first.reversed() : first).thenComparing(tuples);
    }

    private static BigDecimal[][] zeros(int measurements, int buckets) {
        BigDecimal[][] s = new BigDecimal[measurements][buckets];
        for (BigDecimal[] row : s) Arrays.fill(row, BigDecimal.ZERO);
        return s;
    }
}
