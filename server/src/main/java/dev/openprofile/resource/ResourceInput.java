package dev.openprofile.resource;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.jsonapi.ApiError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a create or update body of a declared resource, each error pointing at the member at fault. The
 * pointer base is {@code /data} for a single call and {@code /data/attributes/items/data/N} inside a bulk
 * job's body, so one reader serves both.
 */
public final class ResourceInput {

    /**
     * What a body names: attributes (validated and normalized; on create with the declared defaults) and
     * relationships (target ids; null values never occur).
     */
    public record Changes(String id, Map<String, JsonNode> attributes, Map<String, List<String>> relationships) {}

    private ResourceInput() {}

    public static Changes create(ResourceKind kind, JsonNode data, String base) {
        Changes c = parse(kind, data, base, false);
        for (Attribute a : kind.attributes()) {
            if (c.attributes().containsKey(a.name())) continue;
            if (a.required()) throw ApiError.invalidPointer(base + "/attributes/" + a.name(), "'" + a.name() + "' is a required field.");
            if (a.defaultValue() != null) c.attributes().put(a.name(), a.defaultValue());
        }
        for (Relationship r : kind.relationships()) {
            if (r.required() && !c.relationships().containsKey(r.name())) {
                throw ApiError.invalidPointer(base + "/relationships/" + r.name(), "'" + r.name() + "' is a required relationship.");
            }
        }
        return c;
    }

    public static Changes update(ResourceKind kind, JsonNode data, String base) {
        Changes c = parse(kind, data, base, true);
        if (c.id() == null) throw ApiError.invalidPointer(base + "/id", "'id' is required.");
        for (Attribute a : kind.attributes()) {
            if (a.requiredOnUpdate() && !c.attributes().containsKey(a.name())) {
                throw ApiError.invalidPointer(base + "/attributes/" + a.name(), "'" + a.name() + "' is a required field.");
            }
        }
        return c;
    }

    /** The ids of a relationship body, {@code {"data":[{"type":T,"id":…},…]}}, in order and without repeats. */
    public static List<String> identifiers(JsonNode body, String targetType) {
        JsonNode data = body == null ? null : body.get("data");
        if (data == null || !data.isArray()) throw ApiError.invalidPointer("/data", "'data' must be an array of resource identifiers.");
        return identifierList(data, "/data", targetType);
    }

