package dev.openprofile.consent;

import dev.openprofile.consent.ConsentCommand.ConfirmDoubleOptIn;
import dev.openprofile.consent.ConsentCommand.Subscribe;
import dev.openprofile.consent.ConsentCommand.Suppress;
import dev.openprofile.consent.ConsentCommand.Unsubscribe;
import dev.openprofile.consent.ConsentCommand.Unsuppress;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** Commands and starting states the consent tests share, named so the test rows read as sentences. */
final class Fixtures {
    static final String ACTOR = "api-key:test";
    static final OffsetDateTime EARLIER = OffsetDateTime.of(2025, 6, 1, 8, 0, 0, 0, ZoneOffset.UTC);
    static final OffsetDateTime NOW = OffsetDateTime.of(2026, 7, 15, 12, 30, 45, 123_456_000, ZoneOffset.UTC);

    private Fixtures() {}

    static Subscribe subscribe(OptInProcess optIn, String listId, Channel... channels) {
        return subscribeFrom(null, optIn, listId, channels);
    }

    /** A subscribe with a {@code custom_source}. */
    static Subscribe subscribeFrom(String customSource, OptInProcess optIn, String listId, Channel... channels) {
        return new Subscribe(Set.of(channels), listId, optIn, false, null, customSource, ACTOR);
    }

    static Subscribe historicalImport(OffsetDateTime consentedAt, String listId, Channel... channels) {
        return new Subscribe(Set.of(channels), listId, OptInProcess.DOUBLE, true, consentedAt, null, ACTOR);
    }

    static ConfirmDoubleOptIn confirm(Channel channel, String listId) {
        return new ConfirmDoubleOptIn(channel, listId, ACTOR);
    }

    /** An unsubscribe in an account with Klaviyo's default, global unsubscribes. */
    static Unsubscribe unsubscribe(String listId, boolean onList, Channel... channels) {
        return unsubscribe(UnsubscribeScope.GLOBAL, listId, onList, channels);
    }

    static Unsubscribe unsubscribe(UnsubscribeScope scope, String listId, boolean onList, Channel... channels) {
        return new Unsubscribe(Set.of(channels), listId, onList, scope, ACTOR);
    }

    static Suppress suppress(SuppressionReason reason) {
        return new Suppress(reason, ACTOR);
    }

    static Unsuppress unsuppress() {
        return new Unsuppress(ACTOR);
    }

    /** A channel record with only its consent set, as a stored state might hold it. */
    static ChannelConsent record(Consent consent) {
        return new ChannelConsent(consent, EARLIER, EARLIER, ConsentRules.METHOD_API, null, null, null);
    }

    static ConsentState with(ConsentState state, Channel channel, Consent consent) {
        return state.withChannel(channel, record(consent));
    }

    static ConsentState withSuppressions(ConsentState state, SuppressionReason... reasons) {
        return state.withSuppressions(
                Arrays.stream(reasons).map(r -> new Suppression(r, EARLIER)).toList());
    }

    static ConsentState withListSuppression(ConsentState state, String listId) {
        return state.withListSuppressions(List.of(new ListSuppression(listId, SuppressionReason.UNSUBSCRIBE, EARLIER)));
    }

    /** Applies commands one after another, at {@link #EARLIER}: a state reached the way a profile reaches it. */
    static ConsentState after(ConsentCommand... commands) {
        ConsentState state = ConsentState.EMPTY;
        for (ConsentCommand command : commands) {
            state = ConsentRules.apply(state, command, EARLIER).state();
        }
        return state;
    }
}
