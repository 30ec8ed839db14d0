package dev.openprofile.campaigns;

import static dev.openprofile.campaigns.CampaignInput.onlyMembers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.resource.Attribute;
import dev.openprofile.resource.ResourceInput;
import dev.openprofile.resource.ResourceKind;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The campaign messages of create_campaign's body and update_campaign_message's definition, per channel as the
 * spec shapes them (email, sms, mobile_push standard or silent). A definition is stored with every member its
 * response schema names, unnamed ones null (or their documented default).
 */
final class MessageInput {
    private static final List<String> EMAIL_CONTENT = List.of("subject", "preview_text", "from_email", "from_label",
            "reply_to_email", "cc_email", "bcc_email");
    private static final List<String> RENDER_OPTIONS = List.of("shorten_links", "add_org_prefix", "add_info_link", "add_opt_out_language");
    private static final ResourceKind UPDATE = CampaignInput.shape("campaign-message", List.of(
            Attribute.object("definition").nullAsAbsent()));

    private MessageInput() {}

    /** A campaign's message as create_campaign gives it: its channel, definition and image (null: none). */
    record NewMessage(String channel, ObjectNode definition, String imageId) {}

    /** An update of a message: its new definition (null: unchanged) and image (null: unchanged). */
    record Update(ObjectNode definition, String imageId) {}

    /** {@code campaign-messages}: {@code {"data": [one campaign-message]}} (one message per campaign, as Klaviyo makes them). */
    static NewMessage messages(JsonNode given) {
        String at = "/data/attributes/campaign-messages";
        onlyMembers(given, at, Set.of("data"));
        JsonNode data = given.get("data");
        if (data == null || !data.isArray()) throw ApiError.invalidPointer(at + "/data", "'data' must be an array of campaign messages.");
        if (data.size() != 1) throw ApiError.invalidPointer(at + "/data", "A campaign has exactly one message.");
        String base = at + "/data/0";
        JsonNode m = data.get(0);
        onlyMembers(m, base, Set.of("type", "attributes", "relationships"));
        if (!"campaign-message".equals(m.path("type").asText(null))) {
            throw ApiError.invalidPointer(base + "/type", "'type' must be 'campaign-message'.");
        }
        onlyMembers(m.get("attributes"), base + "/attributes", Set.of("definition"));
        JsonNode definition = m.get("attributes").get("definition");
        if (definition == null) throw ApiError.invalidPointer(base + "/attributes/definition", "'definition' is a required field.");
        ObjectNode clean = definition(definition, base + "/attributes/definition", null, null);
        return new NewMessage(clean.get("channel").asText(), clean, image(m.get("relationships"), base + "/relationships"));
    }

    /** update_campaign_message's body for the message {@code pathId} of {@code channel}, its definition {@code current}. */
    static Update update(JsonNode data, String pathId, String channel, ObjectNode current) {
        if (data != null && data.isObject() && data.has("relationships")) {
            // The kit's reader knows no image relationship on this shape: check it here, then read the rest.
            ObjectNode rest = data.deepCopy();
            JsonNode relationships = rest.remove("relationships");
            Update u = update(rest, pathId, channel, current);
            return new Update(u.definition(), image(relationships, "/data/relationships"));
        }
        ResourceInput.Changes c = ResourceInput.update(UPDATE, data, "/data");
        if (!c.id().equals(pathId)) throw ApiError.idMismatch(c.id(), pathId);
        JsonNode definition = c.attributes().get("definition");
        return new Update(definition == null ? null : definition(definition, "/data/attributes/definition", channel, current), null);
    }

    /** {@code relationships: {image: {data: {type: image, id}}}}; null when no image is named. */
    static String image(JsonNode relationships, String at) {
        if (relationships == null || relationships.isNull()) return null;
        onlyMembers(relationships, at, Set.of("image"));
        JsonNode image = relationships.get("image");
        if (image == null) return null;
        onlyMembers(image, at + "/image", Set.of("data"));
        return imageIdentifier(image.get("data"), at + "/image/data");
    }

    /** A resource identifier of an image: {@code {"type": "image", "id": …}}. */
    static String imageIdentifier(JsonNode data, String at) {
        onlyMembers(data, at, Set.of("type", "id"));
        if (!"image".equals(data.path("type").asText(null))) throw ApiError.invalidPointer(at + "/type", "'type' must be 'image'.");
        if (!data.path("id").isTextual() || data.get("id").asText().isBlank()) throw ApiError.invalidPointer(at + "/id", "'id' must be an image id.");
        return data.get("id").asText();
    }

    /**
     * A definition checked for its channel; on update ({@code channel} not null) the channel may not change and the
     * members named replace the current ones, content and render_options member by member.
     */
    static ObjectNode definition(JsonNode given, String at, String channel, ObjectNode current) {
        if (!given.isObject()) throw ApiError.invalidPointer(at, "'definition' must be an object.");
        JsonNode ch = given.get("channel");
        if (ch == null || !ch.isTextual()) throw ApiError.invalidPointer(at + "/channel", "'channel' is a required string.");
        if (!List.of("email", "sms", "mobile_push").contains(ch.asText())) {
            throw ApiError.invalidPointer(at + "/channel", "'channel' must be 'email', 'sms' or 'mobile_push'.");
        }
        if (channel != null && !channel.equals(ch.asText())) {
            throw ApiError.invalidPointer(at + "/channel", "The message's channel is '" + channel + "'; it cannot change.");
        }
        ObjectNode out = current == null ? Json.MAPPER.createObjectNode() : current.deepCopy();
        out.put("channel", ch.asText());
        switch (ch.asText()) {
            case "email" -> {
                onlyMembers(given, at, Set.of("channel", "label", "content"));
                if (given.has("label") || current == null) out.set("label", stringOrNull(given.get("label"), at + "/label"));
                out.set("content", strings(given.get("content"), at + "/content", EMAIL_CONTENT, out.get("content")));
            }
            case "sms" -> {
                onlyMembers(given, at, Set.of("channel", "content", "render_options"));
                out.set("content", strings(given.get("content"), at + "/content", List.of("body"), out.get("content")));
                out.set("render_options", renderOptions(given.get("render_options"), at + "/render_options", out.get("render_options")));
            }
            default -> push(given, at, out, current == null);
        }
        return out;
    }

