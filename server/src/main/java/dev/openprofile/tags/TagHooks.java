package dev.openprofile.tags;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.resource.AccountLimit;
import dev.openprofile.resource.Hooks;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * What tags do beyond the kit: "An account cannot have more than 500 unique tags", and a tag created without a
 * group goes to "the account's default tag group" (spec, create_tag).
 */
final class TagHooks implements Hooks {
    static final int MAX_PER_ACCOUNT = 500;

    private final DefaultTagGroup defaultGroup;

    TagHooks(DefaultTagGroup defaultGroup) {
        this.defaultGroup = defaultGroup;
    }

    @Override
    public void beforeCreate(Connection c, String accountId, Map<String, JsonNode> attributes) throws SQLException {
        AccountLimit.require(c, "tag", accountId, MAX_PER_ACCOUNT, "An account cannot have more than " + MAX_PER_ACCOUNT
                + " tags; delete one before creating another.");
    }

    @Override
    public Map<String, String> toOneDefaults(Connection c, String accountId) throws SQLException {
        return Map.of("tag-group", defaultGroup.ensure(c, accountId));
    }
}
