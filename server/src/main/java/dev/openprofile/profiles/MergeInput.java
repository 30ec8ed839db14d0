package dev.openprofile.profiles;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.jsonapi.ApiError;
import java.util.Set;

/** Reads a merge_profiles body (ProfileMergeQuery), each error pointing at the member at fault. */
final class MergeInput {
    static final String TYPE = "profile-merge";
    static final String DESTINATION = "/data/id";
    static final String SOURCES = "/data/relationships/profiles/data";
    static final String SOURCE = SOURCES + "/0/id";

    record Request(String destinationId, String sourceId) {}

    private MergeInput() {}

    static Request parse(JsonNode data) {
        if (!data.isObject()) throw ApiError.invalidPointer("/data", "'data' must be an object.");
        data.fieldNames().forEachRemaining(key -> {
            if (!Set.of("type", "id", "relationships").contains(key)) {
                throw ApiError.invalidPointer("/data/" + key, "'" + key + "' is not allowed here.");
            }
        });
        if (!TYPE.equals(data.path("type").asText(null)) || !data.get("type").isTextual()) {
            throw ApiError.invalidPointer("/data/type", "'type' must be '" + TYPE + "'.");
        }
        String destination = id(data.get("id"), DESTINATION, "the destination profile");
        JsonNode profiles = required(required(data, "relationships", "/data/relationships"), "profiles",
                "/data/relationships/profiles");
        JsonNode sources = profiles.get("data");
        if (sources == null || !sources.isArray()) {
            throw ApiError.invalidPointer(SOURCES, "'data' is required: an array holding the one source profile.");
        }
        if (sources.isEmpty()) throw ApiError.invalidPointer(SOURCES, "A source profile is required.");
        // The spec: "This endpoint accepts only one source profile".
        if (sources.size() > 1) {
            throw ApiError.invalidPointer(SOURCES + "/1", "Only one source profile can be merged per request; got "
                    + sources.size() + ".");
        }
        JsonNode source = sources.get(0);
        if (!source.isObject() || !"profile".equals(source.path("type").asText(null)) || !source.get("type").isTextual()) {
            throw ApiError.invalidPointer(SOURCES + "/0/type", "'type' must be 'profile'.");
        }
        String sourceId = id(source.get("id"), SOURCE, "the source profile");
        if (sourceId.equals(destination)) {
            throw ApiError.invalidPointer(SOURCE, "A profile cannot be merged into itself.");
        }
        return new Request(destination, sourceId);
    }

    private static JsonNode required(JsonNode parent, String key, String pointer) {
        JsonNode v = parent.get(key);
        if (v == null || v.isNull()) throw ApiError.invalidPointer(pointer, "'" + key + "' is required.");
        if (!v.isObject()) throw ApiError.invalidPointer(pointer, "'" + key + "' must be an object.");
        return v;
    }

    private static String id(JsonNode v, String pointer, String what) {
        if (v == null || v.isNull()) throw ApiError.invalidPointer(pointer, "'id' is required: the id of " + what + ".");
        if (!v.isTextual() || v.asText().isEmpty()) {
            throw ApiError.invalidPointer(pointer, "'id' must be a non-empty string: the id of " + what + ".");
        }
        return v.asText();
    }
}
