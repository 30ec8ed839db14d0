package dev.openprofile.reporting;

import dev.openprofile.http.Endpoint;
import dev.openprofile.jsonapi.Links;
import dev.openprofile.metrics.MetricService;
import dev.openprofile.store.Jdbc;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/** The reporting feature as App wires it. */
public final class Reporting {
    private final ReportRoutes routes;

    /**
     * @param zones          an account's time zone (timeframes are read in it)
     * @param segmentCatchUp brings an account's segment memberships up to date before their history is read
     */
    public Reporting(Jdbc jdbc, MetricService metrics, Function<String, ZoneId> zones, Consumer<String> segmentCatchUp,
                     Clock clock, Links links) {
        this.routes = new ReportRoutes(new MessageReports(jdbc, metrics), new FormReports(jdbc, metrics),
                new SegmentReports(jdbc, segmentCatchUp), zones, clock, links);
    }

    public List<Endpoint> endpoints() {
        return routes.endpoints();
    }
}
