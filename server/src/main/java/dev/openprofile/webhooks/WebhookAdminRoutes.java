package dev.openprofile.webhooks;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.http.AdminAccounts;
import dev.openprofile.http.AdminEndpoint;
import dev.openprofile.http.ApiResponse;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.jsonapi.Rfc3339;
import dev.openprofile.store.Jdbc;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The operator's view of webhook deliveries, which Klaviyo's API does not show: an account's deliveries (newest
 * first; {@code webhook}, {@code status} and {@code limit} narrow them) and one delivery with its payload and
 * every attempt. {@code account} names the account, {@code default} when absent.
 */
final class WebhookAdminRoutes {
    private static final Set<String> STATUSES = Set.of(Delivery.PENDING, Delivery.DELIVERED, Delivery.FAILED, Delivery.CANCELLED);
    private final Jdbc jdbc;
    private final DeliveryStore store;
    private final AdminAccounts accounts;

    WebhookAdminRoutes(Jdbc jdbc, DeliveryStore store, AdminAccounts accounts) {
        this.jdbc = jdbc;
        this.store = store;
        this.accounts = accounts;
    }

    List<AdminEndpoint> endpoints() {
        return List.of(
                new AdminEndpoint("GET", "/admin/webhooks/deliveries", r -> {
                    String accountId = r.accountId(accounts);
                    String status = r.query().get("status");
                    if (status != null && !STATUSES.contains(status)) {
                        throw ApiError.invalidParameter("status", "'status' must be one of pending, delivered, failed, cancelled.");
                    }
                    int limit = r.limit();
                    ArrayNode out = Json.MAPPER.createArrayNode();
                    jdbc.read(c -> {
                        for (Delivery d : store.list(c, accountId, r.query().get("webhook"), status, limit)) {
                            out.add(summary(d).set("attempts_made", attempts(store.attempts(c, accountId, d.id()))));
                        }
                        return null;
                    });
                    return ApiResponse.ok(Json.MAPPER.createObjectNode().set("deliveries", out));
                }),
                new AdminEndpoint("GET", "/admin/webhooks/deliveries/{id}", r -> {
                    String accountId = r.accountId(accounts);
                    String id = r.pathParams().get("id");
                    ObjectNode out = jdbc.read(c -> store.find(c, accountId, id).map(d -> {
                        ObjectNode node = summary(d);
                        node.set("payload", d.payload());
                        try {
                            node.set("attempts_made", attempts(store.attempts(c, accountId, id)));
                        } catch (java.sql.SQLException e) {
                            throw new Jdbc.StoreException(e);
                        }
                        return node;
                    }).orElseThrow(() -> new ApiError(404, "not_found", "Not found.", "No webhook delivery has id '" + id + "'.",
                            ApiError.Source.parameter("id"), null)));
                    return ApiResponse.ok(out);
                }));
    }

    private static ObjectNode summary(Delivery d) {
        ObjectNode node = Json.MAPPER.createObjectNode().put("id", d.id()).put("webhook_id", d.webhookId())
                .put("topic", d.topic()).put("external_id", d.externalId()).put("status", d.status()).put("attempts", d.attempts());
        node.put("next_attempt_at", d.status().equals(Delivery.PENDING) ? Rfc3339.format(d.nextAttemptAt()) : null);
        node.put("created", Rfc3339.format(d.created()));
        node.put("finished", Rfc3339.format(d.finished()));
        node.put("note", d.note());
        return node;
    }

    private static ArrayNode attempts(List<Attempt> attempts) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (Attempt a : attempts) {
            ObjectNode n = out.addObject().put("attempt", a.number()).put("at", Rfc3339.format(a.at()));
            if (a.statusCode() == null) n.putNull("status_code");
            else n.put("status_code", a.statusCode());
            n.put("error", a.error()).put("duration_ms", a.durationMs());
        }
        return out;
    }
}
