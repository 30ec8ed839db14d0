package dev.openprofile.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** One write with positional parameters, for the many short statements of a profile merge or deletion. */
public final class Statements {
    private Statements() {}

    /** Runs {@code sql}; a {@link List} parameter is bound as a text array, anything else as itself. */
    public static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                if (params[i] instanceof List<?> list) ps.setArray(i + 1, c.createArrayOf("text", list.toArray()));
                else ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        }
    }
}
