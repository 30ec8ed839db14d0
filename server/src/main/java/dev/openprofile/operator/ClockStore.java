package dev.openprofile.operator;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** SQL of operator_clock: at most one row; none is real time. */
final class ClockStore {
    OperatorClock.Setting read(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select frozen_at, offset_ms from operator_clock");
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) return OperatorClock.Setting.REAL;
            OffsetDateTime frozen = rs.getObject(1, OffsetDateTime.class);
            return new OperatorClock.Setting(frozen == null ? null : frozen.toInstant(), rs.getLong(2));
        }
    }

    void freeze(Connection c, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into operator_clock (singleton, frozen_at, offset_ms) values (true, ?, 0)
                on conflict (singleton) do update set frozen_at = excluded.frozen_at, offset_ms = 0""")) {
            ps.setObject(1, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
            ps.executeUpdate();
        }
    }

    /** Moves the clock forward in one statement, so that two nodes advancing at once add up. */
    void advance(Connection c, long seconds) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into operator_clock (singleton, frozen_at, offset_ms) values (true, null, ? * 1000)
                on conflict (singleton) do update set
                  frozen_at = operator_clock.frozen_at + make_interval(secs => ?),
                  offset_ms = case when operator_clock.frozen_at is null then operator_clock.offset_ms + ? * 1000
                                   else operator_clock.offset_ms end""")) {
            ps.setLong(1, seconds);
            ps.setLong(2, seconds);
            ps.setLong(3, seconds);
            ps.executeUpdate();
        }
    }

    void real(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from operator_clock")) {
            ps.executeUpdate();
        }
    }
}
