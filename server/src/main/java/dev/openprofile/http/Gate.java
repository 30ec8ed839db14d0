package dev.openprofile.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.auth.Authenticator;
import dev.openprofile.auth.Principal;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Operation;
import dev.openprofile.jsonapi.OperationCatalog;
import dev.openprofile.jsonapi.Query;
import dev.openprofile.jsonapi.QueryParser;
import io.javalin.http.Context;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The protocol checks every API request passes, in Klaviyo's order: revision, authentication, rate limit,
 * scopes, query, content type and size, then the handler.
 */
final class Gate {
    private final Revision revision;
    private final Authenticator authenticator;
    private final OperationCatalog catalog;
    private final FaultInjection faults;
    private final Throttle throttle;

    Gate(Revision revision, Authenticator authenticator, OperationCatalog catalog, FaultInjection faults, Throttle throttle) {
        this.revision = revision;
        this.authenticator = authenticator;
        this.catalog = catalog;
        this.faults = faults;
        this.throttle = throttle;
    }

    void handle(Context ctx, Operation op, Endpoint endpoint) throws Exception {
        revision.check(ctx.header("revision"));
        Principal principal = authenticator.authenticate(ctx.header("Authorization"));
        List<Map.Entry<String, String>> params = rawQuery(ctx.queryString());
        throttle.check(ctx, principal.accountId(), op, params);
        Authenticator.requireScopes(principal, op.scopes());
        faults.authenticated(ctx, principal.accountId(), op.id());
        Query query = QueryParser.parse(op, params, endpoint.defaultSort());
        for (String include : query.include()) {
            catalog.readScopeForInclude(include).ifPresent(s -> Authenticator.requireScopes(principal, java.util.List.of(s)));
        }
        MultipartForm form = op.hasBody() && endpoint.form() ? MultipartForm.read(ctx, endpoint.maxBodyBytes()) : null;
        JsonNode body = op.hasBody() && !endpoint.form() ? body(ctx, endpoint.maxBodyBytes()) : null;
        ApiResponse response = endpoint.call(
                new ApiRequest(principal, op, ctx.pathParamMap(), query, body, form, ctx.path(), ctx::header));
        HttpServer.writeJson(ctx, response.status(), response.body());
    }

    static JsonNode body(Context ctx, int maxBytes) {
        RequestBody.requireJson(ctx);
        // Read the whole body before answering, even when it is too large: a reply sent while the
        // client is still sending makes the connection reset under it, and the 413 never arrives.
        byte[] bytes = RequestBody.bytes(ctx);
        if (bytes.length > maxBytes) throw tooLarge(maxBytes);
        JsonNode node = RequestBody.parse(bytes, "/data");
        if (node == null || !node.isObject()) {
            throw ApiError.invalidPointer("/data", "The payload provided in the request is invalid: expected a JSON object.");
        }
        return node;
    }

    static ApiError tooLarge(int maxBytes) {
        String limit = maxBytes >= 1024 * 1024 ? (maxBytes / (1024 * 1024)) + "MB" : (maxBytes / 1024) + "KB";
        return new ApiError(413, "request_too_large", "Payload too large.",
                "The maximum allowed payload size is " + limit + ".", ApiError.Source.pointer("/data"), null);
    }

    /** The query string in order, duplicates kept, so that validation sees repeats and links replay it. */
    static List<Map.Entry<String, String>> rawQuery(String queryString) {
        List<Map.Entry<String, String>> params = new ArrayList<>();
        if (queryString == null || queryString.isEmpty()) return params;
        for (String pair : queryString.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (name.indexOf('\0') >= 0 || value.indexOf('\0') >= 0) {
                throw ApiError.invalidParameter(name.replace('\0', '?'), "A query parameter cannot contain the NUL character (%00).");
            }
            params.add(new AbstractMap.SimpleImmutableEntry<>(name, value));
        }
        return params;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiError.invalidParameter(s, "Malformed percent-encoding in the query string.");
        }
    }
}
