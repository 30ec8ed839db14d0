package dev.openprofile.tags;

import dev.openprofile.store.AdvisoryLock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The per-account locks and counts behind Klaviyo's limits: two concurrent creates must not both see 499. */
final class TagLimits {
    private TagLimits() {}

    /** Takes the account's lock named {@code what} until the transaction ends. */
    static void lock(Connection c, String what, String accountId) throws SQLException {
        AdvisoryLock.take(c, what + ":" + accountId);
    }

    /** A count whose one parameter is the account. */
    static int count(Connection c, String sql, String accountId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
