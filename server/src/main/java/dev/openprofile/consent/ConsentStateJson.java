package dev.openprofile.consent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.jsonapi.Json;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The storage form of a {@link ConsentState}: one JSON document per profile, lossless ({@code
 * fromJson(toJson(s))} equals {@code s}). Not the wire form: timestamps keep their full precision
 * and offset (ISO-8601), channels still NEVER_SUBSCRIBED are left out, and so are null fields.
 * {@code version} lets a later layout migrate stored documents.
 */
public final class ConsentStateJson {
    static final int VERSION = 1;

    private ConsentStateJson() {}

    public static ObjectNode toJson(ConsentState state) {
        ObjectNode doc = Json.MAPPER.createObjectNode().put("version", VERSION);
        ObjectNode channels = doc.putObject("channels");
        state.channels().forEach((channel, record) -> {
            if (!record.equals(ChannelConsent.NEVER_SUBSCRIBED)) {
                ObjectNode c = channels.putObject(channel.name()).put("consent", record.consent().name());
                putTime(c, "consent_timestamp", record.consentTimestamp());
                putTime(c, "last_updated", record.lastUpdated());
                putText(c, "method", record.method());
                putText(c, "method_detail", record.methodDetail());
                putText(c, "custom_method_detail", record.customMethodDetail());
                if (record.doubleOptin() != null) {
                    c.put("double_optin", record.doubleOptin());
                }
            }
        });
        ArrayNode suppressions = doc.putArray("suppressions");
        for (Suppression s : state.suppressions()) {
            putTime(suppressions.addObject().put("reason", s.reason().name()), "timestamp", s.timestamp());
        }
        ArrayNode listSuppressions = doc.putArray("list_suppressions");
        for (ListSuppression s : state.listSuppressions()) {
            ObjectNode l = listSuppressions.addObject().put("list_id", s.listId()).put("reason", s.reason().name());
            putTime(l, "timestamp", s.timestamp());
        }
        ArrayNode pending = doc.putArray("pending");
        for (PendingOptIn p : state.pending()) {
            ObjectNode e = pending.addObject().put("channel", p.channel().name());
            putText(e, "list_id", p.listId());
            putTime(e, "requested_at", p.requestedAt());
            putText(e, "method", p.method());
            putText(e, "method_detail", p.methodDetail());
            putText(e, "custom_method_detail", p.customMethodDetail());
        }
        return doc;
    }

    /** Reads what {@link #toJson} wrote; anything else is a corrupt row and fails loudly. */
    public static ConsentState fromJson(JsonNode doc) {
        if (doc.path("version").asInt() != VERSION) {
            throw new IllegalArgumentException("unknown consent document version: " + doc.path("version"));
        }
        Map<Channel, ChannelConsent> channels = new EnumMap<>(Channel.class);
        doc.path("channels").properties().forEach(e -> {
            JsonNode c = e.getValue();
            JsonNode doubleOptin = c.get("double_optin");
            channels.put(Channel.valueOf(e.getKey()), new ChannelConsent(
                    Consent.valueOf(c.required("consent").asText()),
                    time(c, "consent_timestamp"),
                    time(c, "last_updated"),
                    text(c, "method"),
                    text(c, "method_detail"),
                    text(c, "custom_method_detail"),
                    doubleOptin == null ? null : doubleOptin.booleanValue()));
        });
        List<Suppression> suppressions = new ArrayList<>();
        for (JsonNode s : doc.path("suppressions")) {
            suppressions.add(new Suppression(reason(s), time(s, "timestamp")));
        }
        List<ListSuppression> listSuppressions = new ArrayList<>();
        for (JsonNode s : doc.path("list_suppressions")) {
            listSuppressions.add(new ListSuppression(text(s, "list_id"), reason(s), time(s, "timestamp")));
        }
        List<PendingOptIn> pending = new ArrayList<>();
        for (JsonNode p : doc.path("pending")) {
            pending.add(new PendingOptIn(Channel.valueOf(p.required("channel").asText()), text(p, "list_id"),
                    time(p, "requested_at"), text(p, "method"), text(p, "method_detail"),
                    text(p, "custom_method_detail")));
        }
        return new ConsentState(channels, suppressions, listSuppressions, pending);
    }

    private static void putText(ObjectNode node, String key, String value) {
        if (value != null) {
            node.put(key, value);
        }
    }

    private static void putTime(ObjectNode node, String key, OffsetDateTime value) {
        if (value != null) {
            node.put(key, value.toString());
        }
    }

    private static String text(JsonNode node, String key) {
        JsonNode value = node.get(key);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static OffsetDateTime time(JsonNode node, String key) {
        String value = text(node, key);
        return value == null ? null : OffsetDateTime.parse(value);
    }

    private static SuppressionReason reason(JsonNode node) {
        return SuppressionReason.valueOf(node.required("reason").asText());
    }
}
