package dev.openprofile.metrics;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.http.ApiRequest;
import dev.openprofile.http.ApiResponse;
import dev.openprofile.http.Endpoint;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.jsonapi.Links;
import dev.openprofile.jsonapi.Resources;
import dev.openprofile.store.Paging;
import java.util.List;
import java.util.Optional;

/** HTTP for metrics and metric properties (the Metrics tag, without custom and mapped metrics). */
public final class MetricRoutes {
    private final MetricService service;
    private final Links links;
    private final dev.openprofile.jsonapi.BatchIncluder flowTriggers;

    /** @param flowTriggers include=flow-triggers: the flows a page of metrics trigger, from the flows feature */
    public MetricRoutes(MetricService service, Links links, dev.openprofile.jsonapi.BatchIncluder flowTriggers) {
        this.flowTriggers = flowTriggers;
        this.service = service;
        this.links = links;
    }

    public List<Endpoint> endpoints() {
        return List.of(
                Endpoint.of("get_metrics", this::list).sortedBy("id"),
                Endpoint.of("get_metric", this::get),
                Endpoint.of("get_properties_for_metric", this::properties),
                Endpoint.of("get_property_ids_for_metric", this::propertyIds),
                Endpoint.of("get_metric_property", this::property),
                Endpoint.of("get_metric_for_metric_property", this::metricOfProperty),
                // A metric's flow triggers are the flows feature's (flows.Flows), which supplies include=flow-triggers.
                Endpoint.of("get_metric_id_for_metric_property", this::metricIdOfProperty));
    }

    private ApiResponse list(ApiRequest r) {
        Paging.Page<MetricStore.Row> page = service.list(r.accountId(), r.query());
        List<ObjectNode> data = page.rows().stream().map(row -> MetricDescriptor.resource(row.metric(), r.query(), links)).toList();
        ObjectNode doc = Resources.collection(data, links.collection(r.path(), r.query().raw(),
                page.next().map(c -> c.encode()), page.prev().map(c -> c.encode())));
        includeTriggers(r, data, doc);
        return ApiResponse.ok(doc);
    }

    private ApiResponse get(ApiRequest r) {
        ObjectNode metric = MetricDescriptor.resource(service.get(r.accountId(), r.pathParam("id")), r.query(), links);
        ObjectNode doc = Resources.single(metric);
        includeTriggers(r, List.of(metric), doc);
        return ApiResponse.ok(doc);
    }

    private ApiResponse properties(ApiRequest r) {
        List<ObjectNode> data = service.properties(r.accountId(), r.pathParam("id")).stream()
                .map(p -> MetricDescriptor.property(p, r.query(), links)).toList();
        return ApiResponse.ok(Resources.collection(data, selfOnly(r)));
    }

    private ApiResponse propertyIds(ApiRequest r) {
        List<ObjectNode> data = service.properties(r.accountId(), r.pathParam("id")).stream()
                .map(p -> MetricDescriptor.propertyIdentifier(p.id())).toList();
        return ApiResponse.ok(Resources.collection(data, selfOnly(r)));
    }

    private ApiResponse property(ApiRequest r) {
        MetricProperty p = service.property(r.accountId(), r.pathParam("id"));
        ObjectNode resource = MetricDescriptor.property(p, r.query(), links);
        ObjectNode doc = Resources.single(resource);
        if (r.query().include().contains("metric")) {
            ((ObjectNode) resource.get("relationships").get("metric")).set("data", MetricDescriptor.identifier(p.metricId()));
            doc.putArray("included").add(MetricDescriptor.resource(service.get(r.accountId(), p.metricId()), r.query(), links));
        }
        return ApiResponse.ok(doc);
    }

    private ApiResponse metricOfProperty(ApiRequest r) {
        MetricProperty p = service.property(r.accountId(), r.pathParam("id"));
        return ApiResponse.ok(Resources.single(MetricDescriptor.resource(service.get(r.accountId(), p.metricId()), r.query(), links)));
    }

    private ApiResponse metricIdOfProperty(ApiRequest r) {
        MetricProperty p = service.property(r.accountId(), r.pathParam("id"));
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.set("data", MetricDescriptor.identifier(p.metricId()));
        doc.putObject("links").put("self", links.path(r.path()));
        return ApiResponse.ok(doc);
    }

    /** include=flow-triggers: the flows the metrics trigger, each once, with their linkage on each metric. */
    private void includeTriggers(ApiRequest r, List<ObjectNode> metrics, ObjectNode doc) {
        if (r.query().include().isEmpty()) return;
        var included = doc.putArray("included");
        if (!r.query().include().contains("flow-triggers")) return;
        var related = flowTriggers.related(r.accountId(), metrics.stream().map(m -> m.get("id").asText()).toList(), r.query());
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (ObjectNode metric : metrics) {
            var linkage = ((ObjectNode) metric.get("relationships").get("flow-triggers")).putArray("data");
            for (ObjectNode flow : related.getOrDefault(metric.get("id").asText(), List.of())) {
                linkage.add(Resources.identifier(flow.get("type").asText(), flow.get("id").asText()));
                if (seen.add(flow.get("id").asText())) included.add(flow);
            }
        }
    }

    private ObjectNode selfOnly(ApiRequest r) {
        return links.collection(r.path(), r.query().raw(), Optional.empty(), Optional.empty());
    }
}
