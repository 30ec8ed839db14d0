package dev.openprofile.events.aggregates;

import dev.openprofile.jsonapi.filter.Term;
import java.util.List;
import java.util.Optional;

/**
 * A validated {@code query_metric_aggregates} body.
 *
 * @param filter       the dimension conditions, all of which must hold (the time range is in {@code range})
 * @param by           dimension names to group by, in the order given; empty for one row
 * @param sort         a dimension of {@code by} or a measurement asked for; empty: by the dimensions
 * @param offset       the position of the page's first row (from {@code page_cursor})
 */
record AggregateQuery(String metricId, List<Measurement> measurements, TimeRange range, List<Term> filter,
                      List<String> by, Optional<Sort> sort, int pageSize, int offset) {

    record Sort(String field, boolean descending) {}

    AggregateQuery {
        measurements = List.copyOf(measurements);
        filter = List.copyOf(filter);
        by = List.copyOf(by);
    }
}
