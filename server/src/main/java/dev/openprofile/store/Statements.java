package dev.openprofile.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** One short statement with positional parameters: a write, or a read of one value (a profile merge's, a campaign send's). */
public final class Statements {
    private Statements() {}

    /** Runs {@code sql}; a {@link List} parameter is bound as a text array, anything else as itself. */
    public static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(c, ps, params);
            return ps.executeUpdate();
        }
    }

    /** The first column of the first row {@code sql} selects, as text; empty when it selects no row (or null). */
    public static Optional<String> text(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(c, ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** The first column of the first row {@code sql} selects, as a number (a count); 0 when it selects no row or null. */
    public static long number(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(c, ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    private static void bind(Connection c, PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            if (params[i] instanceof List<?> list) ps.setArray(i + 1, c.createArrayOf("text", list.toArray()));
            else ps.setObject(i + 1, params[i]);
        }
    }
}
