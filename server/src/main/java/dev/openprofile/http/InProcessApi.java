package dev.openprofile.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.auth.Authenticator;
import dev.openprofile.auth.Principal;
import dev.openprofile.jsonapi.Operation;
import dev.openprofile.jsonapi.OperationCatalog;
import dev.openprofile.jsonapi.Query;
import dev.openprofile.jsonapi.QueryParser;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The API and the admin API called from inside the server (the web console), through the very endpoints HTTP
 * requests reach: the same query validation, scope checks, handlers and errors ({@link dev.openprofile.jsonapi.ApiError}
 * or {@link dev.openprofile.jsonapi.ApiErrors} thrown), so a page never holds a second implementation of an operation.
 * Only the wire is skipped: no revision header, rate limit, fault injection or journal entry.
 */
public final class InProcessApi {
    private final OperationCatalog catalog;
    private final Map<String, Endpoint> endpoints = new HashMap<>();
    private final Map<String, AdminEndpoint> admin = new HashMap<>();

    public InProcessApi(OperationCatalog catalog, List<Endpoint> endpoints, List<AdminEndpoint> admin) {
        this.catalog = catalog;
        for (Endpoint e : endpoints) this.endpoints.put(e.operationId(), e);
        for (AdminEndpoint e : admin) this.admin.put(e.method() + " " + e.path(), e);
    }

    /**
     * Calls one operation as {@code principal}.
     *
     * @param query the query parameters in order, as a URL would carry them (filter, sort, page[cursor], ...)
     * @param body  a JSON:API request body, or null for an operation without one
     */
    public ApiResponse call(Principal principal, String operationId, Map<String, String> pathParams,
                            List<Map.Entry<String, String>> query, JsonNode body) throws Exception {
        Endpoint endpoint = endpoints.get(operationId);
        if (endpoint == null) throw new IllegalArgumentException("no endpoint serves " + operationId);
        Operation op = catalog.get(operationId);
        Authenticator.requireScopes(principal, op.scopes());
        Query parsed = QueryParser.parse(op, query, endpoint.defaultSort());
        for (String include : parsed.include()) {
            catalog.readScopeForInclude(include).ifPresent(s -> Authenticator.requireScopes(principal, List.of(s)));
        }
        String path = op.path();
        for (Map.Entry<String, String> p : pathParams.entrySet()) path = path.replace("{" + p.getKey() + "}", p.getValue());
        return endpoint.call(new ApiRequest(principal, op, pathParams, parsed, body, null, path, name -> null));
    }

    /** Calls one admin endpoint, named by its method and path template as it is registered ({@code /admin/...}). */
    public ApiResponse admin(String method, String pathTemplate, Map<String, String> pathParams, Map<String, String> query,
                             JsonNode body) {
        AdminEndpoint endpoint = admin.get(method + " " + pathTemplate);
        if (endpoint == null || endpoint.handler() == null) {
            throw new IllegalArgumentException("no admin endpoint " + method + " " + pathTemplate);
        }
        return endpoint.handler().handle(new AdminEndpoint.Request(body, pathParams, query));
    }

    /** Calls a streaming admin endpoint (an account's export), its answer written to {@code out}. */
    public void adminStream(String method, String pathTemplate, Map<String, String> query, java.io.InputStream body,
                            AdminEndpoint.Output out) throws java.io.IOException {
        AdminEndpoint endpoint = admin.get(method + " " + pathTemplate);
        if (endpoint == null || endpoint.streaming() == null) {
            throw new IllegalArgumentException("no streaming admin endpoint " + method + " " + pathTemplate);
        }
        endpoint.streaming().handle(query, body, out);
    }
}
