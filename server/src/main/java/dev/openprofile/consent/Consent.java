package dev.openprofile.consent;

/**
 * A channel's consent status. Klaviyo knows the first three (semantics §12); {@code PENDING} is ours:
 * a double opt-in waiting for confirmation. It never reaches the wire as such (see {@link
 * SubscriptionsRenderer}).
 */
public enum Consent {
    SUBSCRIBED,
    UNSUBSCRIBED,
    NEVER_SUBSCRIBED,
    PENDING
}
