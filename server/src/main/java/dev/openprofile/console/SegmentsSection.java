package dev.openprofile.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.http.SessionPageRoute.Request;
import dev.openprofile.http.SessionPageRoute.Response;
import dev.openprofile.jsonapi.Json;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An account's segments (issue 18): each with its member count, and a segment's definition as a sentence, its member
 * count over the last 30 days (query_segment_series, the reporting operation) and its members, page by page.
 */
public final class SegmentsSection implements Console.Section {
    private final Console.Kit kit;

    public SegmentsSection(Console.Kit kit) {
        this.kit = kit;
    }

    @Override
    public List<Console.Route> routes() {
        return List.of(
                new Console.Route("GET", Console.ACCOUNT + "/segments", Console.Access.ACCOUNT, this::segments),
                new Console.Route("GET", Console.ACCOUNT + "/segments/{segment_id}", Console.Access.ACCOUNT, this::segment));
    }

    /** A row of the segments table; {@code members} is null when the count could not be read. */
    record Row(String id, String name, String created, String updated, boolean active, boolean processing, Long members) {
        static Row of(String id, JsonNode a) {
            return new Row(id, ListsPage.text(a, "name"), ListsPage.text(a, "created"), ListsPage.text(a, "updated"),
                    a.path("is_active").asBoolean(), a.path("is_processing").asBoolean(),
                    a.has("profile_count") ? a.path("profile_count").asLong() : null);
        }
    }

    private Response segments(Request request, ConsoleSessions.Session session) {
        var account = kit.account(request);
        Map<String, Object> values = new HashMap<>();
        values.put("cursor", request.query().get("cursor"));
        var result = kit.api().call(session, account.accountId(), "get_segments", Map.of(),
                ConsoleApi.query("sort", "name", "page[cursor]", request.query().get("cursor")), null);
        List<Row> rows = new ArrayList<>();
        values.put("next", null);
        if (result instanceof ConsoleApi.Ok ok) {
            // get_segments has no profile_count (only get_segment has): each row of its page (10 at most) is read for it.
            for (JsonNode s : ok.body().path("data")) {
                String id = s.path("id").asText();
                rows.add(kit.api().call(session, account.accountId(), "get_segment", Map.of("id", id),
                        ConsoleApi.query("additional-fields[segment]", "profile_count"), null) instanceof ConsoleApi.Ok one
                        ? Row.of(id, one.body().path("data").path("attributes")) : Row.of(id, s.path("attributes")));
            }
            values.put("next", ApiDocuments.cursor(ok.body(), "next").orElse(null));
        }
        values.put("rows", rows);
        values.put("errors", result instanceof ConsoleApi.Failed f ? f.errors() : List.of());
        return Response.page(result instanceof ConsoleApi.Failed f ? f.status() : 200,
                kit.pages().render("segments", session, account, values));
    }

    private Response segment(Request request, ConsoleSessions.Session session) {
        var account = kit.account(request);
        String segmentId = request.pathParams().get("segment_id");
        Map<String, Object> values = new HashMap<>();
        values.put("cursor", request.query().get("cursor"));
        values.put("segmentId", segmentId);
        var segment = kit.api().call(session, account.accountId(), "get_segment", Map.of("id", segmentId),
                ConsoleApi.query("additional-fields[segment]", "profile_count"), null);
        if (segment instanceof ConsoleApi.Failed f) {
            values.put("errors", f.errors());
            return Response.page(f.status(), kit.pages().render("segment", session, account, values));
        }
        JsonNode a = ((ConsoleApi.Ok) segment).body().path("data").path("attributes");
        values.put("segment", Row.of(segmentId, a));
        values.put("conditionGroups", SegmentsDefinitionText.groups(a.path("definition"), names(session, account.accountId())));
        values.put("definitionJson", a.path("definition").toPrettyString());
        switch (series(session, account.accountId(), segmentId)) {
            case ConsoleApi.Ok ok -> values.put("chart", chart(ok.body()));
            case ConsoleApi.Failed f -> values.put("errors", f.errors());
        }
        values.put("valueLabel", "Members");
        var members = kit.api().call(session, account.accountId(), "get_profiles_for_segment", Map.of("id", segmentId),
                ConsoleApi.query("page[size]", ListsPage.MEMBERS_PAGE, "page[cursor]", request.query().get("cursor")), null);
        return ListsSection.withMembers(kit, session, account, "segment", values, members);
    }

    /** Metric and list names for the sentence, each read once per page through get_metric and get_list. */
    private SegmentsDefinitionText.Names names(ConsoleSessions.Session session, String accountId) {
        Map<String, String> seen = new HashMap<>();
        return new SegmentsDefinitionText.Names(
                id -> seen.computeIfAbsent("metric:" + id, k -> name(session, accountId, "get_metric", id)),
                id -> seen.computeIfAbsent("list:" + id, k -> name(session, accountId, "get_list", id)));
    }

    private String name(ConsoleSessions.Session session, String accountId, String operationId, String id) {
        if (kit.api().call(session, accountId, operationId, Map.of("id", id), List.of(), null) instanceof ConsoleApi.Ok ok) {
            String name = ok.body().path("data").path("attributes").path("name").asText("");
            if (!name.isEmpty()) return name;
        }
        return id;
    }

    /** The segment's members at the end of each of the last 30 days (the account's days, as the report keys them). */
    private ConsoleApi.Result series(ConsoleSessions.Session session, String accountId, String segmentId) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        ObjectNode attributes = body.putObject("data").put("type", "segment-series-report").putObject("attributes");
        attributes.putArray("statistics").add("total_members");
        attributes.putObject("timeframe").put("key", "last_30_days");
        attributes.put("interval", "daily");
        attributes.put("filter", "equals(segment_id,\"" + segmentId.replace("\\", "\\\\").replace("\"", "\\\"") + "\")");
        return kit.api().call(session, accountId, "query_segment_series", Map.of(), List.of(), body);
    }

    private static MetricsChart chart(JsonNode report) {
        JsonNode a = report.path("data").path("attributes");
        List<OffsetDateTime> days = new ArrayList<>();
        for (JsonNode d : a.path("date_times")) days.add(OffsetDateTime.parse(d.asText()));
        List<Long> totals = new ArrayList<>();
        JsonNode values = a.path("results").path(0).path("statistics").path("total_members");
        for (int i = 0; i < days.size(); i++) totals.add(values.path(i).asLong());
        return MetricsChart.of("Members", days, totals);
    }
}
