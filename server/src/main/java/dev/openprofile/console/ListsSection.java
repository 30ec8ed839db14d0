package dev.openprofile.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.http.SessionPageRoute.Request;
import dev.openprofile.http.SessionPageRoute.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** An account's lists (issue 18): each with its member count, and a list's attributes and members, page by page. */
public final class ListsSection implements Console.Section {
    private final Console.Kit kit;

    public ListsSection(Console.Kit kit) {
        this.kit = kit;
    }

    @Override
    public List<Console.Route> routes() {
        return List.of(
                new Console.Route("GET", Console.ACCOUNT + "/lists", Console.Access.ACCOUNT, this::lists),
                new Console.Route("GET", Console.ACCOUNT + "/lists/{list_id}", Console.Access.ACCOUNT, this::list));
    }

    /** A row of the lists table; {@code members} is null when the count could not be read. */
    record Row(String id, String name, String created, String updated, Long members) {}

    private Response lists(Request request, ConsoleSessions.Session session) {
        var account = kit.account(request);
        Map<String, Object> values = new HashMap<>();
        values.put("cursor", request.query().get("cursor"));
        // get_lists has no profile_count (only get_list has): each row of its page (10 at most) is read for it.
        var result = kit.api().call(session, account.accountId(), "get_lists", Map.of(),
                ConsoleApi.query("sort", "name", "page[cursor]", request.query().get("cursor")), null);
        List<Row> rows = new ArrayList<>();
        if (result instanceof ConsoleApi.Ok ok) {
            for (JsonNode list : ok.body().path("data")) rows.add(row(session, account.accountId(), list));
            values.put("next", ApiDocuments.cursor(ok.body(), "next").orElse(null));
        }
        values.put("rows", rows);
        values.put("errors", result instanceof ConsoleApi.Failed f ? f.errors() : List.of());
        values.putIfAbsent("next", null);
        return Response.page(result instanceof ConsoleApi.Failed f ? f.status() : 200,
                kit.pages().render("lists", session, account, values));
    }

    private Row row(ConsoleSessions.Session session, String accountId, JsonNode list) {
        String id = list.path("id").asText();
        Long members = null;
        if (kit.api().call(session, accountId, "get_list", Map.of("id", id),
                ConsoleApi.query("additional-fields[list]", "profile_count"), null) instanceof ConsoleApi.Ok ok) {
            members = ok.body().path("data").path("attributes").path("profile_count").asLong();
        }
        JsonNode a = list.path("attributes");
        return new Row(id, ListsPage.text(a, "name"), ListsPage.text(a, "created"), ListsPage.text(a, "updated"), members);
    }

    private Response list(Request request, ConsoleSessions.Session session) {
        var account = kit.account(request);
        String listId = request.pathParams().get("list_id");
        Map<String, Object> values = new HashMap<>();
        values.put("cursor", request.query().get("cursor"));
        values.put("listId", listId);
        var list = kit.api().call(session, account.accountId(), "get_list", Map.of("id", listId),
                ConsoleApi.query("additional-fields[list]", "profile_count"), null);
        if (list instanceof ConsoleApi.Failed f) {
            values.put("errors", f.errors());
            return Response.page(f.status(), kit.pages().render("list", session, account, values));
        }
        JsonNode a = ((ConsoleApi.Ok) list).body().path("data").path("attributes");
        values.put("list", new Row(listId, ListsPage.text(a, "name"), ListsPage.text(a, "created"),
                ListsPage.text(a, "updated"), a.path("profile_count").asLong()));
        values.put("optInProcess", ListsPage.text(a, "opt_in_process"));
        var members = kit.api().call(session, account.accountId(), "get_profiles_for_list", Map.of("id", listId),
                ConsoleApi.query("page[size]", ListsPage.MEMBERS_PAGE, "page[cursor]", request.query().get("cursor")), null);
        return ListsSection.withMembers(kit, session, account, "list", values, members);
    }

    /** Renders a list's or a segment's page with its member table (or the API's errors about the page asked for). */
    static Response withMembers(Console.Kit kit, ConsoleSessions.Session session, dev.openprofile.auth.AccountStore.Account account,
                                String template, Map<String, Object> values, ConsoleApi.Result members) {
        values.put("members", members instanceof ConsoleApi.Ok ok ? ListsPage.members(ok.body()) : List.of());
        values.put("next", members instanceof ConsoleApi.Ok ok ? ApiDocuments.cursor(ok.body(), "next").orElse(null) : null);
        // Errors the page met before (a segment's member series) come first.
        List<ConsoleApi.Shown> errors = new ArrayList<>();
        if (values.get("errors") instanceof List<?> before) before.forEach(e -> errors.add((ConsoleApi.Shown) e));
        if (members instanceof ConsoleApi.Failed f) errors.addAll(f.errors());
        values.put("errors", errors);
        return Response.page(members instanceof ConsoleApi.Failed f ? f.status() : 200, kit.pages().render(template, session, account, values));
    }
}
