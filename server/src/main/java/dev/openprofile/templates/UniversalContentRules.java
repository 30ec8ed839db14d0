package dev.openprofile.templates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Query;
import dev.openprofile.resource.Hooks;
import dev.openprofile.resource.ResourceRow;
import java.sql.Connection;
import java.util.Map;
import java.util.Set;

/**
 * A universal content's definition is one of the spec's blocks, told apart by {@code content_type} and {@code type};
 * the two are filterable (generated columns of V34). OpenProfile takes no screenshots: every block shows
 * {@code screenshot_status} "never_generated" and an empty {@code screenshot_url} (docs/compatibility.md).
 */
final class UniversalContentRules implements Hooks {
    /** The blocks the create and update bodies accept (the spec's oneOf); responses know more kinds, made in the app. */
    static final Set<String> BLOCK_TYPES = Set.of("button", "drop_shadow", "horizontal_rule", "html", "image", "spacer", "text");
    private static final String POINTER = "/data/attributes/definition";

    @Override
    public void beforeCreate(Connection c, String accountId, Map<String, JsonNode> attributes) {
        check(attributes.get("definition"));
    }

    @Override
    public void beforeUpdate(Connection c, String accountId, ResourceRow current, Map<String, JsonNode> changes) {
        if (changes.containsKey("definition")) check(changes.get("definition"));
    }

    @Override
    public void render(String accountId, ResourceRow row, Query query, ObjectNode attributes) {
        attributes.put("screenshot_status", "never_generated");
        attributes.put("screenshot_url", "");
    }

    @Override
    public Map<String, String> filterColumns() {
        return Map.of("definition.content_type", "t.content_type", "definition.type", "t.block_type");
    }

    private static void check(JsonNode definition) {
        if (!"block".equals(definition.path("content_type").asText(null))) {
            throw ApiError.invalidPointer(POINTER + "/content_type", "'content_type' must be 'block'.");
        }
        String type = definition.path("type").asText(null);
        if (type == null || !definition.get("type").isTextual() || !BLOCK_TYPES.contains(type)) {
            throw ApiError.invalidPointer(POINTER + "/type", "'type' must be one of: "
                    + String.join(", ", BLOCK_TYPES.stream().sorted().toList()) + ".");
        }
        if (!definition.path("data").isObject()) {
            throw ApiError.invalidPointer(POINTER + "/data", "'data' is required and must be an object.");
        }
    }
}
