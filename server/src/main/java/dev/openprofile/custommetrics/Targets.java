package dev.openprofile.custommetrics;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.jsonapi.Links;
import dev.openprofile.jsonapi.Query;
import dev.openprofile.metrics.Metric;
import dev.openprofile.metrics.MetricDescriptor;
import dev.openprofile.metrics.MetricService;
import dev.openprofile.resource.ResourceRenderer;
import dev.openprofile.resource.ResourceRow;
import dev.openprofile.resource.ResourceService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The metrics and custom metrics that custom and mapped metrics point at, rendered as the spec shows them: one read
 * for many ids (a page's includes), in the order asked, unknown ids left out.
 */
final class Targets {
    private final MetricService metrics;
    private final ResourceService customMetrics;
    private final ResourceRenderer renderer;
    private final Links links;

    Targets(MetricService metrics, ResourceService customMetrics, ResourceRenderer renderer, Links links) {
        this.metrics = metrics;
        this.customMetrics = customMetrics;
        this.renderer = renderer;
        this.links = links;
    }

    Map<String, ObjectNode> metrics(String accountId, List<String> ids, Query query) {
        Map<String, Metric> found = metrics.findAll(accountId, ids);
        Map<String, ObjectNode> out = new LinkedHashMap<>();
        for (String id : ids) {
            Metric m = found.get(id);
            if (m != null) out.put(id, MetricDescriptor.resource(m, query, links));
        }
        return out;
    }

    Map<String, ObjectNode> customMetrics(String accountId, List<String> ids, Query query) {
        Map<String, ObjectNode> out = new LinkedHashMap<>();
        for (ResourceRow row : customMetrics.findAll(accountId, ids)) {
            out.put(row.id(), renderer.resource(accountId, customMetrics.kind(), row, query));
        }
        return out;
    }
}
