package dev.openprofile.lists;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.jsonapi.ApiError;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the membership bodies of a list, each error pointing at the member at fault (the list's own bodies
 * are read by the kit from {@link ListKind}).
 */
final class ListInput {
    static final int MAX_MEMBERS_PER_CALL = 1000;

    private ListInput() {}

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
