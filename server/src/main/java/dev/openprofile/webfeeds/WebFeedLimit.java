package dev.openprofile.webfeeds;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.resource.Hooks;
import dev.openprofile.store.AdvisoryLock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

/** "Accounts can have up to 10 web feeds" (Klaviyo's Web Feeds API overview, "Limitations"). */
final class WebFeedLimit implements Hooks {
    static final int MAX_PER_ACCOUNT = 10;

    @Override
    public void beforeCreate(Connection c, String accountId, Map<String, JsonNode> attributes) throws SQLException {
        // Two concurrent creates must not both see 9: they take the account's web feed lock in turn.
        AdvisoryLock.take(c, "web_feed:" + accountId);
        try (PreparedStatement count = c.prepareStatement("select count(*) from web_feed where account_id = ?")) {
            count.setString(1, accountId);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                if (rs.getInt(1) >= MAX_PER_ACCOUNT) {
                    throw ApiError.invalidPointer("/data", "An account can have at most " + MAX_PER_ACCOUNT
                            + " web feeds; delete one before creating another.");
                }
            }
        }
    }
}
