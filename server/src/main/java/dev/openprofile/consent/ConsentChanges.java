package dev.openprofile.consent;

import dev.openprofile.lists.ListService;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The one way consent changes: inside the caller's transaction, lock the profile's consent, apply
 * the commands with {@link ConsentRules}, store the state and its history, and carry out the list
 * changes the rules ask for. Jobs, confirmations and operator suppressions all come through here.
 */
final class ConsentChanges {
    private final ConsentStore store;
    private final ListService lists;

    ConsentChanges(ConsentStore store, ListService lists) {
        this.store = store;
        this.lists = lists;
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
        for (MembershipEffect e : effects.stream().distinct().toList()) {
            switch (e) {
                case MembershipEffect.AddToList add -> lists.addMembers(c, accountId, List.of(add.listId()), List.of(profileId));
                case MembershipEffect.RemoveFromList remove -> lists.removeMembers(c, accountId, remove.listId(), List.of(profileId));
            }
        }
        return outcome;
    }
}
