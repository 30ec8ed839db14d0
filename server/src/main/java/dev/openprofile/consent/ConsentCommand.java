package dev.openprofile.consent;

import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What can happen to a profile's consent; {@link ConsentRules#apply} says what each does. The
 * constructors check what the HTTP layer must already have turned into a 400, so a violation here is
 * a bug in the caller. {@code actor} names who or what asked (an API key, a job, an admin); it goes
 * into the history.
 */
public sealed interface ConsentCommand {
    String actor();

    /**
     * Subscribe the given channels, and only those. {@code listId} may be null. {@code consentedAt}
     * is only allowed with {@code historicalImport} ("providing any value for this field will raise
     * an error", spec); a historical import without it is consented now. {@code customSource} may be null.
     */
    record Subscribe(
            Set<Channel> channels,
            String listId,
            OptInProcess optIn,
            boolean historicalImport,
            OffsetDateTime consentedAt,
            String customSource,
            String actor) implements ConsentCommand {

        public Subscribe {
            channels = channelSet(channels);
            Objects.requireNonNull(optIn, "optIn");
            Objects.requireNonNull(actor, "actor");
            if (consentedAt != null && !historicalImport) {
                throw new IllegalArgumentException("consentedAt is only accepted with historicalImport");
            }
        }
    }

    /** The profile confirmed the double opt-in asked for {@code channel} and {@code listId} (may be null). */
    record ConfirmDoubleOptIn(Channel channel, String listId, String actor) implements ConsentCommand {
        public ConfirmDoubleOptIn {
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(actor, "actor");
        }
    }

    /**
     * Unsubscribe the given channels. {@code profileIsOnList} is the caller's membership check: a
     * member leaves the list, and only a member can be unsubscribed from the list alone, since
     * "Profiles not in the specified list will be globally unsubscribed" (spec). {@code scope} is the
     * account's setting, which decides what an email member's list unsubscribe does.
     */
    record Unsubscribe(Set<Channel> channels, String listId, boolean profileIsOnList, UnsubscribeScope scope,
                       String actor) implements ConsentCommand {

        public Unsubscribe {
            channels = channelSet(channels);
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(actor, "actor");
            if (listId == null && profileIsOnList) {
                throw new IllegalArgumentException("profileIsOnList needs a listId");
            }
        }
    }

    /**
     * Add a global email suppression. The API only suppresses with USER_SUPPRESSED; the other reasons
     * come from bounces, complaints and admin tools.
     */
    record Suppress(SuppressionReason reason, String actor) implements ConsentCommand {
        public Suppress {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(actor, "actor");
        }
    }

    /** Remove the USER_SUPPRESSED suppression, and nothing else. */
    record Unsuppress(String actor) implements ConsentCommand {
        public Unsuppress {
            Objects.requireNonNull(actor, "actor");
        }
    }

    /** An immutable copy in channel order, so a command's history comes out in a stable order. */
    private static Set<Channel> channelSet(Set<Channel> channels) {
        if (channels == null || channels.isEmpty()) {
            throw new IllegalArgumentException("at least one channel is required");
        }
        return Collections.unmodifiableSet(EnumSet.copyOf(channels));
    }
}
