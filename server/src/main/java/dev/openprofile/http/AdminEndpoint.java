package dev.openprofile.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.jsonapi.ApiError;
import java.util.Map;

/**
 * An operator endpoint outside Klaviyo's API (under {@code /admin}), authenticated by the server's
 * admin key rather than an account's API key. It speaks plain JSON and Klaviyo-format errors.
 */
public record AdminEndpoint(String method, String path, Handler handler, Streaming streaming) {

    /** An endpoint with a JSON body (read whole) and a JSON answer. */
    public AdminEndpoint(String method, String path, Handler handler) {
        this(method, path, handler, null);
    }

    /** An endpoint that reads its body and writes its answer as streams (an account's export and import). */
    public static AdminEndpoint streaming(String method, String path, Streaming streaming) {
        return new AdminEndpoint(method, path, null, streaming);
    }

    /** The request: its JSON body (null without one), path parameters and query parameters. */
    public record Request(JsonNode body, Map<String, String> pathParams, Map<String, String> query) {
        /** The id of the account the {@code account} parameter names ({@code default} when absent); 404 at it for no such account. */
        public String accountId(AdminAccounts accounts) {
            return accounts.require(query.getOrDefault("account", "default"), ApiError.Source.parameter("account"));
        }

        /** The {@code limit} parameter: 100 when absent; a 400 at it unless a whole number from 1 to 1000. */
        public int limit() {
            String value = query.get("limit");
            if (value == null) return 100;
            try {
                int n = Integer.parseInt(value);
                if (n >= 1 && n <= 1000) return n;
            } catch (NumberFormatException ignored) {
                // answered below
            }
            throw ApiError.invalidParameter("limit", "'limit' must be a whole number from 1 to 1000.");
        }
    }

    @FunctionalInterface
    public interface Handler {
        ApiResponse handle(Request request);
    }

    /** Reads the body as it arrives and answers through {@link Output}; an ApiError thrown before any output is rendered. */
    @FunctionalInterface
    public interface Streaming {
        void handle(Map<String, String> query, java.io.InputStream body, Output out) throws java.io.IOException;
    }

    /** Where a streaming endpoint answers: a JSON document, or a stream of the given media type. */
    public interface Output {
        void json(int status, JsonNode body);

        java.io.OutputStream stream(String contentType) throws java.io.IOException;
    }
}
