package dev.openprofile.webhooks;

import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.store.Jdbc;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Supplier;

/** The rules of webhooks' CRUD; a webhook disabled or deleted takes its pending deliveries with it. */
final class WebhookService {
    private final Jdbc jdbc;
    private final WebhookStore store = new WebhookStore();
    private final DeliveryStore deliveries;
    private final Clock clock;
    private final Supplier<String> ids;

    WebhookService(Jdbc jdbc, DeliveryStore deliveries, Clock clock, Supplier<String> ids) {
        this.jdbc = jdbc;
        this.deliveries = deliveries;
        this.clock = clock;
        this.ids = ids;
    }

    Webhook create(String accountId, WebhookInput.Changes c) {
        OffsetDateTime now = now();
        // A new webhook is enabled: the create body has no 'enabled' (the spec's WebhookCreateQuery).
        Webhook w = new Webhook(ids.get(), c.name(), c.description(), c.endpointUrl(), c.secretKey(), true, now, now, c.topics());
        jdbc.inTransaction(x -> {
            store.insert(x, accountId, w);
            return null;
        });
        return w;
    }

    Webhook get(String accountId, String id) {
        return jdbc.read(c -> store.find(c, accountId, id, false)).orElseThrow(() -> notFound(id));
    }

    List<Webhook> all(String accountId) {
        return jdbc.read(c -> store.all(c, accountId));
    }

    Webhook update(String accountId, String id, WebhookInput.Changes changes) {
        OffsetDateTime now = now();
        return jdbc.inTransaction(c -> {
            Webhook current = store.find(c, accountId, id, true).orElseThrow(() -> notFound(id));
            Webhook next = current.with(changes, now);
            if (next == current) return current;
            store.update(c, accountId, next);
            if (!next.enabled()) deliveries.cancelPending(c, accountId, id, now, "webhook disabled");
            return next;
        });
    }

    void delete(String accountId, String id) {
        OffsetDateTime now = now();
        jdbc.inTransaction(c -> {
            if (!store.delete(c, accountId, id)) throw notFound(id);
            deliveries.cancelPending(c, accountId, id, now, "webhook deleted");
            return null;
        });
    }

    static ApiError notFound(String id) {
        return new ApiError(404, "not_found", "Not found.", "A webhook with id '" + id + "' does not exist.",
                ApiError.Source.parameter("id"), null);
    }

    private OffsetDateTime now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC);
    }
}
