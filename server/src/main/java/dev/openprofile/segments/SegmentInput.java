package dev.openprofile.segments;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.jsonapi.ApiError;
import java.util.Set;

/**
 * Reads and validates segment request bodies, each error pointing at the member at fault. The
 * definition is only checked to be an object here: the engine's parser judges its content.
 */
final class SegmentInput {
    static final String DEFINITION = "/data/attributes/definition";
    private static final int MAX_NAME = 255;

    /** What a create or update names; null means absent or null (keep, or the default on create). */
    record SegmentChanges(String id, String name, JsonNode definition, Boolean isStarred, Boolean isActive) {
        boolean deactivates() {
            return Boolean.FALSE.equals(isActive);
        }
    }

    private SegmentInput() {}

    static SegmentChanges create(JsonNode data) {
        SegmentChanges c = parse(data, false);
        if (c.name() == null) throw ApiError.invalidPointer("/data/attributes/name", "'name' is required.");
        if (c.definition() == null) throw ApiError.invalidPointer(DEFINITION, "'definition' is required.");
        return c;
    }

    /**
     * "When deactivating, this must be the only attribute in the request body. Deactivation cannot be
     * combined with other updates" (spec, SegmentPartialUpdateQuery). Attributes given as null change
     * nothing, so they do not count.
     */
    static SegmentChanges update(JsonNode data) {
        SegmentChanges c = parse(data, true);
        if (c.id() == null) throw ApiError.invalidPointer("/data/id", "'id' is required.");
        if (c.deactivates()) {
            String other = c.name() != null ? "name" : c.definition() != null ? "definition"
                    : c.isStarred() != null ? "is_starred" : null;
            if (other != null) {
                throw ApiError.invalidPointer("/data/attributes/" + other, "Deactivation cannot be combined with other "
                        + "updates: when 'is_active' is false it must be the only attribute.");
            }
        }
        return c;
    }

    private static SegmentChanges parse(JsonNode data, boolean update) {
        if (data == null || !data.isObject()) throw ApiError.invalidPointer("/data", "'data' must be an object.");
        for (var it = data.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!Set.of("type", "attributes").contains(key) && !(update && key.equals("id"))) {
                throw ApiError.invalidPointer("/data/" + key, "'" + key + "' is not allowed here.");
            }
        }
        if (!data.path("type").isTextual() || !data.get("type").asText().equals(SegmentDescriptor.TYPE)) {
            throw ApiError.invalidPointer("/data/type", "'type' must be 'segment'.");
        }
        String id = null;
        if (update && data.has("id")) {
            if (!data.get("id").isTextual()) throw ApiError.invalidPointer("/data/id", "'id' must be a string.");
            id = data.get("id").asText();
        }
        JsonNode a = data.get("attributes");
        if (a == null || !a.isObject()) throw ApiError.invalidPointer("/data/attributes", "'attributes' must be an object.");
        String name = null;
        JsonNode definition = null;
        Boolean starred = null;
        Boolean active = null;
        for (var e : a.properties()) {
            String key = e.getKey();
            String pointer = "/data/attributes/" + key;
            JsonNode v = e.getValue();
            boolean absent = v.isNull() && (update || key.equals("is_starred"));
            switch (key) {
                case "name" -> {
                    if (absent) continue;
                    if (!v.isTextual() || v.asText().isBlank()) {
                        throw ApiError.invalidPointer(pointer, "'name' must be a non-empty string.");
                    }
                    if (v.asText().length() > MAX_NAME) {
                        throw ApiError.invalidPointer(pointer, "'name' must be " + MAX_NAME + " characters or fewer.");
                    }
                    name = v.asText();
                }
                case "definition" -> {
                    if (absent) continue;
                    if (!v.isObject()) throw ApiError.invalidPointer(pointer, "'definition' must be an object.");
                    definition = v;
                }
                case "is_starred" -> {
                    if (absent) continue;
                    starred = bool(v, pointer, key);
                }
                case "is_active" -> {
                    if (!update) throw unknown(pointer, key);
                    if (absent) continue;
                    active = bool(v, pointer, key);
                }
                default -> throw unknown(pointer, key);
            }
        }
        return new SegmentChanges(id, name, definition, starred, active);
    }

    private static Boolean bool(JsonNode v, String pointer, String key) {
        if (!v.isBoolean()) throw ApiError.invalidPointer(pointer, "'" + key + "' must be a boolean.");
        return v.asBoolean();
    }

    private static ApiError unknown(String pointer, String key) {
        return ApiError.invalidPointer(pointer, "'" + key + "' is not a valid segment attribute.");
    }
}
