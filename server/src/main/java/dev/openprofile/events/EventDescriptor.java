package dev.openprofile.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.jsonapi.Links;
import dev.openprofile.jsonapi.Query;
import dev.openprofile.jsonapi.Resources;
import dev.openprofile.jsonapi.Rfc3339;

/**
 * The wire shape of an event. Klaviyo shows an event's value, currency and unique_id among its
 * properties, as {@code $value}, {@code $value_currency} and {@code $event_id}.
 */
final class EventDescriptor {
    static final String TYPE = "event";
    static final String PATH = "/api/events";

    private EventDescriptor() {}

    static ObjectNode resource(Event e, Query query, Links links) {
        ObjectNode a = Json.MAPPER.createObjectNode();
        a.put("timestamp", e.datetime().toEpochSecond());
        ObjectNode properties = e.properties().deepCopy();
        if (e.value() != null) properties.put("$value", e.value());
        if (e.valueCurrency() != null) properties.put("$value_currency", e.valueCurrency());
        if (e.uniqueId() != null) properties.put("$event_id", e.uniqueId());
        a.set("event_properties", properties);
        a.put("datetime", Rfc3339.format(e.datetime()));
        a.put("uuid", e.uuid().toString());
        ObjectNode node = Resources.resource(TYPE, e.id(), a, query, links.resource(PATH, e.id()));
        ObjectNode relationships = node.putObject("relationships");
        ObjectNode profile = Resources.relationshipLinks(links, PATH, e.id(), "profile");
        profile.set("data", Json.MAPPER.createObjectNode().put("type", "profile").put("id", e.profileId()));
        relationships.set("profile", profile);
        ObjectNode metric = Resources.relationshipLinks(links, PATH, e.id(), "metric");
        metric.set("data", Json.MAPPER.createObjectNode().put("type", "metric").put("id", e.metricId()));
        relationships.set("metric", metric);
        // Attribution to campaigns and flows needs those features; until then an event has none.
        relationships.putObject("attributions").putArray("data");
        node.set("links", node.remove("links"));
        return node;
    }
}
