package dev.openprofile.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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

/**
 * An account's private keys and settings ({@code /console/accounts/{id}/keys}): the keys as the admin API lists them
 * (never a key itself), creating one (the new key is on the page that answers the POST, the one time it is shown)
 * and revoking one; the settings shown to both kinds of login, changed by the operator only (PATCH of the admin API).
 */
public final class KeysSection implements Console.Section {
    private static final String KEYS = "/admin/accounts/{name}/keys";
    /** The settings the form changes: the text ones, then the ones chosen from a list. */
    private static final List<String> TEXT_SETTINGS = List.of("timezone", "preferred_currency", "locale", "industry");
    private static final List<String> CHOSEN_SETTINGS = List.of("default_opt_in", "unsubscribe_scope");
    private static final List<String> SWITCHES = List.of("test_account", "sms_age_gate");
    private final Console.Kit kit;

    public KeysSection(Console.Kit kit) {
        this.kit = kit;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                new Route("GET", Console.ACCOUNT + "/keys", Access.ACCOUNT, (r, s) -> page(r, s, 200, Map.of())),
                new Route("POST", Console.ACCOUNT + "/keys", Access.ACCOUNT, this::create),
                new Route("POST", Console.ACCOUNT + "/keys/{key_id}/revoke", Access.ACCOUNT, this::revoke),
                new Route("POST", Console.ACCOUNT + "/settings", Access.OPERATOR, this::settings));
    }

    private Response create(Request r, ConsoleSessions.Session s) {
        if (!s.managesKeys()) return refused(s);
        ObjectNode body = Json.MAPPER.createObjectNode();
        String label = r.form().getOrDefault("label", "").strip();
        if (!label.isEmpty()) body.put("label", label);
        if ("list".equals(r.form().get("scope_kind"))) {
            ArrayNode scopes = body.putArray("scopes");
            for (String scope : r.form().getOrDefault("scopes", "").split("[\\s,]+")) if (!scope.isEmpty()) scopes.add(scope);
        }
        return switch (kit.api().ownAccount(s, kit.account(r), "POST", KEYS, Map.of(), body)) {
            // The key is on this answer only: no redirect, no session state, so a reload or the back button cannot show it again.
            case ConsoleApi.Ok ok -> page(r, s, 201, Map.of("created", Json.MAPPER.convertValue(ok.body(), Map.class)));
            case ConsoleApi.Failed f -> page(r, s, f.status(), Map.of("errors", f.errors()));
        };
    }

    private Response revoke(Request r, ConsoleSessions.Session s) {
        if (!s.managesKeys()) return refused(s);
        return switch (kit.api().ownAccount(s, kit.account(r), "DELETE", KEYS + "/{key_id}",
                Map.of("key_id", r.pathParams().get("key_id")), null)) {
            // Revoking the key this session logged in with ends the session: the next page is the login form.
            case ConsoleApi.Ok ok -> Response.redirect(Console.accountPath(kit.account(r).accountId()) + "/keys", List.of());
            case ConsoleApi.Failed f -> page(r, s, f.status(), Map.of("errors", f.errors()));
        };
    }

    private Response refused(ConsoleSessions.Session s) {
        return Response.page(403, kit.pages().error(s, "Forbidden",
                "Creating and revoking keys needs a login with a key of every scope: a narrower key must not make a wider one."));
    }

    private Response settings(Request r, ConsoleSessions.Session s) {
        var account = kit.accounts().accountById(r.pathParams().get("account_id"));
        if (account.isEmpty()) return Response.page(404, kit.pages().error(s, "Not found", "There is no such account."));
        ObjectNode patch = Json.MAPPER.createObjectNode();
        for (String name : TEXT_SETTINGS) {
            String value = r.form().getOrDefault(name, "").strip();
            if (!value.isEmpty()) patch.put(name, value);
        }
        for (String name : CHOSEN_SETTINGS) if (r.form().containsKey(name)) patch.put(name, r.form().get(name));
        for (String name : SWITCHES) if (r.form().containsKey(name)) patch.put(name, "true".equals(r.form().get(name)));
        return switch (kit.api().admin(s, "PATCH", "/admin/accounts/{name}", Map.of("name", account.get().name()), Map.of(), patch)) {
            case ConsoleApi.Ok ok -> Response.redirect(Console.accountPath(account.get().accountId()) + "/keys?saved=1", List.of());
            case ConsoleApi.Failed f -> page(r, s, f.status(), Map.of("errors", f.errors()));
        };
    }

    private Response page(Request r, ConsoleSessions.Session s, int status, Map<String, Object> extra) {
        AccountStore.Account account = kit.account(r);
        Map<String, Object> values = new HashMap<>(extra);
        values.putIfAbsent("errors", List.of());
        values.putIfAbsent("created", null);
        values.put("saved", r.query().containsKey("saved"));
        values.put("managesKeys", s.managesKeys());
        switch (kit.api().ownAccount(s, account, "GET", KEYS, Map.of(), null)) {
            case ConsoleApi.Ok ok -> values.put("keys", Json.MAPPER.convertValue(ok.body().get("keys"), List.class));
            case ConsoleApi.Failed f -> throw new IllegalStateException("the account's keys: " + f.errors());
        }
        switch (kit.api().ownAccount(s, account, "GET", "/admin/accounts/{name}", Map.of(), null)) {
            case ConsoleApi.Ok ok -> values.put("settings", settings(ok.body()));
            case ConsoleApi.Failed f -> throw new IllegalStateException("the account's settings: " + f.errors());
        }
        return Response.page(status, kit.pages().render("keys", s, account, values));
    }

    /** The settings as name-value pairs in the form's order (a template reads a JsonNode's fields poorly). */
    private static Map<String, String> settings(JsonNode account) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String name : TEXT_SETTINGS) out.put(name, account.path(name).isNull() ? "" : account.path(name).asText());
        for (String name : CHOSEN_SETTINGS) out.put(name, account.path(name).asText());
        for (String name : SWITCHES) out.put(name, account.path(name).asText());
        return out;
    }
}
