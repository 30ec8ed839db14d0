package dev.openprofile.tags;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Query;
import dev.openprofile.resource.AccountLimit;
import dev.openprofile.resource.Hooks;
import dev.openprofile.store.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

/**
 * What tag groups do beyond the kit: the default group exists before the groups are listed or another is made,
 * "An account cannot have more than 50 unique tag groups" (spec, create_tag_group; the default one counts), and
 * "The default tag group cannot be deleted" (spec, delete_tag_group).
 */
final class TagGroupHooks implements Hooks {
    static final int MAX_PER_ACCOUNT = 50;

    private final Jdbc jdbc;
    private final DefaultTagGroup defaultGroup;

    TagGroupHooks(Jdbc jdbc, DefaultTagGroup defaultGroup) {
        this.jdbc = jdbc;
        this.defaultGroup = defaultGroup;
    }

    @Override
    public void beforeList(String accountId, Query query) {
        jdbc.inTransaction(c -> defaultGroup.ensure(c, accountId));
    }

    @Override
    public void beforeCreate(Connection c, String accountId, Map<String, JsonNode> attributes) throws SQLException {
        defaultGroup.ensure(c, accountId);
        AccountLimit.require(c, "tag_group", accountId, MAX_PER_ACCOUNT, "An account cannot have more than " + MAX_PER_ACCOUNT
                + " tag groups; delete one before creating another.");
    }

    @Override
    public void beforeDelete(Connection c, String accountId, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select is_default from tag_group where account_id = ? and id = ?")) {
            ps.setString(1, accountId);
            ps.setString(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && rs.getBoolean(1)) {
                    throw new ApiError(400, "invalid", "Invalid input.", "The default tag group cannot be deleted.",
                            ApiError.Source.parameter("id"), null);
                }
            }
        }
    }
}
