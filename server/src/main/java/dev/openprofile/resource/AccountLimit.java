package dev.openprofile.resource;

import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.store.AdvisoryLock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Klaviyo's limits of resources per account (10 web feeds, 500 tags, 50 custom metrics, …), checked in a create's
 * transaction: the account's lock on the kind's table makes the count and the insert one step, so two concurrent
 * creates cannot both take the last place. A full account is a 400 at {@code /data} and nothing is stored.
 */
public final class AccountLimit {
    private AccountLimit() {}

    /**
     * @param table  the kind's table (trusted: a declaration's); also names the lock, which the feature may take
     *               itself for its other checks ({@code AdvisoryLock.take(c, table + ":" + accountId)})
     * @param detail the error's detail when the account already has {@code max}
     */
    public static void require(Connection c, String table, String accountId, int max, String detail) throws SQLException {
        AdvisoryLock.take(c, table + ":" + accountId);
        try (PreparedStatement count = c.prepareStatement("select count(*) from " + table + " where account_id = ?")) {
            count.setString(1, accountId);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                if (rs.getInt(1) >= max) throw ApiError.invalidPointer("/data", detail);
            }
        }
    }
}
