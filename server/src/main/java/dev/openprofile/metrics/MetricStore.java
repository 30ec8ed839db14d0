package dev.openprofile.metrics;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.jsonapi.filter.SqlFragment;
import dev.openprofile.store.Keyset;
import dev.openprofile.store.PagedQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SQL for metrics and their properties. */
final class MetricStore {
    private static final String COLUMNS = "m.id, m.name, m.integration_key, m.created, m.updated";
    private static final String PROPERTY_COLUMNS = "p.id, p.metric_id, p.property, p.inferred_type, p.sample_values::text";

    record Row(Metric metric, String sortKey) {}

    /** Inserts unless the account has the metric already (by name and integration); returns the stored id. */
    String findOrInsert(Connection c, String accountId, Metric m) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into metric (account_id, id, name, integration_key, created, updated) values (?, ?, ?, ?, ?, ?)
                on conflict (account_id, name, integration_key) do nothing""")) {
            ps.setString(1, accountId);
            ps.setString(2, m.id());
            ps.setString(3, m.name());
            ps.setString(4, m.integrationKey());
            ps.setObject(5, m.created());
            ps.setObject(6, m.updated());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "select id from metric where account_id = ? and name = ? and integration_key = ?")) {
            ps.setString(1, accountId);
            ps.setString(2, m.name());
            ps.setString(3, m.integrationKey());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    Optional<Metric> find(Connection c, String accountId, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from metric m where m.account_id = ? and m.id = ?")) {
            ps.setString(1, accountId);
            ps.setString(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    /** The ids of the account's metrics of one integration with these names, by name; names it has no metric of are absent. */
    Map<String, String> idsNamed(Connection c, String accountId, String integrationKey, List<String> names) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select m.name, m.id from metric m where m.account_id = ? and m.integration_key = ? and m.name = any (?)")) {
            ps.setString(1, accountId);
            ps.setString(2, integrationKey);
            ps.setArray(3, c.createArrayOf("text", names.toArray()));
            Map<String, String> out = new java.util.HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.put(rs.getString(1), rs.getString(2));
            }
            return out;
        }
    }

    /** The metrics with these ids, in no particular order; unknown ids are skipped. */
    List<Metric> findAll(Connection c, String accountId, List<String> ids) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from metric m where m.account_id = ? and m.id = any (?)")) {
            ps.setString(1, accountId);
            ps.setArray(2, c.createArrayOf("text", ids.toArray()));
            List<Metric> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(map(rs));
            }
            return out;
        }
    }

    List<Row> list(Connection c, String accountId, SqlFragment filter, Keyset keyset, Keyset.Position at, int limit)
            throws SQLException {
        return PagedQuery.fetch(c, COLUMNS, "metric m where m.account_id = ?", List.of(accountId), filter, keyset, at, limit,
                (rs, key) -> new Row(map(rs), key));
    }

    /** Records a property the first time a metric's event carries it; false when it was known. */
    boolean learnProperty(Connection c, String accountId, MetricProperty p, OffsetDateTime now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into metric_property (account_id, id, metric_id, property, inferred_type, sample_values, created)
                values (?, ?, ?, ?, ?, ?::jsonb, ?) on conflict (account_id, metric_id, property) do nothing""")) {
            ps.setString(1, accountId);
            ps.setString(2, p.id());
            ps.setString(3, p.metricId());
            ps.setString(4, p.property());
            ps.setString(5, p.inferredType());
            ps.setString(6, p.sampleValues().toString());
            ps.setObject(7, now);
            return ps.executeUpdate() == 1;
        }
    }

    /** Adds a sample value while the property has fewer than {@code max} and not this one. */
    void addSample(Connection c, String accountId, String metricId, String property, String valueJson, int max)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                update metric_property set sample_values = sample_values || jsonb_build_array(?::jsonb)
                where account_id = ? and metric_id = ? and property = ? and jsonb_array_length(sample_values) < ?
                  and not sample_values @> jsonb_build_array(?::jsonb)""")) {
            ps.setString(1, valueJson);
            ps.setString(2, accountId);
            ps.setString(3, metricId);
            ps.setString(4, property);
            ps.setInt(5, max);
            ps.setString(6, valueJson);
            ps.executeUpdate();
        }
    }

    List<MetricProperty> properties(Connection c, String accountId, String metricId) throws SQLException {
        return queryProperties(c, "select " + PROPERTY_COLUMNS + " from metric_property p where p.account_id = ? and p.metric_id = ? "
                + "order by p.property", accountId, metricId);
    }

    Optional<MetricProperty> property(Connection c, String accountId, String id) throws SQLException {
        return queryProperties(c, "select " + PROPERTY_COLUMNS + " from metric_property p where p.account_id = ? and p.id = ?",
                accountId, id).stream().findFirst();
    }

    private static List<MetricProperty> queryProperties(Connection c, String sql, String accountId, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, accountId);
            ps.setString(2, key);
            List<MetricProperty> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new MetricProperty(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            (ArrayNode) Json.MAPPER.readTree(rs.getString(5))));
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("stored samples are JSON", e);
            }
            return out;
        }
    }

    private static Metric map(ResultSet rs) throws SQLException {
        return new Metric(rs.getString(1), rs.getString(2), rs.getString(3), rs.getObject(4, OffsetDateTime.class),
                rs.getObject(5, OffsetDateTime.class));
    }
}
