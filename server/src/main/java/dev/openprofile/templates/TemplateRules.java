package dev.openprofile.templates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.jsonapi.Query;
import dev.openprofile.resource.AccountLimit;
import dev.openprofile.resource.Hooks;
import dev.openprofile.resource.ResourceRow;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * What a template's editor type decides (the spec's create and update bodies): html is required for CODE and
 * USER_DRAGGABLE and refused for SYSTEM_DRAGGABLE, as amp is; a definition is required for SYSTEM_DRAGGABLE, ignored
 * on create and refused on update for the others. A SYSTEM_DRAGGABLE template's html is made from its definition.
 */
final class TemplateRules implements Hooks {
    /** "There is a limit of 1,000 templates that can be created via the API" (create_template, clone_template). */
    static final int MAX_PER_ACCOUNT = 1000;
    private static final String BASE = "/data/attributes/";

    @Override
    public void beforeCreate(Connection c, String accountId, Map<String, JsonNode> attributes) throws SQLException {
        String editor = attributes.get("editor_type").asText();
        if (editor.equals(TemplateKinds.SYSTEM_DRAGGABLE)) {
            refuse(attributes, "html", editor);
            refuse(attributes, "amp", editor);
            JsonNode definition = attributes.get("definition");
            if (definition == null) throw ApiError.invalidPointer(BASE + "definition", "'definition' is required for SYSTEM_DRAGGABLE templates.");
            checkDefinition(definition);
            attributes.put("html", Json.MAPPER.getNodeFactory().textNode(DefinitionHtml.of(definition)));
        } else {
            if (attributes.get("html") == null) throw ApiError.invalidPointer(BASE + "html", "'html' is required for " + editor + " templates.");
            // "Ignored for CODE/USER_DRAGGABLE" (the create body's definition).
            attributes.remove("definition");
        }
        AccountLimit.require(c, "template", accountId, MAX_PER_ACCOUNT, "An account can have at most " + MAX_PER_ACCOUNT
                + " templates created through the API; delete one before creating another.");
    }

    @Override
    public void beforeUpdate(Connection c, String accountId, ResourceRow current, Map<String, JsonNode> changes) {
        String editor = current.attributes().get("editor_type").asText();
        if (editor.equals(TemplateKinds.SYSTEM_DRAGGABLE)) {
            refuse(changes, "html", editor);
            refuse(changes, "amp", editor);
            JsonNode definition = changes.get("definition");
            if (definition != null) {
                checkDefinition(definition);
                changes.put("html", Json.MAPPER.getNodeFactory().textNode(DefinitionHtml.of(definition)));
            }
        } else if (changes.containsKey("definition")) {
            throw ApiError.invalidPointer(BASE + "definition", "'definition' is not allowed for " + editor + " templates.");
        }
    }

    /**
     * The definition of a SYSTEM_DRAGGABLE template shows on single reads and writes, and in collections only with
     * {@code additional-fields[template]=definition} (the spec); other editors never show one. An operation without
     * {@code page[size]} is a single resource's (the kit reads such a query's page size as unbounded).
     */
    @Override
    public void render(String accountId, ResourceRow row, Query query, ObjectNode attributes) {
        JsonNode definition = row.attributes().get("definition");
        boolean single = query.pageSize() == Integer.MAX_VALUE;
        if (definition != null && !definition.isNull()
                && (single || query.wantsAdditional(TemplateKinds.TEMPLATE, "definition"))) {
            attributes.set("definition", definition);
        }
    }

    private static void refuse(Map<String, JsonNode> attributes, String name, String editor) {
        JsonNode v = attributes.get(name);
        if (v != null && !v.isNull()) {
            throw ApiError.invalidPointer(BASE + name, "'" + name + "' is not allowed for " + editor + " templates.");
        }
    }

    /** The members the spec's TemplateDefinition requires; the blocks inside are stored as given. */
    private static void checkDefinition(JsonNode definition) {
        if (!definition.path("body").isObject()) {
            throw ApiError.invalidPointer(BASE + "definition/body", "'body' is required and must be an object.");
        }
        if (!definition.path("styles").isArray()) {
            throw ApiError.invalidPointer(BASE + "definition/styles", "'styles' is required and must be an array.");
        }
    }
}
