package dev.openprofile.imports;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.ApiErrors;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.profiles.ProfileInput;
import java.util.ArrayList;
import java.util.List;

/**
 * Synchronous validation of a bulk import (semantics §11): one failing profile rejects the whole
 * batch with 400, one error per failing profile, each pointing into it; nothing is imported.
 */
final class ImportInput {
    static final int MAX_PROFILES = 10_000;
    static final int MAX_PROFILE_BYTES = 100 * 1024;
    static final String PROFILES = "/data/attributes/profiles/data";

    /** The profiles as submitted, each serialized once (UTF-8 JSON), and the lists to add them to. */
    record Submission(List<byte[]> profiles, List<String> listIds) {}

    private ImportInput() {}

    static Submission parse(JsonNode data) {
        if (data == null || !data.isObject()) throw ApiError.invalidPointer("/data", "'data' must be an object.");
        if (!ImportJob.TYPE.equals(data.path("type").asText(null))) {
            throw ApiError.invalidPointer("/data/type", "'type' must be '" + ImportJob.TYPE + "'.");
        }
        JsonNode profiles = data.path("attributes").path("profiles").path("data");
        if (!profiles.isArray()) throw ApiError.invalidPointer(PROFILES, "'profiles.data' must be an array of profiles.");
        if (profiles.isEmpty()) throw ApiError.invalidPointer(PROFILES, "At least one profile is required.");
        if (profiles.size() > MAX_PROFILES) {
            throw ApiError.invalidPointer(PROFILES, "At most " + MAX_PROFILES + " profiles can be imported per job; got "
                    + profiles.size() + ".");
        }
        List<ApiError> errors = new ArrayList<>();
        List<byte[]> items = new ArrayList<>(profiles.size());
        for (int i = 0; i < profiles.size(); i++) {
            JsonNode p = profiles.get(i);
            String pointer = PROFILES + "/" + i;
            byte[] json = Json.bytes(p);
            if (json.length > MAX_PROFILE_BYTES) {
                throw new ApiError(413, "request_too_large", "Payload too large.",
                        "The maximum allowed payload size per profile is 100KB.", ApiError.Source.pointer(pointer), null);
            }
            try {
                ProfileInput.parseUpsert(p, pointer);
                items.add(json);
            } catch (ApiError e) {
                errors.add(e);
            }
        }
        if (!errors.isEmpty()) throw new ApiErrors(errors);
        return new Submission(items, listIds(data.path("relationships").path("lists")));
    }

    private static List<String> listIds(JsonNode lists) {
        if (lists.isMissingNode() || lists.isNull()) return List.of();
        JsonNode data = lists.path("data");
        if (!data.isArray()) throw ApiError.invalidPointer("/data/relationships/lists/data", "'lists.data' must be an array.");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            JsonNode item = data.get(i);
            if (!"list".equals(item.path("type").asText(null)) || !item.path("id").isTextual()) {
                throw ApiError.invalidPointer("/data/relationships/lists/data/" + i, "Each list must be {\"type\":\"list\",\"id\":...}.");
            }
            if (!ids.contains(item.get("id").asText())) ids.add(item.get("id").asText());
        }
        return ids;
    }
}
