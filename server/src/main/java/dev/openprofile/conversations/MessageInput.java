package dev.openprofile.conversations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.jsonapi.ApiError;
import java.util.Set;

/** Reads and validates a create_conversation_message body, each error pointing at the member at fault. */
final class MessageInput {
    static final String TYPE = "conversation-message";

    /** What create_conversation_message asks: a body for a conversation, with an optional RCS/SMS pair. */
    record Outbound(String conversationId, String body, JsonNode hierarchy) {}

    private MessageInput() {}

    static Outbound parse(JsonNode data) {
        if (data == null || !data.isObject()) throw ApiError.invalidPointer("/data", "'data' must be an object.");
        for (String key : (Iterable<String>) data::fieldNames) {
            if (!Set.of("type", "attributes", "relationships").contains(key)) {
                throw ApiError.invalidPointer("/data/" + key, "'" + key + "' is not allowed here.");
            }
        }
        if (!TYPE.equals(data.path("type").asText(null))) {
            throw ApiError.invalidPointer("/data/type", "'type' must be '" + TYPE + "'.");
        }
        JsonNode a = data.get("attributes");
        if (a == null || !a.isObject()) throw ApiError.invalidPointer("/data/attributes", "'attributes' must be an object.");
        for (String key : (Iterable<String>) a::fieldNames) {
            if (!Set.of("body", "message_hierarchy").contains(key)) {
                throw ApiError.invalidPointer("/data/attributes/" + key, "'" + key + "' is not a conversation message attribute.");
            }
        }
        JsonNode hierarchy = a.get("message_hierarchy");
        if (hierarchy != null && hierarchy.isNull()) hierarchy = null;
        if (hierarchy != null) hierarchy(hierarchy);
        JsonNode body = a.get("body");
        if (body == null || !body.isTextual()) throw ApiError.invalidPointer("/data/attributes/body", "'body' is required and must be a string.");
        if (body.asText().isBlank() && hierarchy == null) {
            throw ApiError.invalidPointer("/data/attributes/body", "'body' must not be empty.");
        }
        JsonNode conversation = data.path("relationships").path("conversation").path("data");
        if (!conversation.isObject()) {
            throw ApiError.invalidPointer("/data/relationships/conversation/data", "The message's conversation is required.");
        }
        if (!"conversation".equals(conversation.path("type").asText(null))) {
            throw ApiError.invalidPointer("/data/relationships/conversation/data/type", "'type' must be 'conversation'.");
        }
        if (!conversation.path("id").isTextual() || conversation.get("id").asText().isEmpty()) {
            throw ApiError.invalidPointer("/data/relationships/conversation/data/id", "'id' must be a conversation id.");
        }
        return new Outbound(conversation.get("id").asText(), body.asText(), hierarchy);
    }

    /** The spec's "ordered RCS and SMS pair": the RCS content first, then the SMS fallback with its text. */
    private static void hierarchy(JsonNode h) {
        String at = "/data/attributes/message_hierarchy";
        if (!h.isArray() || h.size() != 2) {
            throw ApiError.invalidPointer(at, "'message_hierarchy' must be an ordered pair: the RCS message, then the SMS fallback.");
        }
        String[] formats = {"RCS", "SMS"};
        for (int i = 0; i < 2; i++) {
            JsonNode item = h.get(i);
            if (!item.isObject()) throw ApiError.invalidPointer(at + "/" + i, "Each message of the hierarchy must be an object.");
            JsonNode format = item.get("message_format");
            if (format != null && !formats[i].equals(format.asText(null))) {
                throw ApiError.invalidPointer(at + "/" + i + "/message_format", "Message " + i + " of the hierarchy must be '" + formats[i] + "'.");
            }
            JsonNode message = item.get("message");
            if ((message == null && i == 1) || (message != null && !message.isTextual())) {
                throw ApiError.invalidPointer(at + "/" + i + "/message", "'message' must be a string" + (i == 1 ? " (the SMS text)." : "."));
            }
        }
    }
}
