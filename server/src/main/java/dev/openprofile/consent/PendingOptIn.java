package dev.openprofile.consent;

import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * A double opt-in waiting for confirmation: which channel, for which list (null when no list was
 * given), when it was asked, and the method details the consent record takes once confirmed. At most
 * one per channel and list; asking again replaces it.
 */
public record PendingOptIn(
        Channel channel,
        String listId,
        OffsetDateTime requestedAt,
        String method,
        String methodDetail,
        String customMethodDetail) {

    public PendingOptIn {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(requestedAt, "requestedAt");
    }

    /** Whether this entry is the one for {@code channel} and {@code listId} (null meaning no list). */
    public boolean isFor(Channel channel, String listId) {
        return this.channel == channel && Objects.equals(this.listId, listId);
    }
}
