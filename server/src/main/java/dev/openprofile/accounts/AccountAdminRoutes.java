package dev.openprofile.accounts;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.http.AdminEndpoint;
import dev.openprofile.http.ApiResponse;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Json;
import java.util.List;

/**
 * The operator's accounts over HTTP: {@code GET /admin/accounts}, {@code POST /admin/accounts} (body: the
 * new account's {@code name} and any settings), {@code GET} and {@code PATCH /admin/accounts/{name}} (body:
 * the settings to change, e.g. {@code {"unsubscribe_scope": "list", "timezone": "Europe/Paris"}}).
 */
public final class AccountAdminRoutes {
    private final AccountSettingsService service;

    public AccountAdminRoutes(AccountSettingsService service) {
        this.service = service;
    }

    public List<AdminEndpoint> endpoints() {
        return List.of(
                new AdminEndpoint("GET", "/admin/accounts", r -> {
                    ObjectNode out = Json.MAPPER.createObjectNode();
                    ArrayNode accounts = out.putArray("accounts");
                    service.all().forEach(a -> accounts.add(AccountSettingsService.json(a)));
                    return ApiResponse.ok(out);
                }),
                new AdminEndpoint("POST", "/admin/accounts", r -> {
                    if (r.body() == null || !r.body().isObject() || !r.body().path("name").isTextual()) {
                        throw ApiError.invalidPointer("/name", "A new account needs a 'name' (a string).");
                    }
                    ObjectNode settings = ((ObjectNode) r.body()).deepCopy();
                    String name = settings.remove("name").asText();
                    return ApiResponse.created(AccountSettingsService.json(service.create(name, settings)));
                }),
                new AdminEndpoint("GET", "/admin/accounts/{name}",
                        r -> ApiResponse.ok(AccountSettingsService.json(service.get(r.pathParams().get("name"))))),
                new AdminEndpoint("PATCH", "/admin/accounts/{name}",
                        r -> ApiResponse.ok(AccountSettingsService.json(service.update(r.pathParams().get("name"), r.body())))));
    }
}
