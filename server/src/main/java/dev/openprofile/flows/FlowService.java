package dev.openprofile.flows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.resource.ResourceInput;
import dev.openprofile.resource.ResourceRow;
import dev.openprofile.resource.ResourceService;
import dev.openprofile.store.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules of flows: a definition becomes a flow row, an action row per action and a message row per send
 * action's message, in one transaction, with the temporary ids replaced by real ones; a flow's status moves its
 * actions' statuses with it; an action's definition is replaced whole; a deleted action's predecessors are linked
 * past it. Rows are written through the kit's services, so reads see exactly what the kit would store.
 */
final class FlowService {
    private static final String DEFINITION = "/data/attributes/definition";

    private final Jdbc jdbc;
    private final ResourceService flows;
    private final ResourceService actions;
    private final ResourceService messages;
    private final Flows.TriggerTargets targets;

    FlowService(Jdbc jdbc, ResourceService flows, ResourceService actions, ResourceService messages, Flows.TriggerTargets targets) {
        this.jdbc = jdbc;
        this.flows = flows;
        this.actions = actions;
        this.messages = messages;
        this.targets = targets;
    }

    ResourceRow create(String accountId, FlowInput.NewFlow flow) {
        FlowTrigger trigger = flow.trigger();
        if (trigger.id() != null && !targets.exists(accountId, trigger.kind(), trigger.id())) {
            throw new ApiError(404, "not_found", "Not found.", "A " + trigger.kind() + " with id '" + trigger.id() + "' does not exist.",
                    ApiError.Source.pointer(DEFINITION + "/triggers/0/id"), null);
        }
        return jdbc.inTransaction(c -> {
            Map<String, JsonNode> attributes = new LinkedHashMap<>();
            attributes.put("name", text(flow.name()));
            attributes.put("status", text("draft"));
            attributes.put("archived", Json.MAPPER.getNodeFactory().booleanNode(false));
            attributes.put("trigger_type", text(trigger.triggerType()));
            attributes.put("trigger_kind", trigger.kind() == null ? Json.MAPPER.nullNode() : text(trigger.kind()));
            attributes.put("trigger_id", trigger.id() == null ? Json.MAPPER.nullNode() : text(trigger.id()));
            attributes.put("frame", flow.frame());
            ResourceRow row = flows.create(c, accountId, new ResourceInput.Changes(null, attributes, Map.of()), "/data");
            Map<String, String> realIds = new HashMap<>();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < flow.actions().size(); i++) {
                ActionInput.NewAction a = flow.actions().get(i);
                String id = actions.create(c, accountId, new ResourceInput.Changes(null, actionAttributes(a, i), Map.of("flow", List.of(row.id()))),
                        "/data").id();
                realIds.put(a.temporaryId(), id);
                ids.add(id);
            }
            for (int i = 0; i < flow.actions().size(); i++) {
                ActionInput.NewAction a = flow.actions().get(i);
                ObjectNode definition = a.definition();
                definition.put("id", ids.get(i));
                if (definition.has("links")) definition.set("links", resolved(definition.get("links"), realIds));
                if (a.message() != null) {
                    definition.withObjectProperty("data").set("message",
                            writeMessage(c, accountId, ids.get(i), null, a, DEFINITION + "/actions/" + i));
                }
                actions.update(c, accountId, new ResourceInput.Changes(ids.get(i), Map.of("definition", definition), Map.of()), "/data");
            }
            ObjectNode frame = flow.frame().deepCopy();
            frame.set("entry_action_id", flow.entry() == null ? frame.nullNode() : text(realIds.get(flow.entry())));
            return flows.update(c, accountId, new ResourceInput.Changes(row.id(), Map.of("frame", frame), Map.of()), "/data").orElseThrow();
        });
    }

    /** update_flow: the flow's status, and with it the status of every action that has one and is not disabled. */
    ResourceRow updateStatus(String accountId, String id, String status) {
        return jdbc.inTransaction(c -> {
            if (!FlowStore.lockFlow(c, accountId, id)) throw flows.notFound(id);
            for (FlowStore.StoredAction a : FlowStore.actions(c, accountId, id)) {
                if (a.status() == null || a.status().equals("disabled") || a.status().equals(status)) continue;
                ObjectNode definition = a.definition();
                definition.withObjectProperty("data").put("status", status);
                actions.update(c, accountId, new ResourceInput.Changes(a.id(), Map.of("definition", definition, "status", text(status)),
                        Map.of()), "/data");
            }
            return flows.update(c, accountId, new ResourceInput.Changes(id, Map.of("status", text(status)), Map.of()), "/data").orElseThrow();
        });
    }

    /** update_flow_action: the action's whole definition; links may name the flow's other actions. */
    ResourceRow updateAction(String accountId, String id, JsonNode given) {
        return jdbc.inTransaction(c -> {
            String flowId = FlowStore.flowOf(c, accountId, id);
            if (flowId == null || !FlowStore.lockFlow(c, accountId, flowId)) throw actions.notFound(id);
            ResourceRow current = actions.find(c, accountId, id).orElseThrow(() -> actions.notFound(id));
            ActionType type = ActionType.fromWire(current.attributes().get("action_type").asText()).orElseThrow();
            JsonNode status = current.attributes().get("status");
            ActionInput.NewAction a = ActionInput.replacement(given, type, id, status == null || status.isNull() ? null : status.asText());
            Set<String> siblings = new HashSet<>();
            for (FlowStore.StoredAction s : FlowStore.actions(c, accountId, flowId)) siblings.add(s.id());
            for (Map.Entry<String, String> link : ActionInput.links(a.definition()).entrySet()) {
                if (!siblings.contains(link.getValue())) {
                    throw ApiError.invalidPointer(DEFINITION + "/links/" + link.getKey(),
                            "The flow has no action with id '" + link.getValue() + "'.");
                }
            }
            ObjectNode definition = a.definition();
            definition.put("id", id);
            String messageId = FlowStore.messageOf(c, accountId, id);
            if (a.message() != null) {
                JsonNode named = a.message().get("id");
                if (named != null && !named.isNull() && !named.asText().equals(messageId)) {
                    throw ApiError.invalidPointer(DEFINITION + "/data/message/id", "'id' must be the id of the action's message"
                            + (messageId == null ? "; it has none yet." : ", '" + messageId + "'."));
                }
                definition.withObjectProperty("data").set("message", writeMessage(c, accountId, id, messageId, a, DEFINITION));
            } else if (messageId != null && type.channel != null) {
                // A definition without a message keeps the action's message (docs/compatibility.md).
                definition.withObjectProperty("data").set("message", current.attributes().get("definition").path("data").path("message"));
            }
            Map<String, JsonNode> attributes = new LinkedHashMap<>();
            attributes.put("definition", definition);
            if (type.hasStatus) attributes.put("status", definition.path("data").path("status"));
            return actions.update(c, accountId, new ResourceInput.Changes(id, attributes, Map.of()), "/data").orElseThrow();
        });
    }

    /**
     * delete_flow_action: the action and its messages; an action that led to it, or the flow's entry, now leads where
     * it led (its {@code next}), so the definition stays connected.
     */
    void deleteAction(String accountId, String id) {
        jdbc.inTransaction(c -> {
            String flowId = FlowStore.flowOf(c, accountId, id);
            if (flowId == null || !FlowStore.lockFlow(c, accountId, flowId)) throw actions.notFound(id);
            List<FlowStore.StoredAction> all = FlowStore.actions(c, accountId, flowId);
            JsonNode next = Json.MAPPER.nullNode();
            for (FlowStore.StoredAction a : all) if (a.id().equals(id)) next = a.definition().path("links").path("next");
            if (next.isMissingNode() || !next.isTextual()) next = Json.MAPPER.nullNode();
            for (FlowStore.StoredAction a : all) {
                if (a.id().equals(id) || !(a.definition().get("links") instanceof ObjectNode links)) continue;
                boolean changed = false;
                for (var e : links.properties()) {
                    if (e.getValue().isTextual() && e.getValue().asText().equals(id)) {
                        e.setValue(next);
                        changed = true;
                    }
                }
                if (changed) actions.update(c, accountId, new ResourceInput.Changes(a.id(), Map.of("definition", a.definition()), Map.of()), "/data");
            }
            ResourceRow flow = flows.find(c, accountId, flowId).orElseThrow();
            ObjectNode frame = flow.attributes().get("frame").deepCopy();
            if (frame.path("entry_action_id").asText("").equals(id)) {
                frame.set("entry_action_id", next);
                flows.update(c, accountId, new ResourceInput.Changes(flowId, Map.of("frame", frame), Map.of()), "/data");
            }
            actions.delete(c, accountId, id);
            return null;
        });
    }

    /** The flows the given lists, segments or metrics ({@code kind}) trigger, by their id, in id order. */
    Map<String, List<ResourceRow>> triggered(String accountId, String kind, List<String> ids) {
        Map<String, List<String>> byOwner = jdbc.read(c -> FlowStore.triggered(c, accountId, kind, ids));
        Map<String, ResourceRow> rows = new HashMap<>();
        for (ResourceRow r : flows.findAll(accountId, byOwner.values().stream().flatMap(List::stream).toList())) rows.put(r.id(), r);
        Map<String, List<ResourceRow>> out = new LinkedHashMap<>();
        byOwner.forEach((owner, flowIds) -> out.put(owner, flowIds.stream().map(rows::get).filter(java.util.Objects::nonNull).toList()));
        return out;
    }

    /** Of some flow ids, those the account does not have, in the order given. */
    List<String> unknownIds(String accountId, List<String> ids) {
        Set<String> found = new HashSet<>();
        for (ResourceRow r : flows.findAll(accountId, ids)) found.add(r.id());
        return ids.stream().filter(id -> !found.contains(id)).toList();
    }

    /** Creates or replaces the message of a send action; the message as the action's definition shows it. */
    private ObjectNode writeMessage(Connection c, String accountId, String actionId, String messageId, ActionInput.NewAction a,
                                    String pointer) throws SQLException {
        ObjectNode message = a.message().deepCopy();
        Map<String, JsonNode> attributes = new LinkedHashMap<>();
        attributes.put("channel", text(a.type().channel));
        attributes.put("name", message.path("name").isTextual() ? message.get("name") : Json.MAPPER.nullNode());
        String templateId = message.path("template_id").isTextual() ? message.get("template_id").asText() : null;
        if (templateId != null && !targets.exists(accountId, "template", templateId)) {
            throw new ApiError(404, "not_found", "Not found.", "A template with id '" + templateId + "' does not exist.",
                    ApiError.Source.pointer(pointer + "/data/message/template_id"), null);
        }
        List<String> template = templateId == null ? List.of() : List.of(templateId);
        if (messageId == null) {
            messageId = messages.create(c, accountId, new ResourceInput.Changes(null, attributes,
                    Map.of("flow-action", List.of(actionId), "template", template)), "/data").id();
        }
        message.put("id", messageId);
        attributes.put("definition", message);
        messages.update(c, accountId, new ResourceInput.Changes(messageId, attributes, Map.of("template", template)), "/data");
        return message;
    }

    private static Map<String, JsonNode> actionAttributes(ActionInput.NewAction a, int position) {
        Map<String, JsonNode> attributes = new LinkedHashMap<>();
        attributes.put("definition", a.definition());
        attributes.put("action_type", text(a.type().wire));
        attributes.put("status", a.type().hasStatus ? a.definition().path("data").path("status") : Json.MAPPER.nullNode());
        attributes.put("position", Json.MAPPER.getNodeFactory().numberNode(position));
        return attributes;
    }

    /** An action's links with temporary ids replaced by the real ones. */
    private static JsonNode resolved(JsonNode links, Map<String, String> realIds) {
        if (links == null || !links.isObject()) return links == null ? Json.MAPPER.nullNode() : links;
        ObjectNode out = links.deepCopy();
        for (var e : out.properties()) if (e.getValue().isTextual()) e.setValue(text(realIds.get(e.getValue().asText())));
        return out;
    }

    private static JsonNode text(String s) {
        return Json.MAPPER.getNodeFactory().textNode(s);
    }
}
