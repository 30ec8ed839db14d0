package dev.openprofile.console;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.console.Console.Access;
import dev.openprofile.console.Console.Route;
import dev.openprofile.http.SessionPageRoute.Request;
import dev.openprofile.http.SessionPageRoute.Response;
import dev.openprofile.jsonapi.Json;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fault injection ({@code /console/faults}): the admin API's faults listed, added from a form with the fields
 * {@code POST /admin/faults} takes (a bad one answered with its error and pointer), removed one by one or all at once.
 */
public final class OperatorFaults implements Console.Section {
    /** The form's number fields: sent as numbers when they read as one, else as typed, for the API to refuse. */
    private static final List<String> NUMBERS = List.of("status", "rate", "count", "latency_ms");
    private final Console.Kit kit;

    public OperatorFaults(Console.Kit kit) {
        this.kit = kit;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                new Route("GET", "/console/faults", Access.OPERATOR, (r, s) -> faults(s, 200, List.of())),
                new Route("POST", "/console/faults", Access.OPERATOR, this::addFault),
                new Route("POST", "/console/faults/{id}/remove", Access.OPERATOR, (r, s) -> afterFaults(s,
                        kit.api().admin(s, "DELETE", "/admin/faults/{id}", Map.of("id", r.pathParams().get("id")), Map.of(), null))),
                new Route("POST", "/console/faults/clear", Access.OPERATOR, (r, s) -> afterFaults(s,
                        kit.api().admin(s, "DELETE", "/admin/faults", Map.of(), Map.of(), null))));
    }

    private Response faults(ConsoleSessions.Session s, int status, List<ConsoleApi.Shown> errors) {
        Map<String, Object> values = new HashMap<>(Map.of("errors", errors, "accounts", kit.accounts().accounts()));
        switch (kit.api().admin(s, "GET", "/admin/faults", Map.of(), Map.of(), null)) {
            case ConsoleApi.Ok ok -> values.put("faults", Json.MAPPER.convertValue(ok.body().get("data"), List.class));
            case ConsoleApi.Failed f -> throw new IllegalStateException("the faults: " + f.errors());
        }
        return Response.page(status, kit.pages().render("faults", s, values));
    }

    private Response addFault(Request r, ConsoleSessions.Session s) {
        ObjectNode fault = Json.MAPPER.createObjectNode();
        for (String name : List.of("account", "operation")) {
            String value = r.form().getOrDefault(name, "").strip();
            if (!value.isEmpty()) fault.put(name, value);
        }
        for (String name : NUMBERS) {
            String value = r.form().getOrDefault(name, "").strip();
            if (value.isEmpty()) continue;
            try {
                fault.put(name, Long.parseLong(value));
            } catch (NumberFormatException notWhole) {
                try {
                    fault.put(name, Double.parseDouble(value));
                } catch (NumberFormatException notNumber) {
                    fault.put(name, value); // the API says what the field must be, pointing at it
                }
            }
        }
        return afterFaults(s, kit.api().admin(s, "POST", "/admin/faults", Map.of(), Map.of(), fault));
    }

    private Response afterFaults(ConsoleSessions.Session s, ConsoleApi.Result result) {
        return switch (result) {
            case ConsoleApi.Ok ok -> Response.redirect("/console/faults", List.of());
            case ConsoleApi.Failed f -> faults(s, f.status(), f.errors());
        };
    }
}
