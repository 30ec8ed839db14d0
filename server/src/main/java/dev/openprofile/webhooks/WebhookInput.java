package dev.openprofile.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.jsonapi.ApiError;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads create_webhook and update_webhook bodies, each error pointing at the member at fault. In an update a
 * null leaves the attribute as it is: Klaviyo ignores a PATCH's {@code "description": null} (observed by a live
 * SDK test, docs/compatibility.md), and the other members have nothing to clear.
 */
final class WebhookInput {
    static final String TYPE = "webhook";
    static final int MAX_NAME = 255;
    static final int MAX_DESCRIPTION = 1000;
    static final int MAX_URL = 2048;
    static final int MAX_SECRET = 255;
    private static final String BASE = "/data";
    private static final Set<String> CREATE_ATTRIBUTES = Set.of("name", "description", "endpoint_url", "secret_key");
    private static final Set<String> UPDATE_ATTRIBUTES = Set.of("name", "description", "endpoint_url", "secret_key", "enabled");

    /** What a body names; null members are not named (or null in an update). */
    record Changes(String id, String name, String description, String endpointUrl, String secretKey, Boolean enabled,
                   List<String> topics) {}

    private final boolean requireHttps;

    WebhookInput(boolean requireHttps) {
        this.requireHttps = requireHttps;
    }

    Changes create(JsonNode data) {
        envelope(data, false);
        JsonNode a = attributes(data, CREATE_ATTRIBUTES);
        String name = string(a, "name", MAX_NAME, true, false);
        String url = url(string(a, "endpoint_url", MAX_URL, true, false));
        String secret = string(a, "secret_key", MAX_SECRET, true, false);
        String description = string(a, "description", MAX_DESCRIPTION, false, true);
        List<String> topics = topics(data.get("relationships"), true);
        return new Changes(null, name, description, url, secret, null, topics);
    }

    Changes update(JsonNode data) {
        envelope(data, true);
        JsonNode a = attributes(data, UPDATE_ATTRIBUTES);
        String name = string(a, "name", MAX_NAME, false, true);
        String url = string(a, "endpoint_url", MAX_URL, false, true);
        String secret = string(a, "secret_key", MAX_SECRET, false, true);
        String description = string(a, "description", MAX_DESCRIPTION, false, true);
        Boolean enabled = null;
        JsonNode e = a.get("enabled");
        if (e != null && !e.isNull()) {
            if (!e.isBoolean()) throw ApiError.invalidPointer(BASE + "/attributes/enabled", "'enabled' must be a boolean.");
            enabled = e.asBoolean();
        }
        return new Changes(data.get("id").asText(), name, description, url == null ? null : url(url), secret, enabled,
                topics(data.get("relationships"), false));
    }

    private static void envelope(JsonNode data, boolean update) {
        if (data == null || !data.isObject()) throw ApiError.invalidPointer(BASE, "'data' must be an object.");
        Set<String> members = update ? Set.of("type", "id", "attributes", "relationships") : Set.of("type", "attributes", "relationships");
        for (var it = data.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!members.contains(key)) throw ApiError.invalidPointer(BASE + "/" + key, "'" + key + "' is not allowed here.");
        }
        if (!data.path("type").isTextual() || !data.get("type").asText().equals(TYPE)) {
            throw ApiError.invalidPointer(BASE + "/type", "'type' must be '" + TYPE + "'.");
        }
        if (update && (!data.path("id").isTextual() || data.get("id").asText().isEmpty())) {
            throw ApiError.invalidPointer(BASE + "/id", "'id' is required and must be a non-empty string.");
        }
    }

    private static JsonNode attributes(JsonNode data, Set<String> allowed) {
        JsonNode a = data.get("attributes");
        if (a == null || !a.isObject()) throw ApiError.invalidPointer(BASE + "/attributes", "'attributes' must be an object.");
        for (var it = a.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                throw ApiError.invalidPointer(BASE + "/attributes/" + key, "'" + key + "' is not a valid field for the resource 'webhook'.");
            }
        }
        return a;
    }

    /** A string attribute; null when absent, or when null and {@code nullAbsent}. */
    private static String string(JsonNode a, String name, int max, boolean required, boolean nullAbsent) {
        String pointer = BASE + "/attributes/" + name;
        JsonNode v = a.get(name);
        if (v == null || (v.isNull() && nullAbsent)) {
            if (required) throw ApiError.invalidPointer(pointer, "'" + name + "' is a required field.");
            return null;
        }
        if (!v.isTextual()) throw ApiError.invalidPointer(pointer, "'" + name + "' must be a string.");
        if (v.asText().isBlank() && !name.equals("description")) {
            throw ApiError.invalidPointer(pointer, "'" + name + "' must be a non-empty string.");
        }
        if (v.asText().length() > max) throw ApiError.invalidPointer(pointer, "'" + name + "' must be " + max + " characters or fewer.");
        return v.asText();
    }

    /** An absolute http(s) URL with a host; https only when the operator requires it (Klaviyo: "Must be https"). */
    private String url(String value) {
        String pointer = BASE + "/attributes/endpoint_url";
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw ApiError.invalidPointer(pointer, "'endpoint_url' must be a valid URL.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null || uri.getRawFragment() != null) {
            throw ApiError.invalidPointer(pointer, "'endpoint_url' must be an absolute https URL.");
        }
        if (requireHttps && !scheme.equals("https")) throw ApiError.invalidPointer(pointer, "'endpoint_url' must be an https URL.");
        return value;
    }

    /** The topic ids of {@code relationships.webhook-topics}, in order without repeats; null when not named. */
    private static List<String> topics(JsonNode relationships, boolean required) {
        String base = BASE + "/relationships";
        if (relationships == null || relationships.isNull()) {
            if (required) throw ApiError.invalidPointer(base, "'relationships' is a required field.");
            return null;
        }
        if (!relationships.isObject()) throw ApiError.invalidPointer(base, "'relationships' must be an object.");
        for (var it = relationships.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!key.equals("webhook-topics")) throw ApiError.invalidPointer(base + "/" + key, "'" + key + "' is not a relationship that can be set here.");
        }
        JsonNode rel = relationships.get("webhook-topics");
        if (rel == null) {
            if (required) throw ApiError.invalidPointer(base + "/webhook-topics", "'webhook-topics' is a required relationship.");
            return null;
        }
        JsonNode data = rel.isObject() ? rel.get("data") : null;
        String pointer = base + "/webhook-topics/data";
        if (data == null || !data.isArray()) throw ApiError.invalidPointer(pointer, "'data' must be an array of resource identifiers.");
        // A webhook with no topic would never be called: at least one is asked for.
        if (data.isEmpty()) throw ApiError.invalidPointer(pointer, "A webhook must subscribe to at least one topic.");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            JsonNode item = data.get(i);
            if (!item.isObject() || !WebhookTopics.TYPE.equals(item.path("type").asText(null))) {
                throw ApiError.invalidPointer(pointer + "/" + i + "/type", "'type' must be '" + WebhookTopics.TYPE + "'.");
            }
            if (!item.path("id").isTextual() || item.get("id").asText().isEmpty()) {
                throw ApiError.invalidPointer(pointer + "/" + i + "/id", "'id' must be a non-empty string.");
            }
            String id = item.get("id").asText();
            if (!WebhookTopics.exists(id)) {
                throw ApiError.invalidPointer(pointer + "/" + i + "/id", "'" + id + "' is not a webhook topic of this account.");
            }
            if (!out.contains(id)) out.add(id);
        }
        return out;
    }
}
