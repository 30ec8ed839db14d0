package dev.openprofile.events.aggregates;

import dev.openprofile.jsonapi.filter.SqlFilter;
import dev.openprofile.jsonapi.filter.SqlFragment;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** The SQL of metric aggregates: one GROUP BY over the metric's events in the range. */
final class AggregateStore {

    /** One bucket of one dimension tuple that has events; {@code values} in the query's measurement order. */
    record Cell(int bucket, List<String> dimensions, BigDecimal[] values) {}

    @FunctionalInterface
    interface CellSink {
        void accept(Cell cell);
    }

    /**
     * Feeds {@code sink} one cell per (bucket, dimension tuple) with events, in no particular order.
     * Each event's bucket is found with width_bucket over the bucket starts, which the Java side
     * computed in the query's zone; a missing dimension groups as "" (Klaviyo: "an empty dimensions response").
     */
    void aggregate(Connection c, String accountId, AggregateQuery q, List<ZonedDateTime> bucketStarts, CellSink sink)
            throws SQLException {
        StringBuilder sql = new StringBuilder("select width_bucket(e.datetime, ?::timestamptz[])");
        for (String d : q.by()) sql.append(", coalesce(").append(Dimension.SQL.get(d)).append(", '')");
        for (Measurement m : q.measurements()) sql.append(", ").append(m.sql());
        SqlFragment filter = SqlFilter.translate(q.filter(), Dimension.SQL);
        sql.append(" from event e where e.account_id = ? and e.metric_id = ? and e.datetime >= ? and e.datetime < ? and ")
                .append(filter.sql()).append(" group by 1");
        for (int i = 0; i < q.by().size(); i++) sql.append(", ").append(i + 2);
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            String[] thresholds = bucketStarts.stream().map(b -> DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(b)).toArray(String[]::new);
            ps.setArray(1, c.createArrayOf("timestamptz", thresholds));
            ps.setString(2, accountId);
            ps.setString(3, q.metricId());
            ps.setObject(4, OffsetDateTime.ofInstant(q.range().start(), ZoneOffset.UTC));
            ps.setObject(5, OffsetDateTime.ofInstant(q.range().end(), ZoneOffset.UTC));
            filter.bind(ps, 6);
            try (ResultSet rs = ps.executeQuery()) {
                int dims = q.by().size();
                while (rs.next()) {
                    List<String> dimensions = new ArrayList<>(dims);
                    for (int i = 0; i < dims; i++) dimensions.add(rs.getString(2 + i));
                    BigDecimal[] values = new BigDecimal[q.measurements().size()];
                    for (int i = 0; i < values.length; i++) {
                        BigDecimal v = rs.getBigDecimal(2 + dims + i);
                        values[i] = v == null ? BigDecimal.ZERO : v; // sum over events without values
                    }
                    sink.accept(new Cell(rs.getInt(1), dimensions, values));
                }
            }
        }
    }
}
