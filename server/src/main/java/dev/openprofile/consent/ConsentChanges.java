package dev.openprofile.consent;

import dev.openprofile.lists.ListService;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;

/**
 * The one way consent changes: inside the caller's transaction, lock the profile's consent, apply
 * the commands with {@link ConsentRules}, store the state and its history, and carry out the list
 * changes the rules ask for. Jobs, confirmations and operator suppressions all come through here.
 */
final class ConsentChanges {
    private final ConsentStore store;
    private final ListService lists;
    private final ConsentEvents events;

    ConsentChanges(ConsentStore store, ListService lists, ConsentEvents events) {
        this.store = store;
        this.lists = lists;
        this.events = events;
    }

    /**
     * Applies the commands in order; a confirmation with nothing pending changes nothing (the outcome
     * says so). Returns the last command's outcome.
     */
    ConsentOutcome apply(Connection c, String accountId, String profileId, List<ConsentCommand> commands,
                         OffsetDateTime now, String jobId) throws SQLException {
        ConsentState state = store.lock(c, accountId, profileId);
        List<ConsentChange> history = new ArrayList<>();
        List<MembershipEffect> effects = new ArrayList<>();
        ConsentOutcome outcome = null;
        for (ConsentCommand command : commands) {
            outcome = ConsentRules.apply(state, command, now);
            if (outcome.nothingToConfirm()) return outcome;
            state = outcome.state();
            history.addAll(outcome.history());
            effects.addAll(outcome.effects());
        }
        store.save(c, accountId, profileId, state, history, jobId);
        for (ConsentChange change : history) {
            String metric = systemMetric(change);
            if (metric != null) events.recorded(c, accountId, profileId, metric, change.at(), properties(change));
        }
        for (MembershipEffect e : effects.stream().distinct().toList()) {
            switch (e) {
                case MembershipEffect.AddToList add -> lists.addMembers(c, accountId, List.of(add.listId()), List.of(profileId));
                case MembershipEffect.RemoveFromList remove -> lists.removeMembers(c, accountId, remove.listId(), List.of(profileId));
            }
        }
        return outcome;
    }

    /**
     * The Klaviyo system metric a history entry is an event of ("Working with system webhooks" lists them as
     * webhook topics), or null: a channel becoming SUBSCRIBED or UNSUBSCRIBED for email and SMS marketing, and
     * an operator's (USER_SUPPRESSED) suppression added or removed. Pending double opt-ins are not events.
     */
    static String systemMetric(ConsentChange change) {
        String channel = switch (change.subject()) {
            case "EMAIL_MARKETING" -> "email";
            case "SMS_MARKETING" -> "sms";
            default -> null;
        };
        if (channel != null) {
            if (change.to().equals(Consent.SUBSCRIBED.name())) return "subscribed_to_" + channel + "_marketing";
            if (change.to().equals(Consent.UNSUBSCRIBED.name())) return "unsubscribed_from_" + channel + "_marketing";
            return null;
        }
        if (change.subject().equals(ConsentChange.suppressionSubject(SuppressionReason.USER_SUPPRESSED))) {
            return change.to().equals(ConsentChange.SUPPRESSED) ? "manually_suppressed_from_email_marketing"
                    : "manually_unsuppressed_from_email_marketing";
        }
        return null;
    }

    private static Map<String, String> properties(ConsentChange change) {
        Map<String, String> out = new LinkedHashMap<>();
        if (change.method() != null) out.put("method", change.method());
        if (change.methodDetail() != null) out.put("method_detail", change.methodDetail());
        return out;
    }
}
