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

    public MetricRoutes(MetricService service, Links links) {
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
                Endpoint.of("get_metric_id_for_metric_property", this::metricIdOfProperty),
                // Flows do not exist yet: no metric triggers one.
                Endpoint.of("get_flows_triggered_by_metric", this::noFlows),
                Endpoint.of("get_ids_for_flows_triggered_by_metric", this::noFlows));
    }

    private ApiResponse list(ApiRequest r) {
        Paging.Page<MetricStore.Row> page = service.list(r.accountId(), r.query());
        List<ObjectNode> data = page.rows().stream().map(row -> withTriggers(r, MetricDescriptor.resource(row.metric(), r.query(), links))).toList();
        ObjectNode doc = Resources.collection(data, links.collection(r.path(), r.query().raw(),
                page.next().map(c -> c.encode()), page.prev().map(c -> c.encode())));
        if (!r.query().include().isEmpty()) doc.putArray("included");
        return ApiResponse.ok(doc);
    }

    private ApiResponse get(ApiRequest r) {
        ObjectNode doc = Resources.single(withTriggers(r, MetricDescriptor.resource(service.get(r.accountId(), r.pathParam("id")),
                r.query(), links)));
        if (!r.query().include().isEmpty()) doc.putArray("included");
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

    private ApiResponse noFlows(ApiRequest r) {
        service.get(r.accountId(), r.pathParam("id"));
        return ApiResponse.ok(Resources.collection(List.of(), selfOnly(r)));
    }

    /** include=flow-triggers gives the linkage too: empty, since flows do not exist yet. */
    private static ObjectNode withTriggers(ApiRequest r, ObjectNode metric) {
        if (r.query().include().contains("flow-triggers")) {
            ((ObjectNode) metric.get("relationships").get("flow-triggers")).putArray("data");
        }
        return metric;
    }

    private ObjectNode selfOnly(ApiRequest r) {
        return links.collection(r.path(), r.query().raw(), Optional.empty(), Optional.empty());
    }
}
