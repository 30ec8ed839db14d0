package dev.openprofile.flows;

import java.util.List;
import java.util.Optional;

/**
 * The action types a flow definition may hold (the spec's FlowDefinition.actions oneOf), with the facts of each
 * schema the create and update checks need: whether {@code data} is required and which of its members, whether
 * {@code data.status} exists, and the channel of the message a send action carries in {@code data.message}.
 */
enum ActionType {
    ACTION_OUTPUT_SPLIT("action-output-split", false, List.of("action_output_filter"), false, null),
    BACK_IN_STOCK_DELAY("back-in-stock-delay", false, List.of(), false, null),
    CONDITIONAL_SPLIT("conditional-split", false, List.of("profile_filter"), false, null),
    CONTENT_EXPERIMENT("content-experiment", true, List.of("main_action"), true, null),
    SEND_EMAIL("send-email", false, List.of(), true, "email"),
    SEND_MOBILE_PUSH("send-mobile-push", false, List.of(), true, "push"),
    SEND_SMS("send-sms", false, List.of(), true, "sms"),
    SEND_WEBHOOK("send-webhook", false, List.of("message"), true, "webhook"),
    SEND_INTERNAL_ALERT("send-internal-alert", false, List.of("message"), true, "internal-alert"),
    SEND_WHATSAPP("send-whatsapp", false, List.of(), true, "whatsapp"),
    TIME_DELAY("time-delay", true, List.of("value"), false, null),
    TRIGGER_SPLIT("trigger-split", false, List.of("trigger_filter", "trigger_id", "trigger_type"), false, null),
    UPDATE_PROFILE("update-profile", false, List.of("profile_operations"), true, null),
    TARGET_DATE("target-date", true, List.of(), false, null),
    COUNTDOWN_DELAY("countdown-delay", true, List.of(), false, null),
    AB_TEST("ab-test", true, List.of("main_action"), true, null),
    INTERNAL_SERVICE("internal-service", false, List.of(), true, null),
    CODE("code", false, List.of(), false, null),
    MULTI_BRANCH_SPLIT("multi-branch-split", false, List.of("branches", "name"), false, null),
    LIST_UPDATE("list-update", true, List.of("name", "on_execution", "list_id"), true, null);

    /** The spec's enum of data.status, the same for every action type that has one. */
    static final List<String> STATUSES = List.of("disabled", "draft", "live", "manual");
    /** What data.status is when a definition does not say (the spec's default). */
    static final String DEFAULT_STATUS = "draft";

    final String wire;
    final boolean dataRequired;
    final List<String> dataMembersRequired;
    final boolean hasStatus;
    /** The channel of its message; null for an action that sends none. */
    final String channel;

    ActionType(String wire, boolean dataRequired, List<String> dataMembersRequired, boolean hasStatus, String channel) {
        this.wire = wire;
        this.dataRequired = dataRequired;
        this.dataMembersRequired = dataMembersRequired;
        this.hasStatus = hasStatus;
        this.channel = channel;
    }

    static Optional<ActionType> fromWire(String wire) {
        for (ActionType t : values()) if (t.wire.equals(wire)) return Optional.of(t);
        return Optional.empty();
    }

    static List<String> wireNames() {
        return java.util.Arrays.stream(values()).map(t -> t.wire).toList();
    }
}
