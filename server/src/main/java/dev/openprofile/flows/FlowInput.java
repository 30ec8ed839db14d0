package dev.openprofile.flows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.resource.Attribute;
import dev.openprofile.resource.Hooks;
import dev.openprofile.resource.IdScheme;
import dev.openprofile.resource.ResourceInput;
import dev.openprofile.resource.ResourceKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The bodies of create_flow, update_flow and update_flow_action, checked with pointers. The JSON:API envelope is
 * checked by the kit's {@link ResourceInput} against the request schemas declared here (never registered: they
 * only parse); the definition below it by {@link #definition} and {@link ActionInput}.
 */
final class FlowInput {
    private static final String DEFINITION = "/data/attributes/definition";
    private static final Set<String> DEFINITION_MEMBERS = Set.of("triggers", "profile_filter", "actions", "entry_action_id",
            "reentry_criteria");
    /** The statuses update_flow accepts (the spec: "['draft', 'manual', or 'live']"). */
    static final List<String> FLOW_STATUSES = List.of("draft", "manual", "live");

    private static final ResourceKind CREATE = requestShape("flow", List.of(
            Attribute.string("name").require().nonEmpty(),
            Attribute.object("definition").require()));
    private static final ResourceKind UPDATE = requestShape("flow", List.of(
            Attribute.string("status").notNull().oneOf(FLOW_STATUSES.toArray())));
    private static final ResourceKind UPDATE_ACTION = requestShape("flow-action", List.of(
            Attribute.object("definition").notNull()));

    private FlowInput() {}

    /** A new flow: its name, its trigger, the definition's frame, its actions in order and the entry action's temporary id. */
    record NewFlow(String name, FlowTrigger trigger, ObjectNode frame, List<ActionInput.NewAction> actions, String entry) {}

    static NewFlow create(JsonNode data, FlowSchemas schemas) {
        ResourceInput.Changes c = ResourceInput.create(CREATE, data, "/data");
        String name = c.attributes().get("name").asText();
        JsonNode definition = c.attributes().get("definition");
        schemas.definition().validate(definition, DEFINITION);
        return definition(name, definition);
    }

    /** The status update_flow sets. */
    static String status(JsonNode data, String pathId) {
        ResourceInput.Changes c = ResourceInput.update(UPDATE, data, "/data");
        if (!c.id().equals(pathId)) throw ApiError.idMismatch(c.id(), pathId);
        JsonNode status = c.attributes().get("status");
        if (status == null) throw ApiError.invalidPointer("/data/attributes/status", "'status' is a required field.");
        return status.asText();
    }

    /** The action definition update_flow_action gives (checked against the action by {@link ActionInput#replacement}). */
    static ObjectNode actionDefinition(JsonNode data, String pathId, FlowSchemas schemas) {
        ResourceInput.Changes c = ResourceInput.update(UPDATE_ACTION, data, "/data");
        if (!c.id().equals(pathId)) throw ApiError.idMismatch(c.id(), pathId);
        JsonNode definition = c.attributes().get("definition");
        if (definition == null) throw ApiError.invalidPointer(DEFINITION, "'definition' is a required field.");
        schemas.action().validate(definition, DEFINITION);
        return (ObjectNode) definition;
    }

    /** A definition the spec's schema accepts, checked for what the schema cannot say. */
    private static NewFlow definition(String name, JsonNode definition) {
        for (var it = definition.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!DEFINITION_MEMBERS.contains(key)) throw ApiError.invalidPointer(DEFINITION + "/" + key, "'" + key + "' is not allowed here.");
        }
        FlowTrigger trigger = FlowTrigger.parse(definition.get("triggers"), DEFINITION + "/triggers");
        JsonNode profileFilter = definition.get("profile_filter");
        JsonNode reentry = definition.get("reentry_criteria");
        JsonNode actions = definition.get("actions");
        List<ActionInput.NewAction> parsed = new ArrayList<>();
        Set<String> temporaryIds = new HashSet<>();
        for (int i = 0; i < actions.size(); i++) {
            ActionInput.NewAction a = ActionInput.create(actions.get(i), DEFINITION + "/actions/" + i);
            if (!temporaryIds.add(a.temporaryId())) {
                throw ApiError.invalidPointer(DEFINITION + "/actions/" + i + "/temporary_id",
                        "The temporary_id '" + a.temporaryId() + "' is used by another action.");
            }
            parsed.add(a);
        }
        for (int i = 0; i < parsed.size(); i++) {
            for (Map.Entry<String, String> link : ActionInput.links(parsed.get(i).definition()).entrySet()) {
                if (!temporaryIds.contains(link.getValue())) {
                    throw ApiError.invalidPointer(DEFINITION + "/actions/" + i + "/links/" + link.getKey(),
                            "No action of this definition has the temporary_id '" + link.getValue() + "'.");
                }
            }
        }
        JsonNode entry = definition.get("entry_action_id");
        if (entry.isTextual() && !temporaryIds.contains(entry.asText())) {
            throw ApiError.invalidPointer(DEFINITION + "/entry_action_id",
                    "No action of this definition has the temporary_id '" + entry.asText() + "'.");
        }
        ObjectNode frame = dev.openprofile.jsonapi.Json.MAPPER.createObjectNode();
        frame.set("triggers", definition.get("triggers"));
        frame.set("profile_filter", profileFilter == null ? frame.nullNode() : profileFilter);
        frame.set("reentry_criteria", reentry == null ? frame.nullNode() : reentry);
        return new NewFlow(name, trigger, frame, parsed, entry.isNull() ? null : entry.asText());
    }

    private static ResourceKind requestShape(String type, List<Attribute> attributes) {
        return new ResourceKind(type, "/api/" + type + "s", type.replace('-', '_'), attributes, List.of(),
                new IdScheme.Generated(() -> null), new ResourceKind.Operations(null, null, null, null, null, null, Map.of()),
                Hooks.NONE);
    }
}
