package dev.openprofile.consent;

/** Why email marketing is suppressed: the enum of the spec's {@code EmailMarketingSuppression.reason}. */
public enum SuppressionReason {
    HARD_BOUNCE,
    INVALID_EMAIL,
    SPAM_COMPLAINT,
    UNSUBSCRIBE,
    USER_SUPPRESSED
}
