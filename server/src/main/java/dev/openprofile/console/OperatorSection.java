package dev.openprofile.console;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.auth.AccountStore;
import dev.openprofile.console.Console.Access;
import dev.openprofile.console.Console.Route;
import dev.openprofile.http.SessionPageRoute.Request;
import dev.openprofile.http.SessionPageRoute.Response;
import dev.openprofile.jsonapi.Json;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The operator's controls, each a page over the admin API's own endpoint: the request journal of an account (live),
 * the server's clock, and an account's reset and export (fault injection: {@link OperatorFaults}).
 */
public final class OperatorSection implements Console.Section {
    /** The journal's rows on the page: the newest, enough for a developer watching their client's requests. */
    private static final int JOURNAL_ROWS = 100;
    private final Console.Kit kit;

    public OperatorSection(Console.Kit kit) {
        this.kit = kit;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                new Route("GET", "/console/journal", Access.OPERATOR, this::journal),
                new Route("GET", "/console/clock", Access.OPERATOR, (r, s) -> clock(s, 200, List.of())),
                new Route("POST", "/console/clock", Access.OPERATOR, this::setClock),
                new Route("POST", "/console/clock/real", Access.OPERATOR, (r, s) -> clockChanged(s,
                        kit.api().admin(s, "DELETE", "/admin/clock", Map.of(), Map.of(), null))),
                new Route("POST", Console.ACCOUNT + "/reset", Access.OPERATOR, this::reset),
                new Route("GET", Console.ACCOUNT + "/export", Access.OPERATOR, this::export));
    }

    private Response journal(Request r, ConsoleSessions.Session s) {
        List<AccountStore.Account> accounts = kit.accounts().accounts();
        String name = r.query().getOrDefault("account", AccountStore.DEFAULT_ACCOUNT);
        Map<String, Object> values = new HashMap<>(Map.of("accounts", accounts, "selected", name, "entries", List.of(), "errors", List.of()));
        int status = 200;
        // Every kept request is asked for (a limit above a small journal's size would be refused), the newest shown.
        switch (kit.api().admin(s, "GET", "/admin/requests", Map.of(), Map.of("account", name), null)) {
            case ConsoleApi.Ok ok -> values.put("entries", Json.MAPPER.convertValue(ok.body().get("data"), List.class)
                    .stream().limit(JOURNAL_ROWS).toList());
            case ConsoleApi.Failed f -> {
                values.put("errors", f.errors());
                status = f.status();
            }
        }
        return Response.page(status, kit.pages().render("journal", s, values));
    }

    private Response setClock(Request r, ConsoleSessions.Session s) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        String now = r.form().getOrDefault("now", "").strip();
        String advance = r.form().getOrDefault("advance_seconds", "").strip();
        if (!now.isEmpty()) body.put("now", now);
        if (!advance.isEmpty()) {
            try {
                body.put("advance_seconds", Long.parseLong(advance));
            } catch (NumberFormatException e) {
                body.put("advance_seconds", advance);
            }
        }
        return clockChanged(s, kit.api().admin(s, "POST", "/admin/clock", Map.of(), Map.of(), body));
    }

    /** After a change: back to the clock's page (POST-redirect-GET), or the page with the admin API's error. */
    private Response clockChanged(ConsoleSessions.Session s, ConsoleApi.Result result) {
        return switch (result) {
            case ConsoleApi.Ok ok -> Response.redirect("/console/clock", List.of());
            case ConsoleApi.Failed f -> clock(s, f.status(), f.errors());
        };
    }

    private Response clock(ConsoleSessions.Session s, int status, List<ConsoleApi.Shown> errors) {
        return switch (kit.api().admin(s, "GET", "/admin/clock", Map.of(), Map.of(), null)) {
            case ConsoleApi.Ok ok -> Response.page(status, kit.pages().render("clock", s, Map.of("now", ok.body().get("now").asText(),
                    "frozen", ok.body().get("frozen").asBoolean(), "errors", errors)));
            case ConsoleApi.Failed f -> throw new IllegalStateException("the clock: " + f.errors());
        };
    }

    private Response reset(Request r, ConsoleSessions.Session s) {
        Optional<AccountStore.Account> account = account(r);
        if (account.isEmpty()) return missing(s);
        ObjectNode body = Json.MAPPER.createObjectNode().put("account", account.get().name());
        return switch (kit.api().admin(s, "POST", "/admin/reset", Map.of(), Map.of(), body)) {
            case ConsoleApi.Ok ok -> Response.page(200, kit.pages().render("reset", s, account.get(),
                    Map.of("deleted", deleted(ok.body().get("deleted")))));
            case ConsoleApi.Failed f -> Response.page(f.status(), kit.pages().render("error", s, account.get(),
                    Map.of("title", "Reset failed", "message", f.errors().get(0).detail())));
        };
    }

    /** What a reset deleted, the kinds it found none of left out. */
    private static Map<String, Long> deleted(com.fasterxml.jackson.databind.JsonNode counts) {
        Map<String, Long> out = new java.util.TreeMap<>();
        counts.properties().forEach(e -> {
            if (e.getValue().asLong() > 0) out.put(e.getKey(), e.getValue().asLong());
        });
        return out;
    }

    private Response export(Request r, ConsoleSessions.Session s) {
        Optional<AccountStore.Account> account = account(r);
        if (account.isEmpty()) return missing(s);
        return switch (kit.api().adminText(s, "/admin/export", Map.of("account", account.get().name()))) {
            case ConsoleApi.Ok ok -> Response.download(account.get().name() + ".ndjson", "application/x-ndjson", ok.body().asText());
            case ConsoleApi.Failed f -> Response.page(f.status(), kit.pages().render("error", s, account.get(),
                    Map.of("title", "Export failed", "message", f.errors().get(0).detail())));
        };
    }

    /** An operator route's account (the guard checks an account route's only for an account login). */
    private Optional<AccountStore.Account> account(Request r) {
        return kit.accounts().accountById(r.pathParams().get("account_id"));
    }

    private Response missing(ConsoleSessions.Session s) {
        return Response.page(404, kit.pages().error(s, "Not found", "There is no such account."));
    }
}
