package dev.openprofile.reporting;

import static dev.openprofile.events.EventQueries.METRIC;
import static dev.openprofile.events.EventQueries.OF_METRICS;
import static dev.openprofile.events.EventQueries.PROFILE;
import static dev.openprofile.events.EventQueries.PROPERTIES;
import static dev.openprofile.events.EventQueries.TIME;
import static dev.openprofile.events.EventQueries.VALUE;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one SQL shape every report of events runs: the events of some metrics in [from, to), grouped by a key read
 * from their properties, the metric and the bucket of their time, each group tallied (count, distinct profiles, sum
 * of values). The bucket starts are computed in Java in the account's zone and given as width_bucket thresholds, so
 * Java and PostgreSQL cannot disagree on a DST change.
 */
final class EventTallies {
    /** Far enough to hold every event: a campaign's events count whenever they happen after its send. */
    static final Instant NO_END = Instant.parse("9999-01-01T00:00:00Z");

    /** One group: its key (e.g. the message id), the metric, the 1-based bucket and the tally. */
    record Group(List<String> key, String metricId, int bucket, Tally tally) {}

    private EventTallies() {}

    /**
     * @param keys     SQL expressions over the event's properties ({@code e.properties}) that make the key; events
     *                 whose first key is null are left out
     * @param only     SQL expressions (as the keys) to the values they must have, one of them (a filter)
     */
    static List<Group> tally(Connection c, String accountId, List<String> metricIds, List<String> keys, Instant from, Instant to,
                             List<ZonedDateTime> buckets, Map<String, List<String>> only) throws SQLException {
        List<Group> out = new ArrayList<>();
        if (metricIds.isEmpty() || only.values().stream().anyMatch(List::isEmpty)) return out;
        StringBuilder sql = new StringBuilder("select ");
        for (String k : keys) sql.append(k).append(", ");
        sql.append(METRIC).append(", width_bucket(").append(TIME).append(", ?::timestamptz[]), count(*), count(distinct ")
                .append(PROFILE).append("), coalesce(sum(").append(VALUE).append("), 0) ").append(OF_METRICS)
                .append(" and ").append(TIME).append(" >= ? and ").append(TIME).append(" < ? and ").append(keys.getFirst())
                .append(" is not null");
        for (String expression : only.keySet()) sql.append(" and ").append(expression).append(" = any(?)");
        sql.append(" group by ");
        for (int i = 1; i <= keys.size() + 2; i++) sql.append(i == 1 ? "" : ", ").append(i);
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int i = 1;
            ps.setArray(i++, c.createArrayOf("timestamptz", buckets.stream().map(DateTimeFormatter.ISO_OFFSET_DATE_TIME::format).toArray()));
            ps.setString(i++, accountId);
            ps.setArray(i++, c.createArrayOf("text", metricIds.toArray()));
            ps.setObject(i++, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
            ps.setObject(i++, OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
            for (List<String> values : only.values()) ps.setArray(i++, c.createArrayOf("text", values.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<String> key = new ArrayList<>();
                    for (int k = 1; k <= keys.size(); k++) key.add(rs.getString(k));
                    int n = keys.size();
                    BigDecimal value = rs.getBigDecimal(n + 5);
                    out.add(new Group(key, rs.getString(n + 1), rs.getInt(n + 2),
                            new Tally(rs.getLong(n + 3), rs.getLong(n + 4), value)));
                }
            }
        }
        return out;
    }

    /** {@code e.properties->>'name'}, the name given as a literal (it is ours, never the request's). */
    static String property(String name) {
        if (!name.matches("[$A-Za-z_]+")) throw new IllegalArgumentException(name);
        return PROPERTIES + "->>'" + name + "'";
    }
}
