package dev.openprofile.consent;

import java.util.List;

/**
 * What a command did: the next state, one history entry per consent or suppression change (none for
 * a command that changed nothing), and the list membership changes for the caller to carry out.
 *
 * <p>{@code nothingToConfirm} is true when a {@link ConsentCommand.ConfirmDoubleOptIn} found no
 * pending opt-in for its channel and list; the state is then unchanged and the caller reports it.
 */
public record ConsentOutcome(
        ConsentState state,
        List<ConsentChange> history,
        List<MembershipEffect> effects,
        boolean nothingToConfirm) {

    public ConsentOutcome {
        history = List.copyOf(history);
        effects = List.copyOf(effects);
    }

    static ConsentOutcome nothingToConfirm(ConsentState unchanged) {
        return new ConsentOutcome(unchanged, List.of(), List.of(), true);
    }
}
