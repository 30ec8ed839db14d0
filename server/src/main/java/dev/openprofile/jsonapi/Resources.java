package dev.openprofile.jsonapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/** Builders for JSON:API documents: resource objects, relationship links, single and collection documents. */
public final class Resources {
    private Resources() {}

    /** A resource object; attributes are trimmed to the request's sparse fieldset for this type. */
    public static ObjectNode resource(String type, String id, ObjectNode attributes, Query query, String selfLink) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("type", type);
        node.put("id", id);
        Optional<List<String>> fields = query.fieldsFor(type);
        node.set("attributes", fields.isPresent() ? Fieldsets.select(attributes, fields.get()) : attributes);
        node.putObject("links").put("self", selfLink);
        return node;
    }

    /** A resource identifier object, {@code {"type":…,"id":…}}, for relationship endpoints and linkage. */
    public static ObjectNode identifier(String type, String id) {
        return Json.MAPPER.createObjectNode().put("type", type).put("id", id);
    }

    /** A to-many relationship shown by its links only (JSON:API; Klaviyo omits data unless included). */
    public static ObjectNode relationshipLinks(Links links, String collectionPath, String id, String name) {
        ObjectNode rel = Json.MAPPER.createObjectNode();
        ObjectNode l = rel.putObject("links");
        l.put("self", links.path(collectionPath + "/" + id + "/relationships/" + name));
        l.put("related", links.path(collectionPath + "/" + id + "/" + name));
        return rel;
    }

    public static ObjectNode single(JsonNode resource) {
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.set("data", resource);
        return doc;
    }

    public static ObjectNode collection(List<? extends JsonNode> resources, ObjectNode links) {
        ObjectNode doc = Json.MAPPER.createObjectNode();
        ArrayNode data = doc.putArray("data");
        resources.forEach(data::add);
        doc.set("links", links);
        return doc;
    }
}
