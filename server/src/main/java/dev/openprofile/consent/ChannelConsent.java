package dev.openprofile.consent;

import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * One channel's consent record, with the fields of the spec's channel objects ({@code EmailMarketing}
 * has them all; the other channels show a subset). Every field but {@code consent} may be null.
 */
public record ChannelConsent(
        Consent consent,
        OffsetDateTime consentTimestamp,
        OffsetDateTime lastUpdated,
        String method,
        String methodDetail,
        String customMethodDetail,
        Boolean doubleOptin) {

    /** The record of a channel nothing ever happened to. */
    public static final ChannelConsent NEVER_SUBSCRIBED =
            new ChannelConsent(Consent.NEVER_SUBSCRIBED, null, null, null, null, null, null);

    public ChannelConsent {
        Objects.requireNonNull(consent, "consent");
    }
}
