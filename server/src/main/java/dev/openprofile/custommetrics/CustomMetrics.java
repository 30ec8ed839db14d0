package dev.openprofile.custommetrics;

import dev.openprofile.http.Endpoint;
import dev.openprofile.jsonapi.Links;
import dev.openprofile.metrics.MetricService;
import dev.openprofile.resource.ResourceKit;
import dev.openprofile.resource.ResourceService;
import dev.openprofile.store.Jdbc;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Custom and mapped metrics (issue 16) as App wires them. A package of their own, not {@code metrics}: that package
 * keeps the metrics events create and the hot path that finds them; these are account definitions on top of it, on
 * the resource kit, and reach metrics only through {@link MetricService}.
 */
public final class CustomMetrics {
    private final List<Endpoint> endpoints;

    private CustomMetrics(List<Endpoint> endpoints) {
        this.endpoints = endpoints;
    }

    /** Registers custom metrics in the kit (which serves their five operations) and builds the other nine endpoints. */
    public static CustomMetrics register(ResourceKit kit, Jdbc jdbc, Clock clock, Links links, MetricService metrics) {
        CustomMetricHooks.UnknownMetrics unknown = (accountId, ids) -> {
            Set<String> out = new HashSet<>(ids);
            out.removeAll(metrics.findAll(accountId, ids).keySet());
            return out;
        };
        MappedMetrics mapped = new MappedMetrics(jdbc, clock, unknown);
        ResourceService customMetrics = kit.register(CustomMetricKind.declare(new CustomMetricHooks(unknown, mapped)));
        Targets targets = new Targets(metrics, customMetrics, kit.renderer(), links);
        CustomMetricRoutes routes = new CustomMetricRoutes(customMetrics, targets, links);
        kit.supplyInclude(CustomMetricKind.TYPE, "metrics", routes.metricsIncluder());
        List<Endpoint> endpoints = new ArrayList<>(routes.endpoints());
        endpoints.addAll(new MappedMetricRoutes(mapped, targets, links).endpoints());
        return new CustomMetrics(List.copyOf(endpoints));
    }

    /** The endpoints the kit does not serve: a custom metric's metrics, and the seven of mapped metrics. */
    public List<Endpoint> endpoints() {
        return endpoints;
    }
}
