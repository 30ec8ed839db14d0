package dev.openprofile.outbox;

import java.time.OffsetDateTime;

/**
 * A recorded message as the outbox holds it: its id (an account's messages are numbered in the order they were
 * recorded) and, for an email when a relay is configured, how its relay went. {@code relayStatus} is null (no relay),
 * pending, sent or failed; {@code relayNextAt} is when a pending one is next tried (null: at once).
 */
record StoredMessage(long id, OutboxMessage message, String relayStatus, int relayAttempts, String relayError,
                     OffsetDateTime relayedAt, OffsetDateTime relayNextAt) {
    static final String PENDING = "pending";
    static final String SENT = "sent";
    static final String FAILED = "failed";
}
