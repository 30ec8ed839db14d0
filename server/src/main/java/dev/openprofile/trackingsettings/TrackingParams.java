package dev.openprofile.trackingsettings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Json;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The attributes of a tracking setting as the spec shapes them: Klaviyo's defaults, and an update body's
 * attributes read member by member, each error at its pointer.
 */
final class TrackingParams {
    /** The five prebuilt UTM parameters, in the spec's order. */
    static final List<String> UTM = List.of("utm_source", "utm_medium", "utm_campaign", "utm_id", "utm_term");
    /** "You can create up to 5 fully custom UTM parameters" (Klaviyo help: UTM tracking). */
    static final int MAX_CUSTOM = 5;

    /** The dynamic values a flow parameter may take (FlowTrackingSettingDynamicParam). */
    private static final Set<String> FLOW_DYNAMIC = Set.of("email_subject", "flow_id", "flow_name", "link_alt_text",
            "message_name", "message_name_id", "message_type", "profile_external_id", "profile_id");
    /** The dynamic values a campaign parameter may take (CampaignTrackingSettingDynamicParam). */
    private static final Set<String> CAMPAIGN_DYNAMIC = Set.of("campaign_id", "campaign_name", "campaign_name_id",
            "campaign_name_send_day", "email_subject", "group_id", "group_name", "group_name_id", "link_alt_text",
            "message_type", "profile_external_id", "profile_id");

    private TrackingParams() {}

    /**
     * Klaviyo's defaults: utm_source and utm_medium are always on (source "Klaviyo", medium the message type);
     * the other three are off; nothing is added to links until the account turns it on.
     */
    static ObjectNode defaults() {
        ObjectNode a = Json.MAPPER.createObjectNode();
        a.put("auto_add_parameters", false);
        a.set("utm_source", param(value("static", "Klaviyo"), value("static", "Klaviyo")));
        a.set("utm_medium", param(value("dynamic", "message_type"), value("dynamic", "message_type")));
        a.putNull("utm_campaign");
        a.putNull("utm_id");
        a.putNull("utm_term");
        a.putArray("custom_parameters");
        return a;
    }

    /** Stored attributes in the spec's order (jsonb keeps its own). */
    static ObjectNode inOrder(JsonNode stored) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        for (var it = defaults().fieldNames(); it.hasNext(); ) {
            String name = it.next();
            out.set(name, stored.path(name).isMissingNode() ? Json.MAPPER.nullNode() : stored.get(name));
        }
        return out;
    }

    private static ObjectNode param(ObjectNode flow, ObjectNode campaign) {
        ObjectNode p = Json.MAPPER.createObjectNode();
        p.set("flow", flow);
        p.set("campaign", campaign);
        return p;
    }

    private static ObjectNode value(String type, String value) {
        return Json.MAPPER.createObjectNode().put("type", type).put("value", value);
    }

    /**
     * The members an update body sets, validated and normalized. A null keeps auto_add_parameters, utm_source and
     * utm_medium (always on in Klaviyo, the response requires them); it turns utm_campaign, utm_id and utm_term off
     * and clears custom_parameters.
     */
    static Map<String, JsonNode> read(JsonNode attributes, String base) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (var e : attributes.properties()) {
            String name = e.getKey();
            JsonNode v = e.getValue();
            String pointer = base + "/" + name;
            switch (name) {
                case "auto_add_parameters" -> {
                    if (v.isNull()) continue;
                    if (!v.isBoolean()) throw ApiError.invalidPointer(pointer, "'auto_add_parameters' must be a boolean.");
                    out.put(name, v);
                }
                case "utm_source", "utm_medium" -> {
                    if (v.isNull()) continue;
                    out.put(name, trackingParam(v, pointer, false));
                }
                case "utm_campaign", "utm_id", "utm_term" -> out.put(name, v.isNull() ? v : trackingParam(v, pointer, false));
                case "custom_parameters" -> out.put(name, v.isNull() ? Json.MAPPER.createArrayNode() : customParams(v, pointer));
                default -> throw ApiError.invalidPointer(pointer, "'" + name + "' is not a valid field for the resource 'tracking-setting'.");
            }
        }
        return out;
    }

    private static ArrayNode customParams(JsonNode v, String pointer) {
        if (!v.isArray()) throw ApiError.invalidPointer(pointer, "'custom_parameters' must be an array.");
        if (v.size() > MAX_CUSTOM) {
            throw ApiError.invalidPointer(pointer, "An account can have at most " + MAX_CUSTOM + " custom tracking parameters.");
        }
        ArrayNode out = Json.MAPPER.createArrayNode();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < v.size(); i++) {
            ObjectNode p = trackingParam(v.get(i), pointer + "/" + i, true);
            if (!names.add(p.get("name").asText()) || UTM.contains(p.get("name").asText())) {
                throw ApiError.invalidPointer(pointer + "/" + i + "/name", "The custom tracking parameter '"
                        + p.get("name").asText() + "' is already defined.");
            }
            out.add(p);
        }
        return out;
    }

    /** A TrackingParamDTO (or, when {@code custom}, a CustomTrackingParamDTO with its name first). */
    private static ObjectNode trackingParam(JsonNode v, String pointer, boolean custom) {
        if (!v.isObject()) throw ApiError.invalidPointer(pointer, "A tracking parameter must be an object.");
        ObjectNode out = Json.MAPPER.createObjectNode();
        if (custom) {
            JsonNode name = v.get("name");
            if (name == null || !name.isTextual() || name.asText().isBlank()) {
                throw ApiError.invalidPointer(pointer + "/name", "'name' is required and must be a non-empty string.");
            }
            out.put("name", name.asText());
        }
        for (var it = v.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!key.equals("flow") && !key.equals("campaign") && !(custom && key.equals("name"))) {
                throw ApiError.invalidPointer(pointer + "/" + key, "'" + key + "' is not allowed here.");
            }
        }
        out.set("flow", paramValue(v.get("flow"), pointer + "/flow", FLOW_DYNAMIC));
        out.set("campaign", paramValue(v.get("campaign"), pointer + "/campaign", CAMPAIGN_DYNAMIC));
        return out;
    }

    /** A static or dynamic value, or null (the parameter is not added to that kind of message). */
    private static JsonNode paramValue(JsonNode v, String pointer, Set<String> dynamic) {
        if (v == null || v.isNull()) return Json.MAPPER.nullNode();
        if (!v.isObject()) throw ApiError.invalidPointer(pointer, "Must be an object with 'type' and 'value', or null.");
        for (var it = v.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!key.equals("type") && !key.equals("value")) throw ApiError.invalidPointer(pointer + "/" + key, "'" + key + "' is not allowed here.");
        }
        JsonNode type = v.get("type");
        JsonNode value = v.get("value");
        if (type == null || !type.isTextual() || !(type.asText().equals("static") || type.asText().equals("dynamic"))) {
            throw ApiError.invalidPointer(pointer + "/type", "'type' must be one of 'dynamic', 'static'.");
        }
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw ApiError.invalidPointer(pointer + "/value", "'value' is required and must be a non-empty string.");
        }
        if (type.asText().equals("dynamic") && !dynamic.contains(value.asText())) {
            throw ApiError.invalidPointer(pointer + "/value", "'" + value.asText() + "' is not a dynamic value here; one of "
                    + String.join(", ", dynamic.stream().sorted().toList()) + ".");
        }
        return value("static".equals(type.asText()) ? "static" : "dynamic", value.asText());
    }
}
