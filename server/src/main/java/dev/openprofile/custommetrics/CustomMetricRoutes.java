package dev.openprofile.custommetrics;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.http.ApiRequest;
import dev.openprofile.http.ApiResponse;
import dev.openprofile.http.Endpoint;
import dev.openprofile.jsonapi.BatchIncluder;
import dev.openprofile.jsonapi.Links;
import dev.openprofile.jsonapi.Resources;
import dev.openprofile.resource.ResourceRow;
import dev.openprofile.resource.ResourceService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A custom metric's {@code metrics}: the metrics its definition's groups name, each once, in group order (the kit
 * serves the custom metric itself). They are read from the definition, so they can never disagree with it.
 */
final class CustomMetricRoutes {
    private final ResourceService customMetrics;
    private final Targets targets;
    private final Links links;

    CustomMetricRoutes(ResourceService customMetrics, Targets targets, Links links) {
        this.customMetrics = customMetrics;
        this.targets = targets;
        this.links = links;
    }

    List<Endpoint> endpoints() {
        return List.of(
                Endpoint.of("get_metrics_for_custom_metric", r -> metrics(r, false)),
                Endpoint.of("get_metric_ids_for_custom_metric", r -> metrics(r, true)));
    }

    private ApiResponse metrics(ApiRequest r, boolean idsOnly) {
        ResourceRow row = customMetrics.get(r.accountId(), r.pathParam("id"));
        List<String> ids = CustomMetricDefinition.metricIds(row.attributes().get("definition"));
        List<ObjectNode> data = idsOnly
                ? ids.stream().map(id -> Resources.identifier("metric", id)).toList()
                : new ArrayList<>(targets.metrics(r.accountId(), ids, r.query()).values());
        return ApiResponse.ok(Resources.collection(data, links.collection(r.path(), r.query().raw(), Optional.empty(), Optional.empty())));
    }

    /** {@code include=metrics} on custom metric reads: one read of the page's custom metrics, one of their metrics. */
    BatchIncluder metricsIncluder() {
        return (accountId, ownerIds, query) -> {
            Map<String, List<String>> byOwner = new LinkedHashMap<>();
            Set<String> all = new LinkedHashSet<>();
            for (ResourceRow row : customMetrics.findAll(accountId, ownerIds)) {
                List<String> ids = CustomMetricDefinition.metricIds(row.attributes().get("definition"));
                byOwner.put(row.id(), ids);
                all.addAll(ids);
            }
            Map<String, ObjectNode> rendered = targets.metrics(accountId, List.copyOf(all), query);
            Map<String, List<ObjectNode>> out = new LinkedHashMap<>();
            byOwner.forEach((owner, ids) -> out.put(owner, ids.stream().map(rendered::get).filter(java.util.Objects::nonNull).toList()));
            return out;
        };
    }
}
