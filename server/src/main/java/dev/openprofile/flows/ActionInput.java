package dev.openprofile.flows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.jsonapi.ApiError;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One action of a flow definition the spec's schema has accepted ({@link FlowSchemas}), checked for what the schema
 * cannot say: the ids ({@code temporary_id} on create, "the real ID of an action. Not allowed on create"), members
 * and links the action's schema does not list, and the message id. It defaults {@code data.status} and picks out the
 * message of a send action.
 */
final class ActionInput {
    private static final Set<String> MEMBERS = Set.of("id", "temporary_id", "type", "links", "data");
    private static final Set<String> BRANCH_LINKS = Set.of("next_if_true", "next_if_false");

    private ActionInput() {}

    /**
     * @param definition the action as it will be stored: no temporary_id, {@code data.status} defaulted
     * @param message    its {@code data.message}, for a send action that has one; null otherwise
     */
    record NewAction(String temporaryId, ActionType type, ObjectNode definition, ObjectNode message) {}

    static NewAction create(JsonNode action, String pointer) {
        ObjectNode a = checked(action, pointer);
        if (a.has("id") && !a.get("id").isNull()) {
            throw ApiError.invalidPointer(pointer + "/id", "'id' is not allowed on create; name new actions with 'temporary_id'.");
        }
        JsonNode temporary = a.get("temporary_id");
        if (temporary == null || !temporary.isTextual() || temporary.asText().isEmpty()) {
            throw ApiError.invalidPointer(pointer + "/temporary_id", "'temporary_id' must be a non-empty string.");
        }
        ActionType type = type(a, pointer);
        ObjectNode message = data(a, type, pointer, null, true);
        ObjectNode stored = a.deepCopy();
        stored.remove("temporary_id");
        stored.remove("id");
        return new NewAction(temporary.asText(), type, stored, message);
    }

    /**
     * The definition update_flow_action gives for an action of {@code type} with {@code id}, checked as on create,
     * except that it names no temporary_id, may name only its own id and keeps its type.
     *
     * @param currentStatus the action's status, kept when the definition names none
     */
    static NewAction replacement(JsonNode action, ActionType type, String id, String currentStatus) {
        String pointer = "/data/attributes/definition";
        ObjectNode a = checked(action, pointer);
        if (a.has("temporary_id") && !a.get("temporary_id").isNull()) {
            throw ApiError.invalidPointer(pointer + "/temporary_id", "'temporary_id' is only for actions being created.");
        }
        if (a.has("id") && !a.get("id").isNull() && !a.get("id").asText().equals(id)) {
            throw ApiError.invalidPointer(pointer + "/id", "'id' must be the action's own id, '" + id + "'.");
        }
        ActionType given = type(a, pointer);
        if (given != type) throw ApiError.invalidPointer(pointer + "/type", "An action's type cannot change: it is '" + type.wire + "'.");
        ObjectNode message = data(a, type, pointer, currentStatus, false);
        ObjectNode stored = a.deepCopy();
        stored.remove("temporary_id");
        return new NewAction(null, type, stored, message);
    }

    /** The members of an action's {@code links} that name another action, and the id each names. */
    static Map<String, String> links(ObjectNode action) {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode links = action.get("links");
        if (links == null || !links.isObject()) return out;
        links.properties().forEach(e -> {
            if (e.getValue().isTextual()) out.put(e.getKey(), e.getValue().asText());
        });
        return out;
    }

    private static ObjectNode checked(JsonNode action, String pointer) {
        for (var it = action.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!MEMBERS.contains(key)) throw ApiError.invalidPointer(pointer + "/" + key, "'" + key + "' is not allowed here.");
        }
        return (ObjectNode) action;
    }

    private static ActionType type(ObjectNode a, String pointer) {
        // The schema allows only the spec's action types.
        ActionType type = ActionType.fromWire(a.get("type").asText()).orElseThrow();
        JsonNode links = a.get("links");
        if (links != null && links.isObject()) {
            Set<String> allowed = type == ActionType.MULTI_BRANCH_SPLIT ? Set.of()
                    : type == ActionType.CONDITIONAL_SPLIT || type == ActionType.TRIGGER_SPLIT || type == ActionType.ACTION_OUTPUT_SPLIT
                    ? BRANCH_LINKS : Set.of("next");
            for (var e : links.properties()) {
                String at = pointer + "/links/" + e.getKey();
                if (!allowed.contains(e.getKey())) throw ApiError.invalidPointer(at, "'" + e.getKey() + "' is not a link of a '" + type.wire + "' action.");
            }
        }
        return type;
    }

    /** Defaults {@code data.status} and returns the send action's message (null when none). */
    private static ObjectNode data(ObjectNode a, ActionType type, String pointer, String currentStatus, boolean create) {
        JsonNode data = a.get("data");
        if (data == null || data.isNull()) {
            if (!type.hasStatus) return null;
            data = a.putObject("data");
        }
        if (!(data instanceof ObjectNode d)) return null; // the schema's own data may be anything (code's "data": {})
        if (type.hasStatus && (!d.has("status") || d.get("status").isNull())) {
            d.put("status", currentStatus == null ? ActionType.DEFAULT_STATUS : currentStatus);
        }
        if (type.channel == null) return null;
        JsonNode message = d.get("message");
        if (message == null || message.isNull()) return null;
        if (create && message.has("id") && !message.get("id").isNull()) {
            throw ApiError.invalidPointer(pointer + "/data/message/id", "'id' is not allowed on create.");
        }
        return (ObjectNode) message;
    }
}
