package dev.openprofile.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An HTTP client for tests that speaks to a real server and validates every response body against the
 * official schema of the operation it names (errors against the spec's error schema).
 */
public final class Api {
    public static final String REVISION = "2026-07-15";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final String baseUrl;
    private final String key; // null: a client (/client) caller, known by company_id, with no private key

    Api(String baseUrl, String key) {
        this.baseUrl = baseUrl;
        this.key = key;
    }

    public record Response(int status, HttpHeaders headers, JsonNode body, String text) {
        public JsonNode data() { return body.get("data"); }
        public JsonNode error() { return body.get("errors").get(0); }
    }

    public Response get(String operationId, String path) {
        return send(operationId, "GET", path, null, Map.of());
    }

    public Response post(String operationId, String path, String body) {
        return send(operationId, "POST", path, body, Map.of());
    }

    public Response patch(String operationId, String path, String body) {
        return send(operationId, "PATCH", path, body, Map.of());
    }

    public Response delete(String operationId, String path, String body) {
        return send(operationId, "DELETE", path, body, Map.of());
    }

    /**
     * Sends a request with Klaviyo's usual headers; {@code headers} overrides them (a null value removes one).
     * operationId null means the request matches no operation, so only an error document is valid.
     */
    public Response send(String operationId, String method, String path, String body, Map<String, String> headers) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("revision", REVISION);
        if (key != null) h.put("Authorization", "Klaviyo-API-Key " + key);
        h.put("Accept", "application/vnd.api+json");
        if (body != null) h.put("Content-Type", "application/vnd.api+json");
        h.putAll(headers);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        h.forEach((k, v) -> {
            if (v != null) b.header(k, v);
        });
        try {
            HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = r.body().isEmpty() ? null : JSON.readTree(r.body());
            SpecValidator validator = SpecValidator.load();
            if (operationId != null) {
                boolean sparse = path.contains("fields%5B") || path.contains("fields[");
                validator.assertValid(operationId, r.statusCode(), json, sparse);
            } else if (r.statusCode() < 400) {
                throw new AssertionError("a request outside every operation answered " + r.statusCode());
            } else {
                validator.assertValid("get_profiles", r.statusCode(), json);
            }
            if (json != null) {
                String type = r.headers().firstValue("Content-Type").orElse("");
                if (!type.startsWith("application/vnd.api+json")) {
                    throw new AssertionError("response content type is " + type);
                }
            }
            return new Response(r.statusCode(), r.headers(), json, r.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
