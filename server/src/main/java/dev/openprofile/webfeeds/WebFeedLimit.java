package dev.openprofile.webfeeds;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.resource.AccountLimit;
import dev.openprofile.resource.Hooks;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/** "Accounts can have up to 10 web feeds" (Klaviyo's Web Feeds API overview, "Limitations"). */
final class WebFeedLimit implements Hooks {
    static final int MAX_PER_ACCOUNT = 10;

    @Override
    public void beforeCreate(Connection c, String accountId, Map<String, JsonNode> attributes) throws SQLException {
        AccountLimit.require(c, "web_feed", accountId, MAX_PER_ACCOUNT, "An account can have at most " + MAX_PER_ACCOUNT
                + " web feeds; delete one before creating another.");
    }
}
