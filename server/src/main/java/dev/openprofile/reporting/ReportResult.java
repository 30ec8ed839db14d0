package dev.openprofile.reporting;

import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A computed report: the series' bucket starts (empty for a values report), one page of groupings and where the next
 * page starts.
 */
record ReportResult(List<ZonedDateTime> dates, List<Row> rows, Optional<Integer> next) {

    /**
     * @param groupings  the grouped-by attributes and their values (null where a message has none), in request order
     * @param statistics each statistic's value: a Number, or a List of them (one per bucket) in a series
     */
    record Row(Map<String, String> groupings, Map<String, Object> statistics) {}

    /** Groupings in the order of their values, attribute by attribute; null first. */
    static Comparator<Map<String, String>> order(List<String> groupBy) {
        Comparator<Map<String, String>> c = (a, b) -> 0;
        for (String g : groupBy) c = c.thenComparing(m -> m.get(g), Comparator.nullsFirst(Comparator.naturalOrder()));
        return c;
    }

    /** One page of {@code rows} (all sorted) from {@code offset}. */
    static ReportResult page(List<ZonedDateTime> dates, List<Row> rows, int offset, int size) {
        int from = Math.min(offset, rows.size());
        int to = Math.min(from + size, rows.size());
        return new ReportResult(dates, rows.subList(from, to), to < rows.size() ? Optional.of(to) : Optional.empty());
    }
}
