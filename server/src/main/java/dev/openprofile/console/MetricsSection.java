package dev.openprofile.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.http.SessionPageRoute.Request;
import dev.openprofile.http.SessionPageRoute.Response;
import dev.openprofile.jsonapi.Json;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An account's metrics (issue 18), and per metric a daily count of its events over the last 30 days, from
 * query_metric_aggregates (the engine the API answers with), drawn as a chart and listed as figures.
 */
public final class MetricsSection implements Console.Section {
    static final int DAYS = 30;
    private final Console.Kit kit;
    private final Clock clock;

    /** @param clock the operator's clock (the server's "now", which the operator may have moved): today is its day */
    public MetricsSection(Console.Kit kit, Clock clock) {
        this.kit = kit;
        this.clock = clock;
    }

    @Override
    public List<Console.Route> routes() {
        return List.of(
                new Console.Route("GET", Console.ACCOUNT + "/metrics", Console.Access.ACCOUNT, this::metrics),
                new Console.Route("GET", Console.ACCOUNT + "/metrics/{metric_id}", Console.Access.ACCOUNT, this::metric));
    }

    record Row(String id, String name, String integration, String created, String updated) {
        static Row of(JsonNode metric) {
            JsonNode a = metric.path("attributes");
            return new Row(metric.path("id").asText(), ListsPage.text(a, "name"), ListsPage.text(a.path("integration"), "name"),
                    ListsPage.text(a, "created"), ListsPage.text(a, "updated"));
        }
    }

    private Response metrics(Request request, ConsoleSessions.Session session) {
        var account = kit.account(request);
        var result = kit.api().call(session, account.accountId(), "get_metrics", Map.of(),
                ConsoleApi.query("page[cursor]", request.query().get("cursor")), null);
        Map<String, Object> values = new HashMap<>();
        values.put("cursor", request.query().get("cursor"));
        List<Row> rows = new ArrayList<>();
        values.put("next", null);
        if (result instanceof ConsoleApi.Ok ok) {
            for (JsonNode m : ok.body().path("data")) rows.add(Row.of(m));
            values.put("next", ApiDocuments.cursor(ok.body(), "next").orElse(null));
        }
        values.put("rows", rows);
        values.put("errors", result instanceof ConsoleApi.Failed f ? f.errors() : List.of());
        return Response.page(result instanceof ConsoleApi.Failed f ? f.status() : 200,
                kit.pages().render("metrics", session, account, values));
    }

    private Response metric(Request request, ConsoleSessions.Session session) {
        var account = kit.account(request);
        String metricId = request.pathParams().get("metric_id");
        Map<String, Object> values = new HashMap<>();
        values.put("cursor", request.query().get("cursor"));
        values.put("metricId", metricId);
        var metric = kit.api().call(session, account.accountId(), "get_metric", Map.of("id", metricId), List.of(), null);
        if (metric instanceof ConsoleApi.Failed f) {
            values.put("errors", f.errors());
            return Response.page(f.status(), kit.pages().render("metric", session, account, values));
        }
        values.put("metric", Row.of(((ConsoleApi.Ok) metric).body().path("data")));
        values.put("valueLabel", "Events");
        var counts = kit.api().call(session, account.accountId(), "query_metric_aggregates", Map.of(), List.of(), dailyCounts(metricId));
        values.put("errors", counts instanceof ConsoleApi.Failed f ? f.errors() : List.of());
        if (counts instanceof ConsoleApi.Ok ok) values.put("chart", chart(ok.body()));
        return Response.page(200, kit.pages().render("metric", session, account, values));
    }

    /** The last 30 days in UTC, today included: from 29 days before today's midnight to tomorrow's. */
    private ObjectNode dailyCounts(String metricId) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        ObjectNode body = Json.MAPPER.createObjectNode();
        ObjectNode a = body.putObject("data").put("type", "metric-aggregate").putObject("attributes");
        a.put("metric_id", metricId);
        a.putArray("measurements").add("count");
        a.put("interval", "day");
        a.putArray("filter").add("greater-or-equal(datetime," + today.minusDays(DAYS - 1) + "T00:00:00)")
                .add("less-than(datetime," + today.plusDays(1) + "T00:00:00)");
        a.put("timezone", "UTC");
        return body;
    }

    private static MetricsChart chart(JsonNode aggregate) {
        JsonNode a = aggregate.path("data").path("attributes");
        List<OffsetDateTime> days = new ArrayList<>();
        for (JsonNode d : a.path("dates")) days.add(OffsetDateTime.parse(d.asText()));
        // No grouping ("by"): one row, whose count has a value per date.
        JsonNode counts = a.path("data").path(0).path("measurements").path("count");
        List<Long> values = new ArrayList<>();
        for (int i = 0; i < days.size(); i++) values.add(counts.path(i).asLong());
        return MetricsChart.of("Events", days, values);
    }
}
