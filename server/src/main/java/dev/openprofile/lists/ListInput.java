package dev.openprofile.lists;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.jsonapi.ApiError;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads and validates list request bodies, each error pointing at the member at fault. */
final class ListInput {
    static final int MAX_MEMBERS_PER_CALL = 1000;
    private static final int MAX_NAME = 255;

    /** What a create or update names; null means absent (keep, or the default on create). */
    record ListChanges(String id, String name, String optInProcess) {}

    private ListInput() {}

    static ListChanges create(JsonNode data) {
        ListChanges c = parse(data, false);
        if (c.name() == null) throw ApiError.invalidPointer("/data/attributes/name", "'name' is required.");
        return c;
    }

    static ListChanges update(JsonNode data) {
        ListChanges c = parse(data, true);
        if (c.id() == null) throw ApiError.invalidPointer("/data/id", "'id' is required.");
        return c;
    }

    private static ListChanges parse(JsonNode data, boolean withId) {
        if (data == null || !data.isObject()) throw ApiError.invalidPointer("/data", "'data' must be an object.");
        for (var it = data.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!Set.of("type", "attributes").contains(key) && !(withId && key.equals("id"))) {
                throw ApiError.invalidPointer("/data/" + key, "'" + key + "' is not allowed here.");
            }
        }
        if (!data.path("type").isTextual() || !data.get("type").asText().equals(ListDescriptor.TYPE)) {
            throw ApiError.invalidPointer("/data/type", "'type' must be 'list'.");
        }
        String id = null;
        if (withId && data.has("id")) {
            if (!data.get("id").isTextual()) throw ApiError.invalidPointer("/data/id", "'id' must be a string.");
            id = data.get("id").asText();
        }
        JsonNode a = data.get("attributes");
        if (a == null || !a.isObject()) throw ApiError.invalidPointer("/data/attributes", "'attributes' must be an object.");
        String name = null;
        String optIn = null;
        for (var it = a.properties().iterator(); it.hasNext(); ) {
            var e = it.next();
            String pointer = "/data/attributes/" + e.getKey();
            JsonNode v = e.getValue();
            switch (e.getKey()) {
                case "name" -> {
                    if (!v.isTextual() || v.asText().isBlank()) {
                        throw ApiError.invalidPointer(pointer, "'name' must be a non-empty string.");
                    }
                    if (v.asText().length() > MAX_NAME) {
                        throw ApiError.invalidPointer(pointer, "'name' must be " + MAX_NAME + " characters or fewer.");
                    }
                    name = v.asText();
                }
                case "opt_in_process" -> {
                    if (v.isNull()) continue;
                    if (!v.isTextual() || !(v.asText().equals(StaticList.SINGLE) || v.asText().equals(StaticList.DOUBLE))) {
                        throw ApiError.invalidPointer(pointer, "'opt_in_process' must be single_opt_in or double_opt_in.");
                    }
                    optIn = v.asText();
                }
                default -> throw ApiError.invalidPointer(pointer, "'" + e.getKey() + "' is not a valid list attribute.");
            }
        }
        return new ListChanges(id, name, optIn);
    }

    /** The profile ids of an add or remove body: {"data":[{"type":"profile","id":...}, ...]}, at most 1,000. */
    static List<String> members(JsonNode body) {
        JsonNode data = body == null ? null : body.get("data");
        if (data == null || !data.isArray()) throw ApiError.invalidPointer("/data", "'data' must be an array of profiles.");
        if (data.size() > MAX_MEMBERS_PER_CALL) {
            throw ApiError.invalidPointer("/data", "At most " + MAX_MEMBERS_PER_CALL
                    + " profiles can be added or removed per call; got " + data.size() + ".");
        }
        List<String> ids = new ArrayList<>(data.size());
        for (int i = 0; i < data.size(); i++) {
            JsonNode item = data.get(i);
            if (!item.isObject() || !"profile".equals(item.path("type").asText(null))) {
                throw ApiError.invalidPointer("/data/" + i + "/type", "'type' must be 'profile'.");
            }
            if (!item.path("id").isTextual() || item.get("id").asText().isEmpty()) {
                throw ApiError.invalidPointer("/data/" + i + "/id", "'id' must be a profile id.");
            }
            ids.add(item.get("id").asText());
        }
        return ids;
    }
}
