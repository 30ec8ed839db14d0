package dev.openprofile.pushtokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.profiles.ProfileChanges;
import dev.openprofile.profiles.ProfileInput;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the push-token shapes of requests, every error pointing at the member at fault: a token
 * registration (create_push_token, create_client_push_token, and consent's {@code PushTokenEntry}) and an
 * unregistration (unregister_client_push_token).
 */
public final class PushTokenInput {
    /** Longer tokens than any APNs or FCM token; the bound keeps the value within its unique index's limit. */
    static final int MAX_TOKEN = 1024;
    static final List<String> PLATFORMS = List.of("android", "ios");
    static final List<String> VENDORS = List.of("apns", "fcm");
    static final List<String> ENABLEMENT = List.of("AUTHORIZED", "DENIED", "NOT_DETERMINED", "PROVISIONAL", "UNAUTHORIZED");
    static final List<String> BACKGROUND = List.of("AVAILABLE", "DENIED", "RESTRICTED");
    /** The spec's DeviceMetadata members: null allows any string, a list the only values allowed. */
    static final Map<String, List<String>> METADATA = metadata();

    private PushTokenInput() {}

    /**
     * A token as one registration states it: its whole state, the spec's defaults (AUTHORIZED, AVAILABLE)
     * standing in for what it leaves out or nulls, and no metadata when none is given.
     */
    public record Registration(String token, String platform, String vendor, String enablementStatus,
                               String background, ObjectNode metadata) {}

    /** create_push_token's body: the registration and its profile, upserted by the shared rules. */
    public record Create(Registration registration, ProfileChanges profile) {}

    /** unregister_client_push_token's body: the token and the profile it is taken from. */
    public record Unregister(String token, ProfileChanges profile) {}

    /** Where the request comes from: a client (/client) change never changes a profile's identifiers. */
    enum Side { SERVER, CLIENT }

    static Create create(JsonNode data, Side side) {
        JsonNode attributes = resource(data, "push-token");
        String base = "/data/attributes";
        Registration r = registration(attributes, base, "device_metadata");
        return new Create(r, profile(attributes, base, side));
    }

    static Unregister unregister(JsonNode data) {
        JsonNode attributes = resource(data, "push-token-unregister");
        String base = "/data/attributes";
        String token = token(attributes, base);
        choice(attributes, "platform", PLATFORMS, base, true);
        choice(attributes, "vendor", VENDORS, base, false);
        return new Unregister(token, profile(attributes, base, Side.CLIENT));
    }

    /** One {@code PushTokenEntry} of a consent request (subscriptions.push.tokens[i]) at {@code base}. */
    public static Registration entry(JsonNode entry, String base) {
        if (entry == null || !entry.isObject()) throw ApiError.invalidPointer(base, "Each push token must be an object.");
        return registration(entry, base, "device_metadata");
    }

    private static JsonNode resource(JsonNode data, String type) {
        if (data == null || !data.isObject()) throw ApiError.invalidPointer("/data", "'data' must be an object.");
        if (!type.equals(data.path("type").asText(null)) || !data.path("type").isTextual()) {
            throw ApiError.invalidPointer("/data/type", "'type' must be '" + type + "'.");
        }
        JsonNode attributes = data.get("attributes");
        if (attributes == null || !attributes.isObject()) {
            throw ApiError.invalidPointer("/data/attributes", "'attributes' must be an object.");
        }
        return attributes;
    }

    private static Registration registration(JsonNode a, String base, String metadataKey) {
        String token = token(a, base);
        String platform = choice(a, "platform", PLATFORMS, base, true);
        String vendor = choice(a, "vendor", VENDORS, base, true);
        String enablement = choice(a, "enablement_status", ENABLEMENT, base, false);
        String background = choice(a, "background", BACKGROUND, base, false);
        return new Registration(token, platform, vendor, enablement == null ? "AUTHORIZED" : enablement,
                background == null ? "AVAILABLE" : background, metadata(a.get(metadataKey), base + "/" + metadataKey));
    }

    private static String token(JsonNode a, String base) {
        JsonNode v = a.get("token");
        String pointer = base + "/token";
        if (v == null || v.isNull()) throw ApiError.invalidPointer(pointer, "'token' is required.");
        if (!v.isTextual() || v.asText().isBlank()) throw ApiError.invalidPointer(pointer, "'token' must be a non-empty string.");
        if (v.asText().length() > MAX_TOKEN) {
            throw ApiError.invalidPointer(pointer, "'token' may be at most " + MAX_TOKEN + " characters.");
        }
        return v.asText();
    }

    /** A string member that must be one of {@code allowed}; null when optional and absent or null. */
    private static String choice(JsonNode a, String key, List<String> allowed, String base, boolean required) {
        JsonNode v = a.get(key);
        String pointer = base + "/" + key;
        if (v == null || v.isNull()) {
            if (required) throw ApiError.invalidPointer(pointer, "'" + key + "' is required.");
            return null;
        }
        if (!v.isTextual() || !allowed.contains(v.asText())) {
            throw ApiError.invalidPointer(pointer, "'" + key + "' must be one of: " + String.join(", ", allowed) + ".");
        }
        return v.asText();
    }

    private static ObjectNode metadata(JsonNode v, String pointer) {
        if (v == null || v.isNull()) return null;
        if (!v.isObject()) throw ApiError.invalidPointer(pointer, "'device_metadata' must be an object.");
        ObjectNode out = Json.MAPPER.createObjectNode();
        for (var e : v.properties()) {
            String p = pointer + "/" + e.getKey();
            if (!METADATA.containsKey(e.getKey())) {
                throw ApiError.invalidPointer(p, "'" + e.getKey() + "' is not a device metadata field.");
            }
            JsonNode value = e.getValue();
            if (value.isNull()) continue;
            List<String> allowed = METADATA.get(e.getKey());
            if (!value.isTextual() || allowed != null && !allowed.contains(value.asText())) {
                throw ApiError.invalidPointer(p, "'" + e.getKey() + "' must be "
                        + (allowed == null ? "a string." : "one of: " + String.join(", ", allowed) + "."));
            }
            out.set(e.getKey(), value);
        }
        return out;
    }

    /**
     * The token's profile ({@code attributes.profile.data}). The push-token shape carries {@code meta} inside
     * the profile's attributes (semantics §10); the upsert rules read it at the resource's top.
     */
    private static ProfileChanges profile(JsonNode attributes, String base, Side side) {
        String pointer = base + "/profile/data";
        JsonNode p = attributes.path("profile").get("data");
        if (p == null || !p.isObject()) throw ApiError.invalidPointer(pointer, "'profile.data' is required.");
        ObjectNode copy = p.deepCopy();
        if (!(copy.get("attributes") instanceof ObjectNode a) || !a.has("meta")) return parse(copy, pointer, side);
        if (copy.has("meta")) throw ApiError.invalidPointer(pointer + "/attributes/meta", "Give 'meta' once.");
        copy.set("meta", a.remove("meta"));
        try {
            return parse(copy, pointer, side);
        } catch (ApiError e) {
            // point where the request has it: inside the attributes
            String at = e.source() == null ? null : e.source().pointer();
            if (at == null || !at.startsWith(pointer + "/meta")) throw e;
            throw ApiError.invalidPointer(pointer + "/attributes" + at.substring(pointer.length()), e.detail());
        }
    }

    /** A client's profile also takes the mobile SDKs' anonymous_id (and keeps its identifiers as they are). */
    private static ProfileChanges parse(ObjectNode profile, String pointer, Side side) {
        return side == Side.CLIENT ? ProfileInput.parseClient(profile, pointer) : ProfileInput.parseUpsert(profile, pointer);
    }

    private static Map<String, List<String>> metadata() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (String key : List.of("device_id", "sdk_version", "device_model", "os_version", "manufacturer", "app_name",
                "app_version", "app_build", "app_id")) {
            m.put(key, null);
        }
        m.put("klaviyo_sdk", List.of("android", "flutter", "flutter_community", "react_native", "swift"));
        m.put("os_name", List.of("android", "ios", "ipados", "macos", "tvos"));
        m.put("environment", List.of("debug", "release"));
        return java.util.Collections.unmodifiableMap(m);
    }
}
