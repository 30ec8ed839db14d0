package dev.openprofile.flows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.jsonapi.ApiError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One action of a flow definition, checked against its type's schema where OpenProfile reads it: the type, the
 * ids ({@code temporary_id} on create, "the real ID of an action. Not allowed on create"), the links to other
 * actions, {@code data} with its required members and {@code status}, and the message of a send action. What lies
 * deeper (filters, branches, experiments) is kept and shown as given (docs/compatibility.md, "Flows").
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
        if (action == null || !action.isObject()) throw ApiError.invalidPointer(pointer, "An action must be an object.");
        for (var it = action.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!MEMBERS.contains(key)) throw ApiError.invalidPointer(pointer + "/" + key, "'" + key + "' is not allowed here.");
        }
        return (ObjectNode) action;
    }

    private static ActionType type(ObjectNode a, String pointer) {
        JsonNode t = a.get("type");
        ActionType type = t != null && t.isTextual() ? ActionType.fromWire(t.asText()).orElse(null) : null;
        if (type == null) {
            throw ApiError.invalidPointer(pointer + "/type", "'type' must be one of: " + String.join(", ", ActionType.wireNames()) + ".");
        }
        JsonNode links = a.get("links");
        FlowInput.objectOrNull(links, pointer + "/links", "links");
        if (links != null && links.isObject()) {
            Set<String> allowed = type == ActionType.MULTI_BRANCH_SPLIT ? Set.of()
                    : type == ActionType.CONDITIONAL_SPLIT || type == ActionType.TRIGGER_SPLIT || type == ActionType.ACTION_OUTPUT_SPLIT
                    ? BRANCH_LINKS : Set.of("next");
            for (var e : links.properties()) {
                String at = pointer + "/links/" + e.getKey();
                if (!allowed.contains(e.getKey())) throw ApiError.invalidPointer(at, "'" + e.getKey() + "' is not a link of a '" + type.wire + "' action.");
                if (!e.getValue().isNull() && !e.getValue().isTextual()) throw ApiError.invalidPointer(at, "'" + e.getKey() + "' must be a string or null.");
            }
        }
        return type;
    }

    /** Checks {@code data}, defaults its status, and returns the send action's message (null when none). */
    private static ObjectNode data(ObjectNode a, ActionType type, String pointer, String currentStatus, boolean create) {
        JsonNode data = a.get("data");
        if (data == null || data.isNull()) {
            if (type.dataRequired) throw ApiError.invalidPointer(pointer + "/data", "'data' is a required field.");
            if (!type.hasStatus) return null;
            data = a.putObject("data");
        }
        if (!data.isObject()) throw ApiError.invalidPointer(pointer + "/data", "'data' must be an object.");
        ObjectNode d = (ObjectNode) data;
        for (String m : type.dataMembersRequired) {
            if (!d.has(m) || d.get(m).isNull()) throw ApiError.invalidPointer(pointer + "/data/" + m, "'" + m + "' is a required field.");
        }
        if (type.hasStatus) {
            JsonNode status = d.get("status");
            if (status == null || status.isNull()) {
                d.put("status", currentStatus == null ? ActionType.DEFAULT_STATUS : currentStatus);
            } else if (!status.isTextual() || !ActionType.STATUSES.contains(status.asText())) {
                throw ApiError.invalidPointer(pointer + "/data/status", "'status' must be one of: " + String.join(", ", ActionType.STATUSES) + ".");
            }
        }
        if (type.channel == null) return null;
        JsonNode message = d.get("message");
        FlowInput.objectOrNull(message, pointer + "/data/message", "message");
        if (message == null || message.isNull()) return null;
        if (create && message.has("id") && !message.get("id").isNull()) {
            throw ApiError.invalidPointer(pointer + "/data/message/id", "'id' is not allowed on create.");
        }
        for (String text : List.of("name", "template_id")) {
            JsonNode v = message.get(text);
            if (v != null && !v.isNull() && !v.isTextual()) throw ApiError.invalidPointer(pointer + "/data/message/" + text, "'" + text + "' must be a string or null.");
        }
        return (ObjectNode) message;
    }
}
