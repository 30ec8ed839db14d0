package dev.openprofile.clientconfig;

import dev.openprofile.jsonapi.filter.SqlFragment;
import dev.openprofile.store.Keyset;
import dev.openprofile.store.PagedQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** SQL of client_geofence and client_ip_allowlist. */
final class ClientConfigStore {
    /** Every page sorts by (distance, id); the distance is 0 for all when no point is given, so the id decides. */
    static final Keyset BY_DISTANCE = new Keyset("g.distance", "double precision", "g.id", false);

    record Row(Geofence geofence, String sortKey) {}

    /**
     * A page of geofences nearest the point first (haversine on a sphere of the Earth's mean radius),
     * or by id without a point.
     */
    List<Row> geofences(Connection c, String accountId, Double lat, Double lng, Keyset.Position at, int limit)
            throws SQLException {
        String fromWhere = """
                (select g.*, case when ?::double precision is null then 0 else
                   2 * 6371008.8 * asin(sqrt(power(sin(radians(g.latitude - ?::double precision) / 2), 2)
                     + cos(radians(?::double precision)) * cos(radians(g.latitude))
                       * power(sin(radians(g.longitude - ?::double precision) / 2), 2))) end as distance
                 from client_geofence g where g.account_id = ?) g where g.account_id = ?""";
        List<Object> params = Arrays.asList(lat, lat, lat, lng, accountId, accountId);
        return PagedQuery.fetch(c, "g.id, g.latitude, g.longitude, g.radius", fromWhere, params,
                new SqlFragment("true", List.of()), BY_DISTANCE, at, limit,
                (rs, key) -> new Row(new Geofence(rs.getString(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)), key));
    }

    List<Geofence> allGeofences(Connection c, String accountId) throws SQLException {
        List<Geofence> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "select id, latitude, longitude, radius from client_geofence where account_id = ? order by id")) {
            ps.setString(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(new Geofence(rs.getString(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)));
            }
        }
        return out;
    }

    void replaceGeofences(Connection c, String accountId, List<Geofence> geofences) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from client_geofence where account_id = ?")) {
            ps.setString(1, accountId);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "insert into client_geofence (account_id, id, latitude, longitude, radius) values (?, ?, ?, ?, ?)")) {
            for (Geofence g : geofences) {
                ps.setString(1, accountId);
                ps.setString(2, g.id());
                ps.setDouble(3, g.latitude());
                ps.setDouble(4, g.longitude());
                ps.setDouble(5, g.radius());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    Optional<IpAllowlist> ipAllowlist(Connection c, String accountId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select prefixes, sync_token, created from client_ip_allowlist where account_id = ?")) {
            ps.setString(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                return Optional.of(new IpAllowlist(List.of((String[]) rs.getArray(1).getArray()), rs.getString(2),
                        rs.getObject(3, OffsetDateTime.class)));
            }
        }
    }

    void putIpAllowlist(Connection c, String accountId, IpAllowlist list) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into client_ip_allowlist (account_id, prefixes, sync_token, created) values (?, ?, ?, ?)
                on conflict (account_id) do update set prefixes = excluded.prefixes, sync_token = excluded.sync_token,
                  created = excluded.created""")) {
            ps.setString(1, accountId);
            ps.setArray(2, c.createArrayOf("text", list.prefixes().toArray()));
            ps.setString(3, list.syncToken());
            ps.setObject(4, list.created());
            ps.executeUpdate();
        }
    }

    boolean deleteIpAllowlist(Connection c, String accountId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from client_ip_allowlist where account_id = ?")) {
            ps.setString(1, accountId);
            return ps.executeUpdate() > 0;
        }
    }
}
