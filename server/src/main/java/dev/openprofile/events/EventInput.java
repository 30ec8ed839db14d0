package dev.openprofile.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Datetime;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.metrics.Metric;
import dev.openprofile.profiles.ProfileChanges;
import dev.openprofile.profiles.ProfileInput;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Validation of an event (create_event, and each event of a bulk job) with Klaviyo's limits
 * (semantics §15): 400 properties, 100 KB strings, 4,000 array items, 10 levels, a time between
 * 2000 and a year from now, a unique_id of 1 to 255 characters, a profile of at most 95 KB.
 */
final class EventInput {
    static final int MAX_PROPERTIES = 400;
    static final int MAX_STRING = 100 * 1024;
    static final int MAX_ARRAY = 4_000;
    static final int MAX_DEPTH = 10;
    static final int MAX_PROFILE_BYTES = 95 * 1024;
    static final OffsetDateTime EARLIEST = OffsetDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    /**
     * A valid event. {@code time} is null when the request gave none (the event happens when stored);
     * {@code stored} is the normalized event, as a bulk job keeps it until processed.
     */
    record NewEvent(ProfileChanges profile, String metricName, String integrationKey, OffsetDateTime time,
                    BigDecimal value, String valueCurrency, String uniqueId, ObjectNode properties, ObjectNode stored) {

        /** The event as a client endpoint sent it: its profile's identifiers are kept as they are, in a bulk job too. */
        NewEvent clientSide() {
            ObjectNode marked = stored.deepCopy().put(CLIENT, true);
            return new NewEvent(profile.clientSide(), metricName, integrationKey, time, value, valueCurrency, uniqueId,
                    properties, marked);
        }

        /** A stored event of a bulk job, as accepted. */
        static NewEvent restore(JsonNode stored, String base, OffsetDateTime now) {
            NewEvent e = parse(stored.get("attributes"), base, stored.get("profile"), base + "/profile", now);
            return stored.path(CLIENT).asBoolean(false) ? e.clientSide() : e;
        }
    }

    /** Marks a stored event that came through a client endpoint. */
    private static final String CLIENT = "client";

    private EventInput() {}

    /**
     * One event: {@code attributes} holds properties, time, value, value_currency, unique_id and the
     * metric; the profile comes separately ({@code profile}, a resource object {type, id?,
     * attributes, meta?}), since bulk jobs give one profile for many events.
     */
    static NewEvent parse(JsonNode attributes, String base, JsonNode profile, String profileBase, OffsetDateTime now) {
        if (!attributes.isObject()) throw ApiError.invalidPointer(base, "'attributes' must be an object.");
        JsonNode properties = attributes.get("properties");
        if (properties == null || !properties.isObject()) {
            throw ApiError.invalidPointer(base + "/properties", "'properties' must be an object.");
        }
        if (properties.size() > MAX_PROPERTIES) {
            throw ApiError.invalidPointer(base + "/properties", "An event may have at most " + MAX_PROPERTIES + " properties.");
        }
        checkValue(properties, base + "/properties", 1);
        OffsetDateTime time = null;
        JsonNode t = attributes.get("time");
        if (t != null && !t.isNull()) {
            time = timestamp(t, base + "/time");
            if (time.isBefore(EARLIEST) || time.isAfter(now.plusYears(1))) {
                throw ApiError.invalidPointer(base + "/time", "'time' must be between 2000-01-01 and one year from now.");
            }
        }
        BigDecimal value = null;
        JsonNode v = attributes.get("value");
        if (v != null && !v.isNull()) {
            if (!v.isNumber()) throw ApiError.invalidPointer(base + "/value", "'value' must be a number.");
            value = v.decimalValue();
        }
        String currency = optionalText(attributes, "value_currency", base);
        String uniqueId = optionalText(attributes, "unique_id", base);
        if (uniqueId != null && (uniqueId.isEmpty() || uniqueId.length() > 255)) {
            throw ApiError.invalidPointer(base + "/unique_id", "'unique_id' must be 1 to 255 characters.");
        }
        JsonNode metric = attributes.path("metric").path("data");
        String metricBase = base + "/metric/data";
        if (!metric.isObject()) throw ApiError.invalidPointer(base + "/metric", "'metric.data' is required.");
        if (!"metric".equals(metric.path("type").asText(null))) throw ApiError.invalidPointer(metricBase + "/type", "'type' must be 'metric'.");
        JsonNode name = metric.path("attributes").path("name");
        if (!name.isTextual() || name.asText().isBlank()) {
            throw ApiError.invalidPointer(metricBase + "/attributes/name", "The metric's 'name' is required.");
        }
        String service = optionalText(metric.path("attributes"), "service", metricBase + "/attributes");
        ObjectNode normalizedProfile = profile(profile, profileBase);
        ProfileChanges changes = ProfileInput.parseEvent(normalizedProfile, profileBase);
        ObjectNode stored = Json.MAPPER.createObjectNode();
        stored.set("attributes", attributes);
        stored.set("profile", normalizedProfile);
        String key = service == null || service.isBlank() ? Metric.API : service;
        return new NewEvent(changes, name.asText(), key, time, value, currency, uniqueId, (ObjectNode) properties, stored);
    }

    /**
     * The event's profile as the upsert rules take it: meta at the resource's top (create_event puts it
     * in attributes).
     */
    private static ObjectNode profile(JsonNode p, String base) {
        if (p == null || !p.isObject()) throw ApiError.invalidPointer(base, "'profile.data' is required.");
        if (Json.bytes(p).length > MAX_PROFILE_BYTES) {
            throw ApiError.invalidPointer(base, "The event's profile may be at most 95 KB.");
        }
        ObjectNode copy = p.deepCopy();
        JsonNode attributes = copy.get("attributes");
        if (attributes instanceof ObjectNode a) {
            JsonNode meta = a.remove("meta");
            if (meta != null && !meta.isNull()) copy.set("meta", meta);
        }
        JsonNode meta = copy.get("meta");
        if (meta instanceof ObjectNode m) m.remove("patch_identifiers");
        return copy;
    }

    /** Strings of at most 100 KB, arrays of at most 4,000 items, at most 10 levels, anywhere in the properties. */
    private static void checkValue(JsonNode node, String pointer, int depth) {
        if (depth > MAX_DEPTH) throw ApiError.invalidPointer(pointer, "Event properties may nest at most " + MAX_DEPTH + " levels.");
        if (node.isTextual() && node.asText().getBytes(StandardCharsets.UTF_8).length > MAX_STRING) {
            throw ApiError.invalidPointer(pointer, "Strings in event properties may be at most 100 KB.");
        }
        if (node.isArray() && node.size() > MAX_ARRAY) {
            throw ApiError.invalidPointer(pointer, "Arrays in event properties may hold at most " + MAX_ARRAY + " items.");
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) checkValue(node.get(i), pointer + "/" + i, depth + 1);
        } else if (node.isObject()) {
            for (var e : node.properties()) checkValue(e.getValue(), pointer + "/" + e.getKey(), depth + 1);
        }
    }

    private static String optionalText(JsonNode parent, String key, String base) {
        JsonNode v = parent.get(key);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual()) throw ApiError.invalidPointer(base + "/" + key, "'" + key + "' must be a string.");
        return v.asText();
    }

    static OffsetDateTime timestamp(JsonNode value, String pointer) {
        return Datetime.of(value, pointer, "time").utc().truncatedTo(ChronoUnit.SECONDS);
    }
}
