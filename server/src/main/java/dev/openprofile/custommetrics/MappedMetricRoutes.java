package dev.openprofile.custommetrics;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.http.ApiRequest;
import dev.openprofile.http.ApiResponse;
import dev.openprofile.http.Endpoint;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.jsonapi.Links;
import dev.openprofile.jsonapi.Query;
import dev.openprofile.jsonapi.Resources;
import dev.openprofile.jsonapi.Rfc3339;
import dev.openprofile.metrics.MetricDescriptor;
import java.util.List;
import java.util.Optional;

/** HTTP for mapped metrics: the seven roles, their targets, and mapping a role (update_mapped_metric). */
final class MappedMetricRoutes {
    static final String TYPE = "mapped-metric";
    static final String PATH = "/api/mapped-metrics";
    private final MappedMetrics mapped;
    private final Targets targets;
    private final Links links;

    MappedMetricRoutes(MappedMetrics mapped, Targets targets, Links links) {
        this.mapped = mapped;
        this.targets = targets;
        this.links = links;
    }

    List<Endpoint> endpoints() {
        return List.of(
                Endpoint.of("get_mapped_metrics", r -> ApiResponse.ok(document(r, mapped.all(r.accountId()), true))),
                Endpoint.of("get_mapped_metric", r -> ApiResponse.ok(document(r, List.of(mapped.get(r.accountId(), r.pathParam("id"))), false))),
                Endpoint.of("update_mapped_metric", this::update),
                Endpoint.of("get_metric_for_mapped_metric", r -> related(r, false, true)),
                Endpoint.of("get_metric_id_for_mapped_metric", r -> related(r, false, false)),
                Endpoint.of("get_custom_metric_for_mapped_metric", r -> related(r, true, true)),
                Endpoint.of("get_custom_metric_id_for_mapped_metric", r -> related(r, true, false)));
    }

    private ApiResponse update(ApiRequest r) {
        String id = r.pathParam("id");
        MappedMetricBody body = MappedMetricBody.parse(r.data(), id);
        MappedMetric m = mapped.update(r.accountId(), id, body.metric(), body.customMetric());
        return ApiResponse.ok(Resources.single(resource(m, r.query())));
    }

    /** The role's metric or custom metric (or its identifier); data null when it maps to none of that kind. */
    private ApiResponse related(ApiRequest r, boolean custom, boolean whole) {
        MappedMetric m = mapped.get(r.accountId(), r.pathParam("id"));
        String targetId = custom ? m.customMetricId() : m.metricId();
        ObjectNode data = null;
        if (targetId != null) {
            if (!whole) data = Resources.identifier(custom ? CustomMetricKind.TYPE : "metric", targetId);
            else data = (custom ? targets.customMetrics(r.accountId(), List.of(targetId), r.query())
                    : targets.metrics(r.accountId(), List.of(targetId), r.query())).get(targetId);
        }
        ObjectNode doc = Resources.single(data);
        if (!whole) doc.putObject("links").put("self", links.path(r.path()));
        return ApiResponse.ok(doc);
    }

    private ObjectNode document(ApiRequest r, List<MappedMetric> rows, boolean collection) {
        List<ObjectNode> data = rows.stream().map(m -> resource(m, r.query())).toList();
        ObjectNode doc = collection
                ? Resources.collection(data, links.collection(r.path(), r.query().raw(), Optional.empty(), Optional.empty()))
                : Resources.single(data.getFirst());
        if (r.query().include().isEmpty()) return doc;
        ArrayNode included = doc.putArray("included");
        if (r.query().include().contains("metric")) {
            List<String> ids = rows.stream().map(MappedMetric::metricId).filter(java.util.Objects::nonNull).distinct().toList();
            targets.metrics(r.accountId(), ids, r.query()).values().forEach(included::add);
        }
        if (r.query().include().contains("custom-metric")) {
            List<String> ids = rows.stream().map(MappedMetric::customMetricId).filter(java.util.Objects::nonNull).distinct().toList();
            targets.customMetrics(r.accountId(), ids, r.query()).values().forEach(included::add);
        }
        return doc;
    }

    /** A role as the spec shows it: its {@code updated}, and each relationship's links, with linkage when it is set. */
    ObjectNode resource(MappedMetric m, Query query) {
        ObjectNode attributes = Json.MAPPER.createObjectNode().put("updated", Rfc3339.format(m.updated()));
        ObjectNode node = Resources.resource(TYPE, m.id(), attributes, query, links.resource(PATH, m.id()));
        ObjectNode relationships = node.putObject("relationships");
        relationships.set("metric", relationship(m.metricId() == null ? null : MetricDescriptor.identifier(m.metricId()), m.id(), "metric"));
        relationships.set("custom-metric", relationship(m.customMetricId() == null ? null
                : Resources.identifier(CustomMetricKind.TYPE, m.customMetricId()), m.id(), "custom-metric"));
        node.set("links", node.remove("links"));
        return node;
    }

    /** The spec's linkage is never null: an unset relationship shows only its links (as the kit's to-ones do). */
    private ObjectNode relationship(ObjectNode linkage, String id, String name) {
        ObjectNode rel = Json.MAPPER.createObjectNode();
        if (linkage != null) rel.set("data", linkage);
        rel.setAll(Resources.relationshipLinks(links, PATH, id, name));
        return rel;
    }
}
