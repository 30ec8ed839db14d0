package dev.openprofile.consent;

import java.time.OffsetDateTime;
import java.util.Objects;

/** A global email suppression; a profile has at most one per reason. */
public record Suppression(SuppressionReason reason, OffsetDateTime timestamp) {
    public Suppression {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(timestamp, "timestamp");
    }
}
