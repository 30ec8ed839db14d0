package dev.openprofile.operator;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL of operator_fault. */
final class FaultStore {
    void insert(Connection c, Fault f) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into operator_fault (id, account_id, operation_id, status, rate, remaining, latency_ms, created)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")) {
            ps.setString(1, f.id());
            ps.setString(2, f.accountId());
            ps.setString(3, f.operationId());
            ps.setObject(4, f.status(), Types.INTEGER);
            ps.setDouble(5, f.rate());
            ps.setObject(6, f.remaining(), Types.INTEGER);
            ps.setInt(7, f.latencyMs());
            ps.setObject(8, OffsetDateTime.ofInstant(f.created(), ZoneOffset.UTC));
            ps.executeUpdate();
        }
    }

    /** Oldest first: the order in which faults are tried on a request. */
    List<Fault> all(Connection c) throws SQLException {
        List<Fault> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                select id, account_id, operation_id, status, rate, remaining, latency_ms, created
                from operator_fault where remaining is null or remaining > 0 order by created, id""");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Fault(rs.getString(1), rs.getString(2), rs.getString(3), rs.getObject(4, Integer.class),
                        rs.getDouble(5), rs.getObject(6, Integer.class), rs.getInt(7),
                        rs.getObject(8, OffsetDateTime.class).toInstant()));
            }
        }
        return out;
    }

    /**
     * Spends one of a counted fault's strikes; empty when none is left (another request, maybe on
     * another node, took the last). The row goes once its count is spent.
     */
    Optional<Integer> spend(Connection c, String id) throws SQLException {
        int left;
        try (PreparedStatement ps = c.prepareStatement(
                "update operator_fault set remaining = remaining - 1 where id = ? and remaining > 0 returning remaining")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                left = rs.getInt(1);
            }
        }
        if (left == 0) delete(c, id);
        return Optional.of(left);
    }

    boolean delete(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from operator_fault where id = ?")) {
            ps.setString(1, id);
            return ps.executeUpdate() > 0;
        }
    }

    int deleteAll(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from operator_fault")) {
            return ps.executeUpdate();
        }
    }
}
