package dev.openprofile.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.auth.Principal;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Operation;
import dev.openprofile.jsonapi.Query;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A request that passed the protocol checks: authenticated, query validated, body parsed (JSON into
 * {@code body}; a multipart form, for the few operations that take one, into {@code form}; the other null).
 */
public record ApiRequest(Principal principal, Operation operation, Map<String, String> pathParams,
                         Query query, JsonNode body, MultipartForm form, String path, UnaryOperator<String> headers) {

    /** A request header (null when absent), for the few operations that take a parameter there (geofences' filter). */
    public String header(String name) {
        return headers.apply(name);
    }

    public String accountId() {
        return principal.accountId();
    }

    public String pathParam(String name) {
        String v = pathParams.get(name);
        if (v == null) throw new IllegalStateException("route has no path parameter " + name);
        return v;
    }

    /** The body's {@code data} member, which every JSON:API request body must have. */
    public JsonNode data() {
        if (body == null || !body.isObject() || !body.has("data")) {
            throw ApiError.invalidPointer("/data", "The payload provided in the request is invalid: 'data' is required.");
        }
        return body.get("data");
    }
}
