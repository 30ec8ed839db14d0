package dev.openprofile.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.jsonapi.ApiError;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Checks the admin key (constant-time), parses the JSON body, and writes the handler's answer. */
final class AdminGate {
    private final Optional<byte[]> key;

    AdminGate(Optional<String> adminKey) {
        this.key = adminKey.map(k -> k.getBytes(StandardCharsets.UTF_8));
    }

    void handle(Context ctx, AdminEndpoint endpoint) {
        // Off, the admin API is not there at all (issue 13): a 404, which says how to turn it on.
        if (key.isEmpty()) {
            throw new ApiError(404, "not_found", "Not found.",
                    "The admin API is disabled: start the server with OPENPROFILE_ADMIN_KEY set.", null, null);
        }
        String header = Optional.ofNullable(ctx.header("Authorization")).orElse("");
        byte[] given = header.startsWith("Bearer ") ? header.substring(7).getBytes(StandardCharsets.UTF_8) : new byte[0];
        if (!MessageDigest.isEqual(given, key.get())) {
            throw new ApiError(401, "not_authenticated", "Authentication credentials were not provided.",
                    "Send the admin key as 'Authorization: Bearer <key>'.", null, null);
        }
        if (endpoint.streaming() != null) {
            stream(ctx, endpoint.streaming());
            return;
        }
        byte[] bytes = RequestBody.bytes(ctx);
        JsonNode body = new String(bytes, StandardCharsets.UTF_8).isBlank() ? null : RequestBody.parse(bytes, "/");
        Map<String, String> query = new HashMap<>();
        ctx.queryParamMap().forEach((k, v) -> query.put(k, v.get(0)));
        ApiResponse response = endpoint.handler().handle(new AdminEndpoint.Request(body, ctx.pathParamMap(), query));
        ctx.status(response.status()).contentType("application/json").result(response.body() == null ? "" : response.body().toString());
    }

    /** The body is read as it arrives (an import can be far larger than any JSON request) and the answer streamed. */
    private static void stream(Context ctx, AdminEndpoint.Streaming handler) {
        Map<String, String> query = new HashMap<>();
        ctx.queryParamMap().forEach((k, v) -> query.put(k, v.get(0)));
        try {
            handler.handle(query, ctx.req().getInputStream(), new AdminEndpoint.Output() {
                public void json(int status, JsonNode body) {
                    ctx.status(status).contentType("application/json").result(body.toString());
                }

                public java.io.OutputStream stream(String contentType) throws java.io.IOException {
                    ctx.status(200).contentType(contentType);
                    return ctx.res().getOutputStream();
                }
            });
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            // The body broke off, or the client went away mid-answer (then this answer reaches no one).
            throw JettyErrorHandler.brokenBody();
        }
    }
}
