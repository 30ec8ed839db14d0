package dev.openprofile.webhooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.jsonapi.Rfc3339;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Where events become deliveries: one outbox row per enabled webhook subscribed to the event's topic, written in
 * the caller's transaction (so a change and its deliveries commit together, and a crash loses neither), then a
 * NOTIFY that wakes the deliverers when it commits. An event no webhook wants costs one indexed query.
 */
public final class WebhookOutbox {
    private final DeliveryStore store;
    private final Supplier<String> ids;

    WebhookOutbox(DeliveryStore store, Supplier<String> ids) {
        this.store = store;
        this.ids = ids;
    }

    /**
     * A Klaviyo system event happened to a profile.
     *
     * @param metric the system metric's key, {@code subscribed_to_email_marketing}: its topic is {@code event:klaviyo.<key>}
     */
    public void emit(Connection c, String accountId, String profileId, String metric, OffsetDateTime at,
                     Map<String, String> properties) throws SQLException {
        String topic = WebhookTopics.ofMetric(metric);
        List<String> webhooks = store.subscribers(c, accountId, topic);
        if (webhooks.isEmpty()) return;
        String eventId = ids.get();
        ObjectNode payload = payload(eventId, profileId, at, properties);
        List<Delivery> rows = new ArrayList<>();
        for (String webhookId : webhooks) {
            rows.add(new Delivery(accountId, ids.get(), webhookId, topic, eventId, payload, Delivery.PENDING, 0, at, at, null, null));
        }
        store.insert(c, rows);
    }

    /**
     * Many profiles' events of one system metric (a campaign's chunk of recipients): the subscribers are looked up
     * once, and nothing is written when there are none.
     */
    public void emitAll(Connection c, String accountId, String metric, OffsetDateTime at, List<Map.Entry<String, Map<String, String>>> events)
            throws SQLException {
        if (events.isEmpty()) return;
        String topic = WebhookTopics.ofMetric(metric);
        List<String> webhooks = store.subscribers(c, accountId, topic);
        if (webhooks.isEmpty()) return;
        List<Delivery> rows = new ArrayList<>();
        for (var e : events) {
            String eventId = ids.get();
            ObjectNode payload = payload(eventId, e.getKey(), at, e.getValue());
            for (String webhookId : webhooks) {
                rows.add(new Delivery(accountId, ids.get(), webhookId, topic, eventId, payload, Delivery.PENDING, 0, at, at, null, null));
            }
        }
        store.insert(c, rows);
    }

    /**
     * The event as get_event shows one ("Payload with the same structure as a Get Event API call"): its time as
     * epoch seconds and RFC 3339, its properties, a uuid, and the profile it happened to. OpenProfile does not
     * record these system events on the profile's timeline (docs/compatibility.md, "Webhooks"), so the payload
     * names no metric and no link to /api/events.
     */
    private static ObjectNode payload(String eventId, String profileId, OffsetDateTime at, Map<String, String> properties) {
        OffsetDateTime second = at.truncatedTo(ChronoUnit.SECONDS);
        ObjectNode doc = Json.MAPPER.createObjectNode();
        ObjectNode data = doc.putObject("data");
        data.put("type", "event").put("id", eventId);
        ObjectNode attributes = data.putObject("attributes");
        attributes.put("timestamp", second.toEpochSecond());
        ObjectNode props = attributes.putObject("event_properties");
        properties.forEach(props::put);
        attributes.put("datetime", Rfc3339.format(second));
        attributes.put("uuid", UUID.nameUUIDFromBytes(eventId.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString());
        data.putObject("relationships").putObject("profile").putObject("data").put("type", "profile").put("id", profileId);
        return doc;
    }
}
