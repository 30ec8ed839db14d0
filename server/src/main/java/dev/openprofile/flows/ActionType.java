package dev.openprofile.flows;

import java.util.Optional;

/**
 * The action types a flow definition may hold (the spec's FlowDefinition.actions oneOf), with the facts of each
 * schema OpenProfile acts on: whether {@code data.status} exists (it is defaulted and follows the flow's status), and
 * the channel of the message a send action carries in {@code data.message}. The schemas themselves hold the rest
 * ({@link FlowSchemas}).
 */
enum ActionType {
    ACTION_OUTPUT_SPLIT("action-output-split", false, null),
    BACK_IN_STOCK_DELAY("back-in-stock-delay", false, null),
    CONDITIONAL_SPLIT("conditional-split", false, null),
    CONTENT_EXPERIMENT("content-experiment", true, null),
    SEND_EMAIL("send-email", true, "email"),
    SEND_MOBILE_PUSH("send-mobile-push", true, "push"),
    SEND_SMS("send-sms", true, "sms"),
    SEND_WEBHOOK("send-webhook", true, "webhook"),
    SEND_INTERNAL_ALERT("send-internal-alert", true, "internal-alert"),
    SEND_WHATSAPP("send-whatsapp", true, "whatsapp"),
    TIME_DELAY("time-delay", false, null),
    TRIGGER_SPLIT("trigger-split", false, null),
    UPDATE_PROFILE("update-profile", true, null),
    TARGET_DATE("target-date", false, null),
    COUNTDOWN_DELAY("countdown-delay", false, null),
    AB_TEST("ab-test", true, null),
    INTERNAL_SERVICE("internal-service", true, null),
    CODE("code", false, null),
    MULTI_BRANCH_SPLIT("multi-branch-split", false, null),
    LIST_UPDATE("list-update", true, null);

    /** What data.status is when a definition does not say (the spec's default). */
    static final String DEFAULT_STATUS = "draft";

    final String wire;
    final boolean hasStatus;
    /** The channel of its message; null for an action that sends none. */
    final String channel;

    ActionType(String wire, boolean hasStatus, String channel) {
        this.wire = wire;
        this.hasStatus = hasStatus;
        this.channel = channel;
    }

    static Optional<ActionType> fromWire(String wire) {
        for (ActionType t : values()) if (t.wire.equals(wire)) return Optional.of(t);
        return Optional.empty();
    }
}
