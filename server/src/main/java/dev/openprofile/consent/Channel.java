package dev.openprofile.consent;

/** A consent channel: one object under Klaviyo's {@code subscriptions} (inventory §B.3). */
public enum Channel {
    EMAIL_MARKETING,
    SMS_MARKETING,
    SMS_TRANSACTIONAL,
    MOBILE_PUSH_MARKETING,
    WHATSAPP_MARKETING,
    WHATSAPP_TRANSACTIONAL,
    WHATSAPP_CONVERSATIONAL,
    EMAIL_OPEN_TRACKING;

    /**
     * Whether a double opt-in asks this channel for confirmation. Klaviyo's double opt-in guide says
     * the process "is the same for both email and SMS subscribers"; the other channels have no
     * confirmation message, so a double opt-in list subscribes them at once.
     */
    public boolean confirmsDoubleOptIn() {
        return this == EMAIL_MARKETING || this == SMS_MARKETING;
    }
}
