package dev.openprofile.jsonapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Sparse fieldsets (semantics §7): keep only the named attributes. A dotted name such as
 * {@code location.city} keeps just that sub-field of its parent object.
 */
public final class Fieldsets {
    private Fieldsets() {}

    public static ObjectNode select(ObjectNode attributes, List<String> fields) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        for (String field : fields) copyPath(attributes, out, field.split("\\."), 0);
        return out;
    }

    private static void copyPath(JsonNode from, ObjectNode to, String[] path, int i) {
        if (from == null || !from.isObject() || !from.has(path[i])) return;
        JsonNode value = from.get(path[i]);
        if (i == path.length - 1 || value.isNull()) {
            to.set(path[i], value);
            return;
        }
        JsonNode existing = to.get(path[i]);
        ObjectNode child = existing instanceof ObjectNode o ? o : to.putObject(path[i]);
        copyPath(value, child, path, i + 1);
    }
}
