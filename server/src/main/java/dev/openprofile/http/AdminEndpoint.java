package dev.openprofile.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * An operator endpoint outside Klaviyo's API (under {@code /admin}), authenticated by the server's
 * admin key rather than an account's API key. It speaks plain JSON and Klaviyo-format errors.
 */
public record AdminEndpoint(String method, String path, Handler handler) {

    /** The request: its JSON body (null without one), path parameters and query parameters. */
    public record Request(JsonNode body, Map<String, String> pathParams, Map<String, String> query) {}

    @FunctionalInterface
    public interface Handler {
        ApiResponse handle(Request request);
    }
}
