package dev.openprofile.accounts;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.http.AdminEndpoint;
import dev.openprofile.http.ApiResponse;
import dev.openprofile.jsonapi.Json;
import java.util.List;

/**
 * The operator's account settings over HTTP: {@code GET /admin/accounts}, {@code GET} and {@code PATCH
 * /admin/accounts/{name}} (body: {@code {"unsubscribe_scope": "global" | "list"}}).
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
                new AdminEndpoint("GET", "/admin/accounts/{name}",
                        r -> ApiResponse.ok(AccountSettingsService.json(service.get(r.pathParams().get("name"))))),
                new AdminEndpoint("PATCH", "/admin/accounts/{name}",
                        r -> ApiResponse.ok(AccountSettingsService.json(service.update(r.pathParams().get("name"), r.body())))));
    }
}
