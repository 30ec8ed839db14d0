package dev.openprofile.consent;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * One command's work in progress: the state so far, and the history and effects produced. Each step
 * is a no-op when there is nothing to change, and writes a history entry when there is; so a command
 * that changes nothing leaves no history.
 */
final class Transition {
    private final String method;
    private final String methodDetail;
    private final String actor;
    private final OffsetDateTime now;
    private final List<ConsentChange> history = new ArrayList<>();
    private final List<MembershipEffect> effects = new ArrayList<>();
    private ConsentState state;

    Transition(ConsentState start, String method, String methodDetail, String actor, OffsetDateTime now) {
        this.state = start;
        this.method = method;
        this.methodDetail = methodDetail;
        this.actor = actor;
        this.now = now;
    }

    Consent consent(Channel channel) {
        return state.channel(channel).consent();
    }

    void setChannel(Channel channel, ChannelConsent next) {
        Consent before = consent(channel);
        state = state.withChannel(channel, next);
        if (before != next.consent()) {
            record(channel.name(), before.name(), next.consent().name());
        }
    }

    /** Adds a global suppression; one already there keeps its (earlier) timestamp. */
    void suppress(SuppressionReason reason) {
        state = state.withSuppressions(added(state.suppressions(), state.suppression(reason),
                new Suppression(reason, now), ConsentChange.suppressionSubject(reason)));
    }

    void unsuppress(SuppressionReason reason) {
        state = state.withSuppressions(removed(state.suppressions(), state.suppression(reason),
                ConsentChange.suppressionSubject(reason)));
    }

    /** Suppresses email from one list, as an unsubscribe from it does; an existing one stays as it is. */
    void suppressList(String listId) {
        ListSuppression entry = new ListSuppression(listId, SuppressionReason.UNSUBSCRIBE, now);
        state = state.withListSuppressions(added(state.listSuppressions(), state.listSuppression(listId),
                entry, ConsentChange.listSuppressionSubject(listId)));
    }

    void unsuppressList(String listId) {
        state = state.withListSuppressions(removed(state.listSuppressions(), state.listSuppression(listId),
                ConsentChange.listSuppressionSubject(listId)));
    }

    /** Records a pending opt-in, replacing the one for the same channel and list (asking again re-asks). */
    void addPending(PendingOptIn entry) {
        List<PendingOptIn> next = new ArrayList<>(state.pending());
        next.removeIf(p -> p.isFor(entry.channel(), entry.listId()));
        next.add(entry);
        state = state.withPending(next);
    }

    void removePending(Channel channel, String listId) {
        dropPending(channel, p -> p.isFor(channel, listId));
    }

    void removeAllPending(Channel channel) {
        dropPending(channel, p -> p.channel() == channel);
    }

    void effect(MembershipEffect effect) {
        effects.add(effect);
    }

    ConsentOutcome outcome() {
        return new ConsentOutcome(state, history, effects, false);
    }

    /**
     * Drops pending entries; a channel left PENDING with nothing pending goes back to NEVER_SUBSCRIBED,
     * so PENDING always means "something is waiting". Callers that give the channel a new consent do
     * so before dropping, so this only fires when the consent would otherwise be left dangling.
     */
    private void dropPending(Channel channel, Predicate<PendingOptIn> which) {
        List<PendingOptIn> next = new ArrayList<>(state.pending());
        if (!next.removeIf(which)) {
            return;
        }
        state = state.withPending(next);
        boolean stillPending = next.stream().anyMatch(p -> p.channel() == channel);
        if (consent(channel) == Consent.PENDING && !stillPending) {
            setChannel(channel, new ChannelConsent(Consent.NEVER_SUBSCRIBED, null, now, null, null, null, null));
        }
    }

    private void record(String subject, String from, String to) {
        history.add(new ConsentChange(subject, from, to, method, methodDetail, actor, now));
    }

    /** {@code items} with {@code entry} added and recorded, unless {@code existing} is already there. */
    private <T> List<T> added(List<T> items, Optional<T> existing, T entry, String subject) {
        if (existing.isPresent()) {
            return items;
        }
        record(subject, ConsentChange.NOT_SUPPRESSED, ConsentChange.SUPPRESSED);
        List<T> next = new ArrayList<>(items);
        next.add(entry);
        return next;
    }

    /** {@code items} without {@code existing}, recorded; unchanged when there is nothing to remove. */
    private <T> List<T> removed(List<T> items, Optional<T> existing, String subject) {
        if (existing.isEmpty()) {
            return items;
        }
        record(subject, ConsentChange.SUPPRESSED, ConsentChange.NOT_SUPPRESSED);
        List<T> next = new ArrayList<>(items);
        next.remove(existing.get());
        return next;
    }
}
