package dev.openprofile.metrics;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.jsonapi.Links;
import dev.openprofile.jsonapi.Query;
import dev.openprofile.jsonapi.Resources;
import dev.openprofile.jsonapi.Rfc3339;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The wire shapes of metrics and metric properties. A metric's integration is Klaviyo's
 * {@code {"object":"integration","id","key","name","category"}}: "API" for metrics the Events API
 * created, the service's name and category "Custom" for a metric given a service, "Klaviyo" and "Internal"
 * for Klaviyo's own metrics (what Klaviyo shows for the metrics it tracks itself).
 */
public final class MetricDescriptor {
    static final String TYPE = "metric";
    static final String PATH = "/api/metrics";
    static final String PROPERTY_TYPE = "metric-property";
    static final String PROPERTY_PATH = "/api/metric-properties";
    static final String INTEGRATION_NAME_SQL =
            "(case m.integration_key when 'api' then 'API' when 'klaviyo' then 'Klaviyo' else m.integration_key end)";
    static final String INTEGRATION_CATEGORY_SQL =
            "(case m.integration_key when 'api' then 'API' when 'klaviyo' then 'Internal' else 'Custom' end)";

    private MetricDescriptor() {}

    public static ObjectNode resource(Metric m, Query query, Links links) {
        ObjectNode a = Json.MAPPER.createObjectNode();
        a.put("name", m.name());
        a.put("created", Rfc3339.format(m.created()));
        a.put("updated", Rfc3339.format(m.updated()));
        String key = m.integrationKey();
        a.putObject("integration").put("object", "integration")
                // a stable id per integration key, 6 characters like Klaviyo's
                .put("id", UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString().substring(0, 6))
                .put("key", key)
                .put("name", switch (key) { case Metric.API -> "API"; case Metric.KLAVIYO -> "Klaviyo"; default -> key; })
                .put("category", switch (key) { case Metric.API -> "API"; case Metric.KLAVIYO -> "Internal"; default -> "Custom"; });
        ObjectNode node = Resources.resource(TYPE, m.id(), a, query, links.resource(PATH, m.id()));
        ObjectNode relationships = node.putObject("relationships");
        relationships.set("flow-triggers", Resources.relationshipLinks(links, PATH, m.id(), "flow-triggers"));
        node.set("links", node.remove("links"));
        return node;
    }

    public static ObjectNode identifier(String metricId) {
        return Resources.identifier(TYPE, metricId);
    }

    static ObjectNode property(MetricProperty p, Query query, Links links) {
        ObjectNode a = Json.MAPPER.createObjectNode();
        a.put("label", p.property());
        a.put("property", p.property());
        a.put("inferred_type", p.inferredType());
        if (query.wantsAdditional(PROPERTY_TYPE, "sample_values")) a.set("sample_values", p.sampleValues());
        ObjectNode node = Resources.resource(PROPERTY_TYPE, p.id(), a, query, links.resource(PROPERTY_PATH, p.id()));
        node.putObject("relationships").set("metric", Resources.relationshipLinks(links, PROPERTY_PATH, p.id(), "metric"));
        node.set("links", node.remove("links"));
        return node;
    }

    static ObjectNode propertyIdentifier(String id) {
        return Json.MAPPER.createObjectNode().put("type", PROPERTY_TYPE).put("id", id);
    }
}
