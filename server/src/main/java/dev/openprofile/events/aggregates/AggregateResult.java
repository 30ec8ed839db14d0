package dev.openprofile.events.aggregates;

import java.math.BigDecimal;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/**
 * One page of an aggregate: the bucket starts, and per dimension tuple one series of numbers per
 * measurement (one number per bucket, 0 where there were no events).
 *
 * @param next the offset of the next page, when there is one
 * @param prev the offset of the previous page, when this is not the first
 */
record AggregateResult(List<ZonedDateTime> dates, List<Row> rows, Optional<Integer> next, Optional<Integer> prev) {

    /** @param series {@code series[m][b]}: measurement m (in the query's order) in bucket b */
    record Row(List<String> dimensions, BigDecimal[][] series) {

        BigDecimal total(int measurement) {
            BigDecimal sum = BigDecimal.ZERO;
            for (BigDecimal v : series[measurement]) sum = sum.add(v);
            return sum;
        }
    }
}
