package dev.openprofile.custommetrics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The SQL of mapped metrics (table mapped_metric, V35) and the existence check of the custom metrics they name. */
final class MappedMetricStore {
    private static final String COLUMNS = "id, metric_id, custom_metric_id, updated";

    /** Makes the roles the account does not have yet, unmapped; a concurrent first need inserts nothing twice. */
    void ensure(Connection c, String accountId, OffsetDateTime now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into mapped_metric (account_id, id, updated) "
                + "select ?, r, ? from unnest(?::text[]) r on conflict do nothing")) {
            ps.setString(1, accountId);
            ps.setObject(2, now);
            ps.setArray(3, c.createArrayOf("text", MappedMetric.ROLES.toArray()));
            ps.executeUpdate();
        }
    }

    List<MappedMetric> all(Connection c, String accountId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from mapped_metric where account_id = ? order by id")) {
            ps.setString(1, accountId);
            List<MappedMetric> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(map(rs));
            }
            return out;
        }
    }

    Optional<MappedMetric> lockedOne(Connection c, String accountId, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from mapped_metric where account_id = ? and id = ? for update")) {
            ps.setString(1, accountId);
            ps.setString(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    void update(Connection c, String accountId, MappedMetric m) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "update mapped_metric set metric_id = ?, custom_metric_id = ?, updated = ? where account_id = ? and id = ?")) {
            ps.setString(1, m.metricId());
            ps.setString(2, m.customMetricId());
            ps.setObject(3, m.updated());
            ps.setString(4, accountId);
            ps.setString(5, m.id());
            ps.executeUpdate();
        }
    }

    /** Unsets the roles mapped to a custom metric about to be deleted. */
    void unmapCustomMetric(Connection c, String accountId, String customMetricId, OffsetDateTime now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "update mapped_metric set custom_metric_id = null, updated = ? where account_id = ? and custom_metric_id = ?")) {
            ps.setObject(1, now);
            ps.setString(2, accountId);
            ps.setString(3, customMetricId);
            ps.executeUpdate();
        }
    }

    /** Whether the account has the custom metric, which stays until this transaction ends (a mapping names it). */
    boolean customMetricExists(Connection c, String accountId, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select 1 from custom_metric where account_id = ? and id = ? for key share")) {
            ps.setString(1, accountId);
            ps.setString(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static MappedMetric map(ResultSet rs) throws SQLException {
        return new MappedMetric(rs.getString(1), rs.getString(2), rs.getString(3), rs.getObject(4, OffsetDateTime.class));
    }
}
