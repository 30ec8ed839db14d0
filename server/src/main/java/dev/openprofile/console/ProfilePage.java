package dev.openprofile.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.auth.AccountStore;
import dev.openprofile.http.SessionPageRoute.Request;
import dev.openprofile.http.SessionPageRoute.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One profile's page: its identifiers and attributes (get_profile with its subscriptions), consent per channel with
 * its history (the admin API's consent history of this account), its lists, segments and push tokens, and its event
 * timeline, newest first, paged with get_events' cursor. Each part is its own API call; a part the session's key may
 * not read shows that call's error and the rest of the page still renders.
 */
final class ProfilePage {
    static final int EVENTS_PAGE_SIZE = 20;
    /** The identifiers, shown apart; the other scalar attributes follow in the API's order. */
    private static final List<String> IDENTIFIERS = List.of("email", "phone_number", "external_id");
    /** Attributes with a part of their own on the page. */
    private static final List<String> OWN_PARTS = List.of("location", "properties", "subscriptions", "predictive_analytics");

    /** A named value (an attribute, a location field). */
    record Field(String name, String value) {}

    /** One channel's consent: email marketing, sms transactional... */
    record Consent(String channel, String kind, String consent, String canReceive, String since, String method,
                   String suppressions) {}

    /** A list, segment or push token of the profile: its id, what to call it, and details. */
    record Related(String id, String label, String detail) {}

    /** An event of the timeline. */
    record Event(String id, String datetime, String metric, String properties) {}

    /** A part of the page that came from one call: its rows, or that call's errors. */
    record Part<T>(List<T> rows, List<ConsoleApi.Shown> errors) {
        static <T> Part<T> failed(ConsoleApi.Failed f) {
            return new Part<>(List.of(), f.errors());
        }
    }

    private final Console.Kit kit;

    ProfilePage(Console.Kit kit) {
        this.kit = kit;
    }

    Response show(Request request, ConsoleSessions.Session session) {
        AccountStore.Account account = kit.account(request);
        String id = request.pathParams().get("profile_id");
        Map<String, Object> page = new HashMap<>();
        page.put("profileId", id);
        ConsoleApi.Result found = call(session, account, "get_profile", id, "additional-fields[profile]", "subscriptions");
        if (found instanceof ConsoleApi.Failed failed) {
            page.put("errors", failed.errors());
            page.put("profile", null);
            return Response.page(failed.status(), kit.pages().render("profile", session, account, page));
        }
        JsonNode profile = ((ConsoleApi.Ok) found).body().path("data");
        JsonNode attributes = profile.path("attributes");
        page.put("errors", List.of());
        page.put("profile", profile.path("id").asText());
        page.put("title", title(attributes, id));
        List<Field> identifiers = new ArrayList<>(List.of(new Field("id", profile.path("id").asText())));
        List<Field> others = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = attributes.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> a = it.next();
            if (OWN_PARTS.contains(a.getKey())) continue;
            Field f = new Field(a.getKey(), ApiDocuments.value(a.getValue()));
            (IDENTIFIERS.contains(a.getKey()) ? identifiers : others).add(f);
        }
        page.put("identifiers", identifiers);
        page.put("attributes", others);
        List<Field> location = new ArrayList<>();
        attributes.path("location").fields()
                .forEachRemaining(e -> location.add(new Field(e.getKey(), ApiDocuments.value(e.getValue()))));
        page.put("location", location);
        page.put("properties", ApiDocuments.pretty(attributes.path("properties")));
        page.put("consent", consent(attributes.path("subscriptions")));
        page.put("subscriptions", ApiDocuments.pretty(attributes.path("subscriptions")));
        page.put("history", history(session, account, id));
        page.put("lists", related(call(session, account, "get_lists_for_profile", id), ProfilePage::name, r -> null));
        page.put("segments", related(call(session, account, "get_segments_for_profile", id), ProfilePage::name, r -> null));
        page.put("pushTokens", related(call(session, account, "get_push_tokens_for_profile", id),
                r -> r.path("attributes").path("token").asText(), ProfilePage::pushTokenDetail));
        String cursor = ProfilesSection.blankToNull(request.query().get("events"));
        ConsoleApi.Result events = kit.api().call(session, account.accountId(), "get_events", Map.of(), ConsoleApi.query(
                "filter", "equals(profile_id,\"" + profile.path("id").asText() + "\")", "sort", "-datetime",
                "include", "metric", "page[size]", String.valueOf(EVENTS_PAGE_SIZE), "page[cursor]", cursor), null);
        page.put("events", events(events));
        page.put("olderEvents", eventsLink(events, "next"));
        page.put("newerEvents", eventsLink(events, "prev"));
        return Response.page(200, kit.pages().render("profile", session, account, page));
    }

    private ConsoleApi.Result call(ConsoleSessions.Session session, AccountStore.Account account, String operation, String id,
                                   String... query) {
        return kit.api().call(session, account.accountId(), operation, Map.of("id", id), ConsoleApi.query(query), null);
    }

    /** The timeline's link to the page of events the API's {@code next} or {@code prev} link leads to, or null. */
    private static String eventsLink(ConsoleApi.Result events, String rel) {
        if (!(events instanceof ConsoleApi.Ok ok)) return null;
        return ApiDocuments.cursor(ok.body(), rel).map(c -> ApiDocuments.query("events", c)).orElse(null);
    }

    private static String name(JsonNode resource) {
        return resource.path("attributes").path("name").asText();
    }

    private static String title(JsonNode attributes, String id) {
        String name = ApiDocuments.name(attributes);
        if (!name.isEmpty()) return name;
        for (String identifier : IDENTIFIERS) {
            if (ApiDocuments.text(attributes, identifier) != null) return ApiDocuments.text(attributes, identifier);
        }
        return id;
    }

    /** One row per channel and kind of the profile's subscriptions (email marketing, sms transactional...). */
    private static List<Consent> consent(JsonNode subscriptions) {
        List<Consent> rows = new ArrayList<>();
        subscriptions.fields().forEachRemaining(channel -> channel.getValue().fields().forEachRemaining(kind -> {
            JsonNode c = kind.getValue();
            String canReceive = null;
            for (Iterator<String> names = c.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (name.startsWith("can_receive")) canReceive = c.path(name).asBoolean() ? "yes" : "no";
            }
            String method = ApiDocuments.text(c, "method");
            String detail = ApiDocuments.text(c, "method_detail");
            List<String> suppressions = new ArrayList<>();
            c.path("suppression").forEach(s -> suppressions.add(s.path("reason").asText()));
            c.path("list_suppressions").forEach(s ->
                    suppressions.add(s.path("reason").asText() + " (list " + s.path("list_id").asText() + ")"));
            rows.add(new Consent(channel.getKey(), kind.getKey(), ApiDocuments.text(c, "consent"), canReceive,
                    ApiDocuments.text(c, "consent_timestamp"),
                    method == null ? null : detail == null ? method : method + " · " + detail,
                    String.join(", ", suppressions)));
        }));
        return rows;
    }

    /** The profile's consent changes, oldest first, as the admin API's consent history gives them. */
    private Part<Map<String, Object>> history(ConsoleSessions.Session session, AccountStore.Account account, String id) {
        ConsoleApi.Result r = kit.api().adminRead(session, account, "/admin/consent/profiles/{profile_id}/history",
                Map.of("profile_id", id), Map.of());
        if (r instanceof ConsoleApi.Failed f) return Part.failed(f);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (JsonNode h : ((ConsoleApi.Ok) r).body().path("history")) {
            Map<String, Object> row = new HashMap<>();
            for (String field : List.of("subject", "from", "to", "method", "method_detail", "actor", "at")) {
                row.put(field, ApiDocuments.text(h, field));
            }
            rows.add(row);
        }
        return new Part<>(rows, List.of());
    }

    private static Part<Related> related(ConsoleApi.Result r, java.util.function.Function<JsonNode, String> label,
                                         java.util.function.Function<JsonNode, String> detail) {
        if (r instanceof ConsoleApi.Failed f) return Part.failed(f);
        List<Related> rows = new ArrayList<>();
        for (JsonNode item : ((ConsoleApi.Ok) r).body().path("data")) {
            rows.add(new Related(item.path("id").asText(), label.apply(item), detail.apply(item)));
        }
        return new Part<>(rows, List.of());
    }

    private static String pushTokenDetail(JsonNode token) {
        JsonNode a = token.path("attributes");
        return String.join(" · ", java.util.stream.Stream.of(ApiDocuments.text(a, "platform"), ApiDocuments.text(a, "vendor"),
                ApiDocuments.text(a, "enablement_status"), ApiDocuments.text(a, "created"))
                .filter(java.util.Objects::nonNull).toList());
    }

    /** The timeline's events with their metric's name (from the included metrics). */
    private static Part<Event> events(ConsoleApi.Result r) {
        if (r instanceof ConsoleApi.Failed f) return Part.failed(f);
        JsonNode body = ((ConsoleApi.Ok) r).body();
        Map<String, String> metrics = new HashMap<>();
        for (JsonNode m : body.path("included")) {
            if (m.path("type").asText().equals("metric")) metrics.put(m.path("id").asText(), name(m));
        }
        List<Event> rows = new ArrayList<>();
        for (JsonNode e : body.path("data")) {
            String metricId = e.path("relationships").path("metric").path("data").path("id").asText();
            rows.add(new Event(e.path("id").asText(), ApiDocuments.text(e.path("attributes"), "datetime"),
                    metrics.getOrDefault(metricId, metricId),
                    ApiDocuments.pretty(e.path("attributes").path("event_properties"))));
        }
        return new Part<>(rows, List.of());
    }
}
