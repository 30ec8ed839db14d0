package dev.openprofile.profiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.jsonapi.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * meta.patch_properties: unset, append and unappend, applied after the plain properties merge and in
 * that order (semantics §10, our decision on its gap; docs/compatibility.md).
 */
record PatchProperties(List<String> unset, ObjectNode append, ObjectNode unappend) {
    static final PatchProperties NONE = new PatchProperties(List.of(), null, null);

    void applyTo(ObjectNode props) {
        unset.forEach(props::remove);
        if (append != null) {
            append.properties().forEach(e -> {
                ArrayNode array = asArray(props.get(e.getKey()));
                values(e.getValue()).forEach(array::add);
                props.set(e.getKey(), array);
            });
        }
        if (unappend != null) {
            unappend.properties().forEach(e -> {
                JsonNode existing = props.get(e.getKey());
                if (existing == null || !existing.isArray()) return;
                List<JsonNode> remove = values(e.getValue());
                ArrayNode kept = Json.MAPPER.createArrayNode();
                existing.forEach(item -> {
                    if (!remove.contains(item)) kept.add(item);
                });
                props.set(e.getKey(), kept);
            });
        }
    }

    /**
     * Klaviyo turns a missing or scalar property into an array when appending to it (observed,
     * semantics §10); an existing scalar is kept as the first item.
     */
    private static ArrayNode asArray(JsonNode existing) {
        if (existing != null && existing.isArray()) return ((ArrayNode) existing).deepCopy();
        ArrayNode array = Json.MAPPER.createArrayNode();
        if (existing != null && !existing.isNull()) array.add(existing);
        return array;
    }

    private static List<JsonNode> values(JsonNode v) {
        List<JsonNode> out = new ArrayList<>();
        if (v.isArray()) v.forEach(out::add);
        else out.add(v);
        return out;
    }
}
