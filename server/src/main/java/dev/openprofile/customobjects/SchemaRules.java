package dev.openprofile.customobjects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.customobjects.Definition.ObjectSchema;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Json;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What a schema's properties and required list must be on every write (ids positive and unique, names unique, every
 * required entry a property's name), and what an activation adds when the type already has a current schema: every
 * property of the current one stays as it is, and nothing becomes required that was not (records already ingested
 * would break). The spec's schema has checked the shapes before.
 */
final class SchemaRules {
    private SchemaRules() {}

    /** The properties as stored: each with its description ("" when not given). */
    static ArrayNode properties(JsonNode given, String pointer) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        Set<Integer> ids = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < given.size(); i++) {
            JsonNode p = given.get(i);
            String at = pointer + "/" + i;
            if (p == null || !p.isObject()) throw ApiError.invalidPointer(at, "A property must be an object.");
            int id = p.get("id").asInt();
            if (!p.get("id").canConvertToInt() || id < 1) throw ApiError.invalidPointer(at + "/id", "A property id must be a positive integer.");
            if (!ids.add(id)) throw ApiError.invalidPointer(at + "/id", "Property id " + id + " is given twice.");
            String name = p.get("name").asText();
            if (name.isBlank()) throw ApiError.invalidPointer(at + "/name", "A property name cannot be empty.");
            if (!names.add(name)) throw ApiError.invalidPointer(at + "/name", "Property name '" + name + "' is given twice.");
            ObjectNode stored = out.addObject();
            stored.put("id", id);
            stored.put("name", name);
            stored.put("type", p.get("type").asText());
            stored.put("description", p.hasNonNull("description") ? p.get("description").asText() : "");
        }
        return out;
    }

    /** The required names, each naming one of {@code properties}. */
    static ArrayNode required(JsonNode given, JsonNode properties, String pointer) {
        Set<String> names = names(properties).keySet();
        ArrayNode out = Json.MAPPER.createArrayNode();
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < given.size(); i++) {
            JsonNode r = given.get(i);
            if (r == null || !r.isTextual()) throw ApiError.invalidPointer(pointer + "/" + i, "A required entry must be a property name (a string).");
            if (!names.contains(r.asText())) {
                throw ApiError.invalidPointer(pointer + "/" + i, "'" + r.asText() + "' is required but is no property of the schema.");
            }
            if (seen.add(r.asText())) out.add(r.asText());
        }
        return out;
    }

    /** The stored required names, when a body replaces the properties only: each must still name a property. */
    static JsonNode stillRequired(JsonNode required, JsonNode properties, String pointer) {
        Set<String> names = names(properties).keySet();
        for (JsonNode r : required) {
            if (!names.contains(r.asText())) {
                throw ApiError.invalidPointer(pointer, "'" + r.asText() + "' is required: name a required list without it to remove it.");
            }
        }
        return required;
    }

    /**
     * Refuses to activate {@code next} over {@code current} (null: none) when a property of the current schema is
     * gone or changed, or a property becomes required that was not; {@code pointer} is the schema's attributes in the body.
     */
    static void canReplace(ObjectSchema current, ObjectSchema next, String pointer) {
        if (current == null) return;
        Map<String, JsonNode> now = names(next.properties());
        for (JsonNode p : current.properties()) {
            JsonNode kept = now.get(p.get("name").asText());
            if (kept == null || kept.get("id").asInt() != p.get("id").asInt() || !kept.get("type").asText().equals(p.get("type").asText())) {
                throw ApiError.invalidPointer(pointer + "/properties", "Property '" + p.get("name").asText() + "' (id " + p.get("id").asInt()
                        + ", " + p.get("type").asText() + ") of the current schema must stay, with the same id and type: a new version "
                        + "can only add properties.");
            }
        }
        Set<String> before = new HashSet<>();
        current.required().forEach(r -> before.add(r.asText()));
        for (JsonNode r : next.required()) {
            if (!before.contains(r.asText())) {
                throw ApiError.invalidPointer(pointer + "/required", "'" + r.asText() + "' was not required by the current schema: "
                        + "a new version cannot require a property that records already ingested may lack.");
            }
        }
    }

    /** The properties by name. */
    static Map<String, JsonNode> names(JsonNode properties) {
        Map<String, JsonNode> out = new HashMap<>();
        properties.forEach(p -> out.put(p.get("name").asText(), p));
        return out;
    }
}