    private static Changes parse(ResourceKind kind, JsonNode data, String base, boolean update) {
        if (data == null || !data.isObject()) throw ApiError.invalidPointer(base, "'data' must be an object.");
        Set<String> members = update ? Set.of("type", "id", "attributes", "relationships") : Set.of("type", "attributes", "relationships");
        for (var it = data.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!members.contains(key)) throw ApiError.invalidPointer(base + "/" + key, "'" + key + "' is not allowed here.");
        }
        if (!data.path("type").isTextual() || !data.get("type").asText().equals(kind.type())) {
            throw ApiError.invalidPointer(base + "/type", "'type' must be '" + kind.type() + "'.");
        }
        String id = null;
        if (data.has("id")) {
            if (!data.get("id").isTextual() || data.get("id").asText().isEmpty()) {
                throw ApiError.invalidPointer(base + "/id", "'id' must be a non-empty string.");
            }
            id = data.get("id").asText();
        }
        JsonNode attributes = data.get("attributes");
        if (attributes == null || !attributes.isObject()) {
            throw ApiError.invalidPointer(base + "/attributes", "'attributes' must be an object.");
        }
        Map<String, JsonNode> values = new LinkedHashMap<>();
        for (var e : attributes.properties()) {
            String pointer = base + "/attributes/" + e.getKey();
            Attribute a = kind.attribute(e.getKey())
                    .filter(x -> update ? x.updatable() : x.creatable())
                    .orElseThrow(() -> ApiError.invalidPointer(pointer,
                            "'" + e.getKey() + "' is not a valid field for the resource '" + kind.type() + "'."));
            if (a.nullIgnored() && e.getValue().isNull()) continue;
            values.put(a.name(), value(a, e.getValue(), pointer));
        }
        return new Changes(id, values, relationships(kind, data.get("relationships"), base, update));
    }

    private static JsonNode value(Attribute a, JsonNode v, String pointer) {
        if (v.isNull()) {
            if (!a.nullable()) throw ApiError.invalidPointer(pointer, "'" + a.name() + "' may not be null.");
            return v;
        }
        if (!a.type().accepts(v)) throw ApiError.invalidPointer(pointer, "'" + a.name() + "' must be " + a.type().description() + ".");
        if (a.refusesBlank() && v.isTextual() && v.asText().isBlank()) {
            throw ApiError.invalidPointer(pointer, "'" + a.name() + "' must be a non-empty string.");
        }
        JsonNode normalized = a.type().normalize(v);
        if (!a.allowed().isEmpty() && a.allowed().stream().noneMatch(x -> x.isTextual() == normalized.isTextual() && x.asText().equals(normalized.asText()))) {
            throw ApiError.invalidPointer(pointer, "'" + a.name() + "' must be one of: "
                    + String.join(", ", a.allowed().stream().map(JsonNode::asText).toList()) + ".");
        }
        if (a.maxLength() > 0 && v.isTextual() && v.asText().length() > a.maxLength()) {
            throw ApiError.invalidPointer(pointer, "'" + a.name() + "' must be " + a.maxLength() + " characters or fewer.");
        }
        if (a.maxLength() > 0 && v.isObject() && dev.openprofile.jsonapi.Json.bytes(v).length > a.maxLength()) {
            throw ApiError.invalidPointer(pointer, "'" + a.name() + "' may not exceed " + a.maxLength() / 1024 + " KB.");
        }
        return normalized;
    }

    private static Map<String, List<String>> relationships(ResourceKind kind, JsonNode node, String base, boolean update) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (node == null) return out;
        if (!node.isObject()) throw ApiError.invalidPointer(base + "/relationships", "'relationships' must be an object.");
        for (var e : node.properties()) {
            String pointer = base + "/relationships/" + e.getKey();
            Relationship r = kind.relationship(e.getKey())
                    .filter(x -> update ? x.onUpdate() : x.onCreate())
                    .orElseThrow(() -> ApiError.invalidPointer(pointer, "'" + e.getKey() + "' is not a relationship that can be set here."));
            JsonNode data = e.getValue().isObject() ? e.getValue().get("data") : null;
            if (r.toOne()) {
                if (data == null || !data.isObject()) throw ApiError.invalidPointer(pointer + "/data", "'data' must be a resource identifier.");
                out.put(r.name(), List.of(identifier(data, pointer + "/data", r.target())));
            } else {
                if (data == null || !data.isArray()) throw ApiError.invalidPointer(pointer + "/data", "'data' must be an array of resource identifiers.");
                out.put(r.name(), identifierList(data, pointer + "/data", r.target()));
            }
        }
        return out;
    }

    private static List<String> identifierList(JsonNode data, String pointer, String targetType) {
        List<String> ids = new ArrayList<>(data.size());
        for (int i = 0; i < data.size(); i++) {
            String id = identifier(data.get(i), pointer + "/" + i, targetType);
            if (!ids.contains(id)) ids.add(id);
        }
        return ids;
    }

    /** One resource identifier {@code {"type":T,"id":…}} at {@code pointer}, e.g. a record of a bulk delete. */
    public static String identifier(JsonNode item, String pointer, String targetType) {
        if (!item.isObject() || !targetType.equals(item.path("type").asText(null))) {
            throw ApiError.invalidPointer(pointer + "/type", "'type' must be '" + targetType + "'.");
        }
        if (!item.path("id").isTextual() || item.get("id").asText().isEmpty()) {
            throw ApiError.invalidPointer(pointer + "/id", "'id' must be a non-empty string.");
        }
        return item.get("id").asText();
    }
}
