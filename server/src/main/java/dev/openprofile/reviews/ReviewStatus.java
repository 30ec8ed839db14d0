package dev.openprofile.reviews;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Json;
import java.util.List;

/**
 * A review's status as the wire shows it: {@code {"value": "published"}}, or for a rejected review
 * {@code {"value": "rejected", "rejection_reason": {"reason": "other", "status_explanation": "…"}}} (the spec's
 * ReviewStatus* and RejectReason* schemas). Any status may follow any other (docs/compatibility.md, "Reviews").
 */
final class ReviewStatus {
    static final List<String> VALUES = List.of("pending", "published", "featured", "unpublished", "rejected");
    static final List<String> REASONS = List.of("other", "fake", "false_or_misleading", "private_information",
            "profanity_or_inappropriate", "unrelated");
    /** What the public reads show (get_client_reviews, the values report). */
    static final List<String> PUBLIC = List.of("published", "featured");

    private ReviewStatus() {}

    static ObjectNode of(String value) {
        return Json.MAPPER.createObjectNode().put("value", value);
    }

    /** The status an update body names, checked and rebuilt with only the members the spec knows. */
    static ObjectNode parse(JsonNode status, String pointer) {
        if (!status.isObject()) throw ApiError.invalidPointer(pointer, "'status' must be an object with a 'value'.");
        JsonNode value = status.get("value");
        if (value == null || !value.isTextual() || !VALUES.contains(value.asText())) {
            throw ApiError.invalidPointer(pointer + "/value", "'value' must be one of " + String.join(", ", VALUES) + ".");
        }
        for (var it = status.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!key.equals("value") && !(key.equals("rejection_reason") && value.asText().equals("rejected"))) {
                throw ApiError.invalidPointer(pointer + "/" + key, "'" + key + "' is not allowed with the status '"
                        + value.asText() + "'.");
            }
        }
        ObjectNode out = of(value.asText());
        if (value.asText().equals("rejected")) out.set("rejection_reason", reason(status.get("rejection_reason"),
                pointer + "/rejection_reason"));
        return out;
    }

    private static ObjectNode reason(JsonNode reason, String pointer) {
        if (reason == null || !reason.isObject()) {
            throw ApiError.invalidPointer(pointer, "A rejected review needs a 'rejection_reason' object with a 'reason'.");
        }
        JsonNode r = reason.get("reason");
        if (r == null || !r.isTextual() || !REASONS.contains(r.asText())) {
            throw ApiError.invalidPointer(pointer + "/reason", "'reason' must be one of " + String.join(", ", REASONS) + ".");
        }
        ObjectNode out = Json.MAPPER.createObjectNode().put("reason", r.asText());
        for (var it = reason.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (key.equals("reason")) continue;
            if (!key.equals("status_explanation") || !r.asText().equals("other")) {
                throw ApiError.invalidPointer(pointer + "/" + key, "'" + key + "' is not allowed with the reason '" + r.asText() + "'.");
            }
            JsonNode e = reason.get(key);
            if (!e.isNull() && !e.isTextual()) throw ApiError.invalidPointer(pointer + "/" + key, "'status_explanation' must be a string.");
            out.set("status_explanation", e);
        }
        return out;
    }
}
