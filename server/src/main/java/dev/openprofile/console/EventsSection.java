package dev.openprofile.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.http.SessionPageRoute.Request;
import dev.openprofile.http.SessionPageRoute.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A live tail of an account's events (issue 18): the newest 50 (get_events, newest first, with their metric and
 * profile), in a block that htmx reloads every 2 seconds from this route with {@code ?fragment=1}, which answers the
 * block alone, so an event posted anywhere appears without a reload.
 */
public final class EventsSection implements Console.Section {
    static final String TAIL = "50";
    private final Console.Kit kit;

    public EventsSection(Console.Kit kit) {
        this.kit = kit;
    }

    @Override
    public List<Console.Route> routes() {
        return List.of(new Console.Route("GET", Console.ACCOUNT + "/events", Console.Access.ACCOUNT, this::events));
    }

    /** An event as the tail shows it; {@code properties} is its event_properties as indented JSON. */
    record Row(String id, String datetime, String metricId, String metric, String profileId, String profile, String properties) {}

    private Response events(Request request, ConsoleSessions.Session session) {
        var account = kit.account(request);
        var result = kit.api().call(session, account.accountId(), "get_events", Map.of(),
                ConsoleApi.query("sort", "-datetime", "include", "metric,profile", "page[size]", TAIL), null);
        Map<String, Object> values = new HashMap<>();
        values.put("rows", result instanceof ConsoleApi.Ok ok ? rows(ok.body()) : List.of());
        values.put("tail", TAIL);
        values.put("errors", result instanceof ConsoleApi.Failed f ? f.errors() : List.of());
        int status = result instanceof ConsoleApi.Failed f ? f.status() : 200;
        boolean fragment = "1".equals(request.query().get("fragment"));
        return Response.page(status, kit.pages().render(fragment ? "events-tail" : "events", session, account, values));
    }

    private static List<Row> rows(JsonNode document) {
        Map<String, JsonNode> included = new HashMap<>();
        for (JsonNode r : document.path("included")) included.put(r.path("type").asText() + "/" + r.path("id").asText(), r);
        List<Row> rows = new ArrayList<>();
        for (JsonNode e : document.path("data")) {
            JsonNode a = e.path("attributes");
            String metricId = e.at("/relationships/metric/data/id").asText("");
            String profileId = e.at("/relationships/profile/data/id").asText("");
            JsonNode metric = included.getOrDefault("metric/" + metricId, e).path("attributes");
            JsonNode profile = included.getOrDefault("profile/" + profileId, e).path("attributes");
            String who = ListsPage.text(profile, "email");
            if (who.isEmpty()) who = ListsPage.text(profile, "phone_number");
            if (who.isEmpty()) who = ListsPage.text(profile, "external_id");
            rows.add(new Row(e.path("id").asText(), ListsPage.text(a, "datetime"), metricId, ListsPage.text(metric, "name"),
                    profileId, who, a.path("event_properties").toPrettyString()));
        }
        return rows;
    }
}
