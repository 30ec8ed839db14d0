package dev.openprofile.flows;

import dev.openprofile.resource.Attribute;
import dev.openprofile.resource.Hooks;
import dev.openprofile.resource.IdScheme;
import dev.openprofile.resource.Relationship;
import dev.openprofile.resource.ResourceKind;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The declarations of Klaviyo's flow, flow action and flow message for the resource kit: the one place their wire
 * shapes live. The kit serves their reads, filters, sorts, includes, relationship reads and delete_flow; what
 * writes a definition (create_flow, update_flow's status, update_flow_action, delete_flow_action) is the flows
 * feature's own ({@link FlowService}), which stores rows through the kit's services.
 *
 * <p>Hidden attributes ({@code hide().immutable()}: never shown, never accepted in a kit body) hold what the spec
 * filters or sorts on without showing it (an action's {@code action_type} and {@code status}, a message's
 * {@code name}), and what the feature keeps for itself (the trigger, the definition's frame, an action's place).
 */
final class FlowKinds {
    static final String FLOW = "flow";
    static final String ACTION = "flow-action";
    static final String MESSAGE = "flow-message";

    private FlowKinds() {}

    static ResourceKind flow(Supplier<String> ids, Hooks hooks) {
        return new ResourceKind(FLOW, "/api/flows", "flow", List.of(
                Attribute.string("name").column("name").serverSet(),
                Attribute.string("status").column("status").serverSet(),
                Attribute.bool("archived").column("archived").serverSet(),
                Attribute.datetime("created").column("created").serverSet(),
                Attribute.datetime("updated").column("updated").serverSet(),
                Attribute.string("trigger_type").column("trigger_type").serverSet(),
                Attribute.string("trigger_kind").column("trigger_kind").immutable().hide(),
                Attribute.string("trigger_id").column("trigger_id").immutable().hide(),
                // triggers, profile_filter, reentry_criteria and entry_action_id: the definition without its actions
                Attribute.object("frame").immutable().hide()),
                List.of(
                        Relationship.toMany("flow-actions", ACTION, new Relationship.Inverse("flow_id")),
                        Relationship.toMany("tags", "tag", new Relationship.External())),
                new IdScheme.Generated(ids),
                new ResourceKind.Operations("get_flows", null, "get_flow", null, "delete_flow", "id", Map.of(
                        "flow-actions", new ResourceKind.RelationshipOperations("get_actions_for_flow", "get_action_ids_for_flow",
                                null, null, null))),
                hooks);
    }

    static ResourceKind action(Supplier<String> ids) {
        return new ResourceKind(ACTION, "/api/flow-actions", "flow_action", List.of(
                Attribute.datetime("created").column("created").serverSet(),
                Attribute.datetime("updated").column("updated").serverSet(),
                Attribute.object("definition").serverSet(),
                Attribute.string("action_type").column("action_type").immutable().hide(),
                Attribute.string("status").column("status").immutable().hide(),
                Attribute.integer("position").column("position").immutable().hide()),
                List.of(
                        Relationship.toOne("flow", FLOW, "flow_id"),
                        Relationship.toMany("flow-messages", MESSAGE, new Relationship.Inverse("action_id"))),
                new IdScheme.Generated(ids),
                new ResourceKind.Operations(null, null, "get_flow_action", null, null, "id", Map.of(
                        "flow", new ResourceKind.RelationshipOperations("get_flow_for_flow_action", "get_flow_id_for_flow_action",
                                null, null, null),
                        "flow-messages", new ResourceKind.RelationshipOperations("get_flow_action_messages",
                                "get_message_ids_for_flow_action", null, null, null))),
                Hooks.NONE);
    }

    static ResourceKind message(Supplier<String> ids) {
        return new ResourceKind(MESSAGE, "/api/flow-messages", "flow_message", List.of(
                Attribute.string("channel").column("channel").serverSet(),
                Attribute.datetime("created").column("created").serverSet(),
                Attribute.datetime("updated").column("updated").serverSet(),
                Attribute.object("definition").serverSet(),
                Attribute.string("name").column("name").immutable().hide()),
                List.of(
                        Relationship.toOne("flow-action", ACTION, "action_id"),
                        // The message definition's template_id, checked against the account's templates when written.
                        Relationship.toOne("template", "template", "template_id")),
                new IdScheme.Generated(ids),
                new ResourceKind.Operations(null, null, "get_flow_message", null, null, "id", Map.of(
                        "flow-action", new ResourceKind.RelationshipOperations("get_action_for_flow_message",
                                "get_action_id_for_flow_message", null, null, null),
                        "template", new ResourceKind.RelationshipOperations("get_template_for_flow_message",
                                "get_template_id_for_flow_message", null, null, null))),
                Hooks.NONE);
    }
}
