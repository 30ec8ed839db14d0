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
 * The account's webhook deliveries (the admin API's, read for the account), newest first with every attempt's
 * response code and time; one delivery with its payload.
 */
public final class WebhooksSection implements Console.Section {
    private static final String DELIVERIES = "/admin/webhooks/deliveries";
    private static final List<String> STATUSES = List.of("pending", "delivered", "failed", "cancelled");
    private final Console.Kit kit;

    public WebhooksSection(Console.Kit kit) {
        this.kit = kit;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                new Route("GET", Console.ACCOUNT + "/webhooks", Access.ACCOUNT, this::list),
                new Route("GET", Console.ACCOUNT + "/webhooks/{delivery_id}", Access.ACCOUNT, this::delivery));
    }

    private Response list(Request r, ConsoleSessions.Session s) {
        AccountStore.Account account = kit.account(r);
        Map<String, String> query = new HashMap<>(Map.of("limit", "100"));
        String status = r.query().getOrDefault("status", "");
        if (!status.isEmpty()) query.put("status", status);
        Map<String, Object> values = new HashMap<>(Map.of("deliveries", List.of(), "errors", List.of(), "statuses", STATUSES,
                "selected", status));
        int code = 200;
        switch (kit.api().adminRead(s, account, DELIVERIES, Map.of(), query)) {
            case ConsoleApi.Ok ok -> values.put("deliveries", Json.MAPPER.convertValue(ok.body().get("deliveries"), List.class));
            case ConsoleApi.Failed f -> {
                values.put("errors", f.errors());
                code = f.status();
            }
        }
        return Response.page(code, kit.pages().render("webhooks", s, account, values));
    }

    private Response delivery(Request r, ConsoleSessions.Session s) {
        AccountStore.Account account = kit.account(r);
        return switch (kit.api().adminRead(s, account, DELIVERIES + "/{id}", Map.of("id", r.pathParams().get("delivery_id")), Map.of())) {
            case ConsoleApi.Ok ok -> Response.page(200, kit.pages().render("webhook-delivery", s, account,
                    Map.of("d", Json.MAPPER.convertValue(ok.body(), Map.class), "payload", ok.body().get("payload").toPrettyString())));
            case ConsoleApi.Failed f -> Response.page(f.status(), kit.pages().render("error", s, account,
                    Map.of("title", "Not found", "message", f.errors().get(0).detail())));
        };
    }
}