    /** A push message: standard (content with a body) or silent (key-value pairs only). */
    private static void push(JsonNode given, String at, ObjectNode out, boolean create) {
        JsonNode type = given.get("notification_type");
        String kind = type == null || type.isNull() ? out.path("notification_type").asText("standard") : type.asText();
        if (type != null && !type.isNull() && !List.of("standard", "silent").contains(type.asText())) {
            throw ApiError.invalidPointer(at + "/notification_type", "'notification_type' must be 'standard' or 'silent'.");
        }
        if (!create && !kind.equals(out.path("notification_type").asText(kind))) {
            throw ApiError.invalidPointer(at + "/notification_type", "A message's notification_type cannot change.");
        }
        out.put("notification_type", kind);
        JsonNode kv = given.get("kv_pairs");
        if (kv != null && !kv.isNull() && !kv.isObject()) throw ApiError.invalidPointer(at + "/kv_pairs", "'kv_pairs' must be an object.");
        if (kv != null || create) out.set("kv_pairs", kv == null ? out.nullNode() : kv);
        if (kind.equals("silent")) {
            onlyMembers(given, at, Set.of("channel", "notification_type", "kv_pairs"));
            return;
        }
        onlyMembers(given, at, Set.of("channel", "notification_type", "kv_pairs", "content", "options"));
        JsonNode content = given.get("content");
        if (content != null && !content.isNull()) {
            onlyMembers(content, at + "/content", Set.of("title", "body", "dynamic_image", "action_buttons"));
            ObjectNode c = out.path("content").isObject() ? (ObjectNode) out.get("content").deepCopy() : Json.MAPPER.createObjectNode();
            for (String m : List.of("title", "body", "dynamic_image")) {
                if (content.has(m) || !c.has(m)) c.set(m, stringOrNull(content.get(m), at + "/content/" + m));
            }
            JsonNode buttons = content.get("action_buttons");
            if (buttons != null && !buttons.isNull() && !buttons.isArray()) {
                throw ApiError.invalidPointer(at + "/content/action_buttons", "'action_buttons' must be an array.");
            }
            if (buttons != null || !c.has("action_buttons")) c.set("action_buttons", buttons == null ? c.nullNode() : buttons);
            out.set("content", c);
        }
        if (!out.path("content").path("body").isTextual()) {
            throw ApiError.invalidPointer(at + "/content/body", "A standard push message needs a 'body'.");
        }
        JsonNode options = given.get("options");
        if (options != null && !options.isNull() && !options.isObject()) throw ApiError.invalidPointer(at + "/options", "'options' must be an object.");
        if (options != null || create) out.set("options", options == null ? out.nullNode() : options);
    }

    /** An object of optional strings ({@code names}), merged into {@code current}; every name shown. */
    private static JsonNode strings(JsonNode given, String at, List<String> names, JsonNode current) {
        ObjectNode out = current != null && current.isObject() ? current.deepCopy() : Json.MAPPER.createObjectNode();
        for (String n : names) if (!out.has(n)) out.putNull(n);
        if (given == null || given.isNull()) return out;
        onlyMembers(given, at, Set.copyOf(names));
        for (String n : names) if (given.has(n)) out.set(n, stringOrNull(given.get(n), at + "/" + n));
        return out;
    }

    /** SMS render options, each a boolean with the spec's default (true, except add_opt_out_language). */
    private static JsonNode renderOptions(JsonNode given, String at, JsonNode current) {
        ObjectNode out = current != null && current.isObject() ? current.deepCopy() : Json.MAPPER.createObjectNode();
        for (String n : RENDER_OPTIONS) if (!out.has(n)) out.put(n, !n.equals("add_opt_out_language"));
        if (given == null || given.isNull()) return out;
        onlyMembers(given, at, Set.copyOf(RENDER_OPTIONS));
        for (String n : RENDER_OPTIONS) {
            JsonNode v = given.get(n);
            if (v == null || v.isNull()) continue;
            if (!v.isBoolean()) throw ApiError.invalidPointer(at + "/" + n, "'" + n + "' must be a boolean.");
            out.put(n, v.booleanValue());
        }
        return out;
    }

    private static JsonNode stringOrNull(JsonNode v, String at) {
        if (v == null || v.isNull()) return Json.MAPPER.nullNode();
        if (!v.isTextual()) throw ApiError.invalidPointer(at, "It must be a string or null.");
        return v;
    }

    static Map<String, JsonNode> attributes(NewMessage m) {
        return Map.of("definition", m.definition(), "channel", CampaignInput.text(m.channel()));
    }
}
