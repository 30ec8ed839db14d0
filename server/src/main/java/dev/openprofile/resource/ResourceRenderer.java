package dev.openprofile.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.jsonapi.BatchIncluder;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.jsonapi.Links;
import dev.openprofile.jsonapi.Query;
import dev.openprofile.jsonapi.Resources;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Declared resources as the spec shows them: readable attributes in declaration order (trimmed to the
 * sparse fieldset), the shown relationships with their links (a to-one with its linkage), and
 * {@code included} with linkage for the requested includes.
 */
public final class ResourceRenderer {
    private final ResourceKit kit;
    private final Links links;

    ResourceRenderer(ResourceKit kit, Links links) {
        this.kit = kit;
        this.links = links;
    }

    public ObjectNode resource(String accountId, ResourceKind kind, ResourceRow row, Query query) {
        ObjectNode attributes = Json.MAPPER.createObjectNode();
        for (Attribute a : kind.attributes()) {
            if (a.writeOnly()) continue;
            JsonNode v = row.attributes().get(a.name());
            if (a.readOnly() && "created".equals(a.column())) v = Json.MAPPER.getNodeFactory().textNode(dev.openprofile.jsonapi.Rfc3339.format(row.created()));
            if (a.readOnly() && "updated".equals(a.column())) v = Json.MAPPER.getNodeFactory().textNode(dev.openprofile.jsonapi.Rfc3339.format(row.updated()));
            attributes.set(a.name(), v == null ? Json.MAPPER.nullNode() : v);
        }
        kind.hooks().render(accountId, row, query, attributes);
        String segment = segment(row.id());
        ObjectNode node = Resources.resource(kind.type(), row.id(), attributes, query, links.resource(kind.path(), segment));
        List<Relationship> shown = kind.relationships().stream().filter(Relationship::shown).toList();
        if (!shown.isEmpty()) {
            ObjectNode relationships = node.putObject("relationships");
            for (Relationship r : shown) {
                ObjectNode rel = Resources.relationshipLinks(links, kind.path(), segment, r.name());
                if (r.toOne()) {
                    String target = row.toOne().get(r.name());
                    ObjectNode linkage = target == null ? null : Resources.identifier(r.target(), target);
                    ObjectNode withData = Json.MAPPER.createObjectNode();
                    // No target: the spec's to-one linkage is never null (a coupon code's profile), so only the links show.
                    if (linkage != null) withData.set("data", linkage);
                    withData.setAll(rel);
                    rel = withData;
                }
                relationships.set(r.name(), rel);
            }
            node.set("links", node.remove("links"));
        }
        return node;
    }

    public List<ObjectNode> resources(String accountId, ResourceKind kind, List<ResourceRow> rows, Query query) {
        return rows.stream().map(row -> resource(accountId, kind, row, query)).toList();
    }

    /**
     * Adds {@code included} (each resource once) and the linkage of the requested relationships to a
     * document whose primary data are {@code nodes}, rendered from {@code rows} in the same order.
     */
    public void include(String accountId, ResourceKind kind, List<ResourceRow> rows, List<ObjectNode> nodes,
                        Query query, ObjectNode doc) {
        if (query.include().isEmpty()) return;
        ArrayNode included = doc.putArray("included");
        Set<String> seen = new HashSet<>();
        for (String name : query.include()) {
            Relationship r = kind.relationship(name).orElse(null);
            if (r == null) continue;
            if (r.storage() instanceof Relationship.External) {
                includeExternal(accountId, kind, r, rows, nodes, query, included, seen);
                continue;
            }
            ResourceKind target = kit.kind(r.target());
            Map<String, List<ResourceRow>> related = kit.service(kind.type()).related(accountId, r, rows);
            for (int i = 0; i < rows.size(); i++) {
                ObjectNode relationships = (ObjectNode) nodes.get(i).get("relationships");
                ObjectNode rel = relationships == null ? null : (ObjectNode) relationships.get(name);
                List<ResourceRow> targets = related.get(rows.get(i).id());
                if (rel != null && !r.toOne()) {
                    ArrayNode linkage = Json.MAPPER.createArrayNode();
                    targets.forEach(t -> linkage.add(Resources.identifier(target.type(), t.id())));
                    ObjectNode withData = Json.MAPPER.createObjectNode();
                    // No target: the spec's to-one linkage is never null (a coupon code's profile), so only the links show.
                    if (linkage != null) withData.set("data", linkage);
                    withData.setAll(rel);
                    relationships.set(name, withData);
                }
                for (ResourceRow t : targets) {
                    if (seen.add(target.type() + "/" + t.id())) included.add(resource(accountId, target, t, query));
                }
            }
        }
    }

    /** The include of an External relationship, from what its feature supplies (nothing when it supplies none). */
    private void includeExternal(String accountId, ResourceKind kind, Relationship r, List<ResourceRow> rows, List<ObjectNode> nodes,
                                 Query query, ArrayNode included, Set<String> seen) {
        BatchIncluder includer = kit.externalInclude(kind.type(), r.name());
        if (includer == null) return;
        Map<String, List<ObjectNode>> related = includer.related(accountId, rows.stream().map(ResourceRow::id).toList(), query);
        for (int i = 0; i < rows.size(); i++) {
            List<ObjectNode> targets = related.getOrDefault(rows.get(i).id(), List.of());
            ObjectNode relationships = (ObjectNode) nodes.get(i).get("relationships");
            ObjectNode rel = relationships == null ? null : (ObjectNode) relationships.get(r.name());
            if (rel != null) {
                ArrayNode linkage = Json.MAPPER.createArrayNode();
                targets.forEach(t -> linkage.add(Resources.identifier(t.get("type").asText(), t.get("id").asText())));
                ObjectNode withData = Json.MAPPER.createObjectNode();
                withData.set("data", linkage);
                withData.setAll(rel);
                relationships.set(r.name(), withData);
            }
            for (ObjectNode t : targets) {
                if (seen.add(t.get("type").asText() + "/" + t.get("id").asText())) included.add(t);
            }
        }
    }

    /** An id as one URL path segment: catalog ids hold characters ({@code $}, {@code :}) that stay, and others that do not. */
    static String segment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20").replace("%24", "$").replace("%3A", ":");
    }
}
