package dev.openprofile.resource;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * A feature's own behaviour around the kit's writes, run inside the write's transaction. The defaults do
 * nothing; a kind overrides what it needs.
 */
public interface Hooks {
    Hooks NONE = new Hooks() {};

    /**
     * Before a create is stored: may fill defaults that depend on the account (a list's opt-in process)
     * or refuse with an ApiError. {@code attributes} is mutable and holds the validated body with the
     * declared defaults.
     */
    default void beforeCreate(Connection c, String accountId, Map<String, JsonNode> attributes) throws SQLException {}

    /**
     * The targets of to-one relationships a create body does not name, by relationship name (a tag's group: the
     * account's default group). Runs inside the create's transaction, after {@link #beforeCreate}.
     */
    default Map<String, String> toOneDefaults(Connection c, String accountId) throws SQLException {
        return Map.of();
    }

    /**
     * Adds attributes the kit cannot read from the row (a list's {@code profile_count}, asked for with
     * {@code additional-fields}) to a resource about to be shown.
     */
    default void render(String accountId, ResourceRow row, dev.openprofile.jsonapi.Query query,
                        com.fasterxml.jackson.databind.node.ObjectNode attributes) {}

    /**
     * Before the kind's own collection is read (not a relationship's): may refuse a query the spec does not
     * allow with an ApiError (coupon codes need a coupon or a profile filter), or make a resource every account
     * has on first need (the default tag group).
     */
    default void beforeList(String accountId, dev.openprofile.jsonapi.Query query) {}

    /**
     * Before an update of an existing resource is stored: may check what the body changes against the resource as
     * it is (a template's html, allowed or not by its editor type) and the account (a custom metric's name must stay
     * unique, its definition name metrics that exist), or refuse with an ApiError. {@code changes} holds only what the
     * body names, validated, and may be normalized in place; {@code current}'s row is locked.
     */
    default void beforeUpdate(Connection c, String accountId, ResourceRow current, Map<String, JsonNode> changes)
            throws SQLException {}

    /**
     * Filter fields the spec names that are no attribute of their own, to the SQL on alias {@code t} that reads them
     * (a universal content's {@code definition.type}: a generated column of its table).
     */
    default Map<String, String> filterColumns() {
        return Map.of();
    }

    /** Before a resource is deleted (its links go with it by foreign keys). */
    default void beforeDelete(Connection c, String accountId, String id) throws SQLException {}
}
