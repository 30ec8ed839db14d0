package dev.openprofile.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;

/**
 * One event for one webhook, as the outbox holds it. {@code externalId} is the event's id, the same in every
 * attempt and for every webhook the event goes to, so a receiver can drop a repeat.
 */
record Delivery(String accountId, String id, String webhookId, String topic, String externalId, JsonNode payload,
                String status, int attempts, OffsetDateTime nextAttemptAt, OffsetDateTime created, OffsetDateTime finished,
                String note) {
    static final String PENDING = "pending";
    static final String DELIVERED = "delivered";
    static final String FAILED = "failed";
    static final String CANCELLED = "cancelled";
}
