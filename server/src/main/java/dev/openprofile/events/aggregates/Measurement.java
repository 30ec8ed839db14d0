package dev.openprofile.events.aggregates;

import java.util.Optional;

/** What a query measures per bucket (the spec's enum of MetricAggregateQuery.measurements). */
enum Measurement {
    /** The number of events. */
    COUNT("count", "count(*)"),
    /** The sum of the events' values; events without a value add nothing. */
    SUM_VALUE("sum_value", "sum(e.value)"),
    /** The number of distinct profiles with an event ("unique customers"). */
    UNIQUE("unique", "count(distinct e.profile_id)");

    private final String wire;
    private final String sql;

    Measurement(String wire, String sql) {
        this.wire = wire;
        this.sql = sql;
    }

    String wire() {
        return wire;
    }

    /** The aggregate expression over {@code event e}. */
    String sql() {
        return sql;
    }

    static Optional<Measurement> fromWire(String wire) {
        for (Measurement m : values()) {
            if (m.wire.equals(wire)) return Optional.of(m);
        }
        return Optional.empty();
    }
}
