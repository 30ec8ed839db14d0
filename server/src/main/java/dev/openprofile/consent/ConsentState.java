package dev.openprofile.consent;

import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The whole consent of one profile: a record per channel, the global email suppressions, the list
 * suppressions, and the double opt-ins waiting for confirmation. {@link #EMPTY} is a new profile's:
 * every channel NEVER_SUBSCRIBED, nothing suppressed, nothing pending.
 *
 * <p>Normalised on construction, so equal states are equal records: {@code channels} always holds
 * every channel (a missing one is NEVER_SUBSCRIBED), suppressions are ordered by reason; a duplicate
 * reason, list suppression or pending entry is rejected.
 */
public record ConsentState(
        Map<Channel, ChannelConsent> channels,
        List<Suppression> suppressions,
        List<ListSuppression> listSuppressions,
        List<PendingOptIn> pending) {

    public static final ConsentState EMPTY = new ConsentState(Map.of(), List.of(), List.of(), List.of());

    public ConsentState {
        Map<Channel, ChannelConsent> all = new EnumMap<>(Channel.class);
        for (Channel channel : Channel.values()) {
            all.put(channel, Objects.requireNonNull(channels.getOrDefault(channel, ChannelConsent.NEVER_SUBSCRIBED)));
        }
        channels = Collections.unmodifiableMap(all);
        suppressions = suppressions.stream().sorted(Comparator.comparing(Suppression::reason)).toList();
        listSuppressions = List.copyOf(listSuppressions);
        pending = List.copyOf(pending);
        requireUnique(suppressions, Suppression::reason, "suppression reason");
        requireUnique(listSuppressions, ListSuppression::listId, "list suppression");
        requireUnique(pending, p -> p.channel() + "/" + p.listId(), "pending opt-in");
    }

    public ChannelConsent channel(Channel channel) {
        return channels.get(channel);
    }

    public Optional<Suppression> suppression(SuppressionReason reason) {
        return suppressions.stream().filter(s -> s.reason() == reason).findFirst();
    }

    public Optional<ListSuppression> listSuppression(String listId) {
        return listSuppressions.stream().filter(s -> s.listId().equals(listId)).findFirst();
    }

    public Optional<PendingOptIn> pending(Channel channel, String listId) {
        return pending.stream().filter(p -> p.isFor(channel, listId)).findFirst();
    }

    /**
     * Klaviyo's {@code can_receive_email_marketing}: no global suppression ("Suppressed profiles cannot
     * receive email marketing, independent of their consent status") and not opted out; NEVER_SUBSCRIBED
     * can receive ("They are able to receive emails", semantics §12). PENDING cannot: sending marketing
     * before the confirmation would defeat the double opt-in the list asked for.
     */
    public boolean canReceiveEmailMarketing() {
        Consent consent = channel(Channel.EMAIL_MARKETING).consent();
        return suppressions.isEmpty() && consent != Consent.UNSUBSCRIBED && consent != Consent.PENDING;
    }

    /**
     * Whether the channel may be used. Email marketing is {@link #canReceiveEmailMarketing()}; every
     * other channel needs explicit consent (the spec: "subscribed to receive SMS marketing", and so on).
     */
    public boolean canReceive(Channel channel) {
        return channel == Channel.EMAIL_MARKETING
                ? canReceiveEmailMarketing()
                : channel(channel).consent() == Consent.SUBSCRIBED;
    }

    ConsentState withChannel(Channel channel, ChannelConsent record) {
        Map<Channel, ChannelConsent> next = new EnumMap<>(channels);
        next.put(channel, record);
        return new ConsentState(next, suppressions, listSuppressions, pending);
    }

    ConsentState withSuppressions(List<Suppression> next) {
        return new ConsentState(channels, next, listSuppressions, pending);
    }

    ConsentState withListSuppressions(List<ListSuppression> next) {
        return new ConsentState(channels, suppressions, next, pending);
    }

    ConsentState withPending(List<PendingOptIn> next) {
        return new ConsentState(channels, suppressions, listSuppressions, next);
    }

    private static <T> void requireUnique(List<T> items, Function<T, Object> key, String what) {
        Set<Object> seen = new HashSet<>();
        for (T item : items) {
            if (!seen.add(key.apply(item))) {
                throw new IllegalArgumentException("duplicate " + what + ": " + key.apply(item));
            }
        }
    }
}
