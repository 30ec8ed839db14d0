package dev.openprofile.console;

import dev.openprofile.auth.AccountStore;
import dev.openprofile.console.Console.Access;
import dev.openprofile.console.Console.Route;
import dev.openprofile.http.SessionPageRoute.Request;
import dev.openprofile.http.SessionPageRoute.Response;
import dev.openprofile.jsonapi.Json;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The account's outbox, as a local mail catcher shows it (the admin API's outbox, read for the account): the sent
 * messages newest first, one message's headers, and its HTML in a sandboxed frame, since an email is HTML the console
 * did not write. SMS and push messages are text.
 */
public final class OutboxSection implements Console.Section {
    private static final String MESSAGES = "/admin/outbox/messages";
    private final Console.Kit kit;

    public OutboxSection(Console.Kit kit) {
        this.kit = kit;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                new Route("GET", Console.ACCOUNT + "/outbox", Access.ACCOUNT, this::list),
                new Route("GET", Console.ACCOUNT + "/outbox/{message_id}", Access.ACCOUNT, this::message),
                new Route("GET", Console.ACCOUNT + "/outbox/{message_id}/html", Access.ACCOUNT, this::html));
    }

    private Response list(Request r, ConsoleSessions.Session s) {
        AccountStore.Account account = kit.account(r);
        Map<String, String> query = new HashMap<>(Map.of("limit", "50"));
        if (r.query().get("cursor") != null) query.put("cursor", r.query().get("cursor"));
        Map<String, Object> values = new HashMap<>(Map.of("messages", List.of(), "errors", List.of()));
        values.put("next", null);
        int status = 200;
        switch (kit.api().adminRead(s, account, MESSAGES, Map.of(), query)) {
            case ConsoleApi.Ok ok -> {
                values.put("messages", Json.MAPPER.convertValue(ok.body().get("messages"), List.class));
                values.put("next", ok.body().path("next_cursor").isNull() ? null : ok.body().get("next_cursor").asText());
            }
            case ConsoleApi.Failed f -> {
                values.put("errors", f.errors());
                status = f.status();
            }
        }
        return Response.page(status, kit.pages().render("outbox", s, account, values));
    }

    private Response message(Request r, ConsoleSessions.Session s) {
        AccountStore.Account account = kit.account(r);
        return switch (kit.api().adminRead(s, account, MESSAGES + "/{id}", Map.of("id", r.pathParams().get("message_id")), Map.of())) {
            case ConsoleApi.Ok ok -> Response.page(200, kit.pages().render("outbox-message", s, account,
                    Map.of("m", Json.MAPPER.convertValue(ok.body(), Map.class))));
            case ConsoleApi.Failed f -> Response.page(f.status(), kit.pages().render("error", s, account,
                    Map.of("title", "Not found", "message", f.errors().get(0).detail())));
        };
    }

    private Response html(Request r, ConsoleSessions.Session s) {
        AccountStore.Account account = kit.account(r);
        return switch (kit.api().adminRead(s, account, MESSAGES + "/{id}", Map.of("id", r.pathParams().get("message_id")), Map.of())) {
            case ConsoleApi.Ok ok when ok.body().hasNonNull("body_html") -> Response.sandboxed(ok.body().get("body_html").asText());
            case ConsoleApi.Ok ok -> Response.page(404, kit.pages().error(s, "Not found", "This message has no HTML body."));
            case ConsoleApi.Failed f -> Response.page(f.status(), kit.pages().error(s, "Not found", f.errors().get(0).detail()));
        };
    }
}
