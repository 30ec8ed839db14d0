package dev.openprofile.webhooks;

import java.time.OffsetDateTime;
import java.util.List;

/** A stored webhook: its attributes (the secret included, which is never shown) and its topics, in id order. */
record Webhook(String id, String name, String description, String endpointUrl, String secretKey, boolean enabled,
               OffsetDateTime created, OffsetDateTime updated, List<String> topics) {

    Webhook with(WebhookInput.Changes c, OffsetDateTime now) {
        Webhook next = new Webhook(id, c.name() != null ? c.name() : name,
                c.description() != null ? c.description() : description,
                c.endpointUrl() != null ? c.endpointUrl() : endpointUrl, c.secretKey() != null ? c.secretKey() : secretKey,
                c.enabled() != null ? c.enabled() : enabled, created, updated, c.topics() != null ? c.topics() : topics);
        return next.equals(this) ? this : new Webhook(next.id, next.name, next.description, next.endpointUrl, next.secretKey,
                next.enabled, created, now, next.topics);
    }
}
