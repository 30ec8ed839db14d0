package dev.openprofile.consent;

import dev.openprofile.consent.ConsentCommand.ConfirmDoubleOptIn;
import dev.openprofile.consent.ConsentCommand.Subscribe;
import dev.openprofile.consent.ConsentCommand.Suppress;
import dev.openprofile.consent.ConsentCommand.Unsubscribe;
import dev.openprofile.consent.ConsentCommand.Unsuppress;
import dev.openprofile.consent.MembershipEffect.AddToList;
import dev.openprofile.consent.MembershipEffect.RemoveFromList;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** The consent rules of semantics §12, as one pure function from state and command to outcome. */
public final class ConsentRules {
    /** The consent method of everything that arrives through the REST API. */
    public static final String METHOD_API = "API";

    /** "The oldest consent record that can be set in Klaviyo is January 1, 1990"; earlier ones are clamped. */
    public static final OffsetDateTime OLDEST_CONSENT = OffsetDateTime.of(1990, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    /**
     * Subscribing "will remove any UNSUBSCRIBE, SPAM_REPORT or USER_SUPPRESSED suppressions" (spec);
     * SPAM_REPORT is the spec's slip for the enum's SPAM_COMPLAINT. HARD_BOUNCE and INVALID_EMAIL stay:
     * consent does not make an address deliverable.
     */
    private static final Set<SuppressionReason> CLEARED_BY_SUBSCRIBE = EnumSet.of(
            SuppressionReason.UNSUBSCRIBE, SuppressionReason.SPAM_COMPLAINT, SuppressionReason.USER_SUPPRESSED);

    private ConsentRules() {}

    public static ConsentOutcome apply(ConsentState state, ConsentCommand command, OffsetDateTime now) {
        return switch (command) {
            case Subscribe s -> subscribe(state, s, now);
            case ConfirmDoubleOptIn c -> confirm(state, c, now);
            case Unsubscribe u -> unsubscribe(state, u, now);
            case Suppress s -> {
                Transition t = new Transition(state, METHOD_API, null, s.actor(), now);
                t.suppress(s.reason());
                yield t.outcome();
            }
            case Unsuppress u -> {
                // "This only removes suppressions with reason USER_SUPPRESSED" (spec).
                Transition t = new Transition(state, METHOD_API, null, u.actor(), now);
                t.unsuppress(SuppressionReason.USER_SUPPRESSED);
                yield t.outcome();
            }
        };
    }

    /**
     * Single opt-in (or a historical import, which "bypass[es] double opt-in") subscribes at once and
     * adds to the list. Double opt-in subscribes nothing yet on the channels that confirm: it records
     * a pending entry, and the list add waits for the confirmation ("Only subscribers who confirm
     * their subscription will be successfully added to the list", double opt-in guide).
     */
    private static ConsentOutcome subscribe(ConsentState state, Subscribe s, OffsetDateTime now) {
        Transition t = new Transition(state, METHOD_API, s.customSource(), s.actor(), now);
        OffsetDateTime consentedAt = clamp(s.consentedAt() != null ? s.consentedAt() : now);
        boolean awaitsConfirmation = false;
        for (Channel channel : s.channels()) {
            if (s.optIn() == OptInProcess.DOUBLE && !s.historicalImport() && channel.confirmsDoubleOptIn()) {
                t.addPending(new PendingOptIn(channel, s.listId(), now, METHOD_API, null, s.customSource()));
                // A subscribed profile stays subscribed while the list waits; a pending one is already waiting.
                if (t.consent(channel) != Consent.SUBSCRIBED && t.consent(channel) != Consent.PENDING) {
                    t.setChannel(channel, new ChannelConsent(Consent.PENDING, null, now, null, null, null, null));
                }
                awaitsConfirmation = true;
            } else {
                subscribeNow(t, channel, s.listId(), new ChannelConsent(
                        Consent.SUBSCRIBED, consentedAt, now, METHOD_API, null, s.customSource(), false));
            }
        }
        if (s.listId() != null && !awaitsConfirmation) {
            t.effect(new AddToList(s.listId()));
        }
        return t.outcome();
    }

    /** The confirmation gives the single opt-in result, marked double_optin, consented when confirmed. */
    private static ConsentOutcome confirm(ConsentState state, ConfirmDoubleOptIn c, OffsetDateTime now) {
        Optional<PendingOptIn> found = state.pending(c.channel(), c.listId());
        if (found.isEmpty()) {
            return ConsentOutcome.nothingToConfirm(state);
        }
        PendingOptIn p = found.get();
        Transition t = new Transition(state, p.method(), p.customMethodDetail(), c.actor(), now);
        subscribeNow(t, c.channel(), c.listId(), new ChannelConsent(
                Consent.SUBSCRIBED, clamp(now), now, p.method(), p.methodDetail(), p.customMethodDetail(), true));
        if (c.listId() != null) {
            t.effect(new AddToList(c.listId()));
        }
        return t.outcome();
    }

    /**
     * A channel already SUBSCRIBED keeps its record: the first proof of consent is the one worth
     * keeping. Suppressions are cleared either way, as the spec promises for every subscribe.
     */
    private static void subscribeNow(Transition t, Channel channel, String listId, ChannelConsent subscribed) {
        if (t.consent(channel) != Consent.SUBSCRIBED) {
            t.setChannel(channel, subscribed);
        }
        t.removePending(channel, listId);
        if (channel == Channel.EMAIL_MARKETING) {
            CLEARED_BY_SUBSCRIBE.forEach(t::unsuppress);
            if (listId != null) {
                t.unsuppressList(listId);
            }
        }
    }

    /**
     * A global unsubscribe sets UNSUBSCRIBED, cancels the channel's pending opt-ins and, for email,
     * adds the UNSUBSCRIBE suppression. It is what every unsubscribe does, except for email marketing
     * of a profile on the given list in an account whose scope is LIST: that one gets a list
     * suppression and keeps its consent. A member leaves the list either way ("All profiles will be
     * removed from the provided list", spec).
     */
    private static ConsentOutcome unsubscribe(ConsentState state, Unsubscribe u, OffsetDateTime now) {
        Transition t = new Transition(state, METHOD_API, null, u.actor(), now);
        boolean member = u.listId() != null && u.profileIsOnList();
        for (Channel channel : u.channels()) {
            if (member && u.scope() == UnsubscribeScope.LIST && channel == Channel.EMAIL_MARKETING) {
                t.suppressList(u.listId());
                t.removePending(channel, u.listId());
            } else {
                if (t.consent(channel) != Consent.UNSUBSCRIBED) {
                    t.setChannel(channel, new ChannelConsent(
                            Consent.UNSUBSCRIBED, clamp(now), now, METHOD_API, null, null, null));
                }
                // An unsubscribe cancels any opt-in still waiting for confirmation.
                t.removeAllPending(channel);
                if (channel == Channel.EMAIL_MARKETING) {
                    t.suppress(SuppressionReason.UNSUBSCRIBE);
                }
            }
        }
        if (member) {
            t.effect(new RemoveFromList(u.listId()));
        }
        return t.outcome();
    }

    static OffsetDateTime clamp(OffsetDateTime consentedAt) {
        return consentedAt.isBefore(OLDEST_CONSENT) ? OLDEST_CONSENT : consentedAt;
    }
}
