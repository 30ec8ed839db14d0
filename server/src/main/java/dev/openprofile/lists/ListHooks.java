package dev.openprofile.lists;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.jsonapi.Query;
import dev.openprofile.resource.Hooks;
import dev.openprofile.resource.ResourceRow;
import dev.openprofile.store.Jdbc;
import java.sql.Connection;
import java.util.Map;
import java.util.function.Function;

/** What a list does beyond its declaration: the account's default opt-in process, and its profile_count. */
final class ListHooks implements Hooks {
    private final Jdbc jdbc;
    private final ListStore store;
    private final Function<String, String> accountDefaultOptIn;

    /** @param accountDefaultOptIn the account's default opt-in process, for lists created without one */
    ListHooks(Jdbc jdbc, ListStore store, Function<String, String> accountDefaultOptIn) {
        this.jdbc = jdbc;
        this.store = store;
        this.accountDefaultOptIn = accountDefaultOptIn;
    }

    @Override
    public void beforeCreate(Connection c, String accountId, Map<String, JsonNode> attributes) {
        JsonNode given = attributes.get("opt_in_process");
        if (given == null || given.isNull()) {
            attributes.put("opt_in_process", Json.MAPPER.getNodeFactory().textNode(accountDefaultOptIn.apply(accountId)));
        }
    }

    /** {@code additional-fields[list]=profile_count}: the number of members, counted when asked for. */
    @Override
    public void render(String accountId, ResourceRow row, Query query, ObjectNode attributes) {
        if (query.wantsAdditional(ListKind.TYPE, "profile_count")) {
            long count = jdbc.read(c -> store.memberCount(c, accountId, row.id()));
            attributes.put("profile_count", count);
        }
    }
}
