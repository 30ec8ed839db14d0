package dev.openprofile.consent;

import java.time.OffsetDateTime;
import java.util.Objects;

/** An email suppression from one list only; a profile has at most one per list. */
public record ListSuppression(String listId, SuppressionReason reason, OffsetDateTime timestamp) {
    public ListSuppression {
        Objects.requireNonNull(listId, "listId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(timestamp, "timestamp");
    }
}
