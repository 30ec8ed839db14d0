package dev.openprofile.campaigns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.resource.Attribute;
import dev.openprofile.resource.AttributeType;
import dev.openprofile.resource.Hooks;
import dev.openprofile.resource.IdScheme;
import dev.openprofile.resource.ResourceInput;
import dev.openprofile.resource.ResourceKind;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The bodies of create_campaign, update_campaign and create_campaign_clone, checked with pointers. The JSON:API
 * envelope is checked by the kit's {@link ResourceInput} against request shapes declared here (never registered);
 * the members below it (audiences, send strategy, send and tracking options) here, the message definitions by
 * {@link MessageInput}.
 */
final class CampaignInput {
    private static final String ATTRIBUTES = "/data/attributes";
    private static final List<Integer> THROTTLES = List.of(1, 2, 5, 10, 11, 13, 14, 17, 20, 25, 33, 50);
    private static final List<String> DYNAMIC_PARAMS = List.of("campaign_id", "campaign_name", "campaign_name_id",
            "campaign_name_send_day", "email_subject", "group_id", "group_name", "group_name_id", "link_alt_text", "message_type",
            "profile_external_id", "profile_id");

    private static final ResourceKind CREATE = shape("campaign", List.of(
            Attribute.string("name").require().nonEmpty(),
            Attribute.object("audiences").require(),
            Attribute.object("send_strategy"),
            Attribute.object("send_options"),
            Attribute.object("tracking_options"),
            Attribute.object("campaign-messages").require()));
    private static final ResourceKind UPDATE = shape("campaign", List.of(
            Attribute.string("name").nonEmpty().nullAsAbsent(),
            Attribute.object("audiences").nullAsAbsent(),
            Attribute.object("send_strategy").nullAsAbsent(),
            Attribute.object("send_options").nullAsAbsent(),
            Attribute.object("tracking_options").nullAsAbsent()));
    private static final ResourceKind CLONE = shape("campaign", List.of(
            Attribute.string("new_name").nonEmpty().nullAsAbsent()));

    private CampaignInput() {}

    /** A new campaign: its attributes as stored (channel included) and its one message. */
    record NewCampaign(Map<String, JsonNode> attributes, MessageInput.NewMessage message, Audience audience) {}

    /** The lists and segments an audience names (each checked to exist by the service). */
    record Audience(List<String> included, List<String> excluded) {}

    static NewCampaign create(JsonNode data) {
        ResourceInput.Changes c = ResourceInput.create(CREATE, data, "/data");
        MessageInput.NewMessage message = MessageInput.messages(c.attributes().get("campaign-messages"));
        String channel = message.channel();
        Map<String, JsonNode> out = new LinkedHashMap<>();
        out.put("name", c.attributes().get("name"));
        out.put("status", text(CampaignStatus.DRAFT));
        out.put("archived", Json.MAPPER.getNodeFactory().booleanNode(false));
        ObjectNode audiences = audiences(c.attributes().get("audiences"), true, null);
        out.put("audiences", audiences);
        out.put("send_options", sendOptions(c.attributes().get("send_options")));
        out.put("tracking_options", trackingOptions(c.attributes().get("tracking_options"), channel));
        out.put("send_strategy", sendStrategy(c.attributes().get("send_strategy")));
        out.put("channel", text(channel));
        return new NewCampaign(out, message, audience(audiences));
    }

    /** What update_campaign changes, as stored; the audience is merged with the current one. */
    static Map<String, JsonNode> update(JsonNode data, String pathId, ResourceRowView current) {
        ResourceInput.Changes c = ResourceInput.update(UPDATE, data, "/data");
        if (!c.id().equals(pathId)) throw ApiError.idMismatch(c.id(), pathId);
        Map<String, JsonNode> out = new LinkedHashMap<>();
        JsonNode v;
        if ((v = c.attributes().get("name")) != null) out.put("name", v);
        if ((v = c.attributes().get("audiences")) != null) out.put("audiences", audiences(v, false, (ObjectNode) current.audiences()));
        if ((v = c.attributes().get("send_options")) != null) out.put("send_options", sendOptions(v));
        if ((v = c.attributes().get("tracking_options")) != null) out.put("tracking_options", trackingOptions(v, current.channel()));
        if ((v = c.attributes().get("send_strategy")) != null) out.put("send_strategy", sendStrategy(v));
        return out;
    }

    /** The parts of the stored campaign an update is checked against. */
    record ResourceRowView(JsonNode audiences, String channel) {}

    /** The id of the campaign to clone and the clone's name (null: derived from the original's). */
    record Clone(String id, String name) {}

    static Clone cloneOf(JsonNode data) {
        ResourceInput.Changes c = ResourceInput.update(CLONE, data, "/data");
        JsonNode name = c.attributes().get("new_name");
        return new Clone(c.id(), name == null ? null : name.asText());
    }

    static Audience audience(JsonNode audiences) {
        return new Audience(strings(audiences.get("included")), strings(audiences.get("excluded")));
    }

    private static List<String> strings(JsonNode array) {
        if (array == null || !array.isArray()) return List.of();
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        array.forEach(x -> out.add(x.asText()));
        return out;
    }

    /** {@code included} (required on create) and {@code excluded}: arrays of list or segment ids, each id once. */
    private static ObjectNode audiences(JsonNode given, boolean create, ObjectNode current) {
        String at = ATTRIBUTES + "/audiences";
        onlyMembers(given, at, Set.of("included", "excluded"));
        ObjectNode out = current == null ? Json.MAPPER.createObjectNode() : current.deepCopy();
        if (create && (!given.has("included") || given.get("included").isNull())) {
            throw ApiError.invalidPointer(at + "/included", "'included' is a required field.");
        }
        for (String member : List.of("included", "excluded")) {
            JsonNode ids = given.get(member);
            if (ids == null || (ids.isNull() && !create)) continue;
            if (ids.isNull()) {
                out.putNull(member);
                continue;
            }
            if (!ids.isArray()) throw ApiError.invalidPointer(at + "/" + member, "'" + member + "' must be an array of list or segment ids.");
            ArrayNode clean = out.putArray(member);
            Set<String> seen = new java.util.HashSet<>();
            for (int i = 0; i < ids.size(); i++) {
                JsonNode id = ids.get(i);
                if (!id.isTextual() || id.asText().isBlank()) {
                    throw ApiError.invalidPointer(at + "/" + member + "/" + i, "Each audience must be a list or segment id.");
                }
                if (seen.add(id.asText())) clean.add(id.asText());
            }
        }
        if (!out.has("excluded")) out.set("excluded", Json.MAPPER.createArrayNode());
        if (out.get("excluded").isNull()) out.set("excluded", Json.MAPPER.createArrayNode());
        Set<String> included = Set.copyOf(strings(out.get("included")));
        JsonNode excluded = out.get("excluded");
        for (int i = 0; i < excluded.size(); i++) {
            if (included.contains(excluded.get(i).asText())) {
                throw ApiError.invalidPointer(at + "/excluded/" + i, "'" + excluded.get(i).asText() + "' is both included and excluded.");
            }
        }
        return out;
    }

    /** Default {@code immediate} (the strategy a campaign created without one sends with). */
    private static ObjectNode sendStrategy(JsonNode given) {
        String at = ATTRIBUTES + "/send_strategy";
        ObjectNode out = Json.MAPPER.createObjectNode();
        if (given == null || given.isNull()) {
            out.put("method", "immediate");
            return out;
        }
        JsonNode method = given.get("method");
        if (method == null || !method.isTextual()) throw ApiError.invalidPointer(at + "/method", "'method' is a required string.");
        out.put("method", method.asText());
        switch (method.asText()) {
            case "immediate" -> onlyMembers(given, at, Set.of("method"));
            case "static" -> {
                onlyMembers(given, at, Set.of("method", "datetime", "options"));
                out.put("datetime", datetime(given.get("datetime"), at + "/datetime"));
                JsonNode options = given.get("options");
                if (options == null || options.isNull()) {
                    out.putNull("options");
                } else {
                    String o = at + "/options";
                    onlyMembers(options, o, Set.of("is_local", "send_past_recipients_immediately"));
                    JsonNode local = options.get("is_local");
                    if (local == null || !local.isBoolean()) throw ApiError.invalidPointer(o + "/is_local", "'is_local' is a required boolean.");
                    ObjectNode clean = out.putObject("options");
                    clean.put("is_local", local.booleanValue());
                    JsonNode past = options.get("send_past_recipients_immediately");
                    if (past != null && !local.booleanValue()) {
                        throw ApiError.invalidPointer(o + "/send_past_recipients_immediately", "Only a local send may name it.");
                    }
                    if (local.booleanValue()) {
                        if (past != null && !past.isBoolean()) {
                            throw ApiError.invalidPointer(o + "/send_past_recipients_immediately", "It must be a boolean.");
                        }
                        clean.put("send_past_recipients_immediately", past != null && past.booleanValue());
                    }
                }
            }
            case "throttled" -> {
                onlyMembers(given, at, Set.of("method", "datetime", "throttle_percentage"));
                out.put("datetime", datetime(given.get("datetime"), at + "/datetime"));
                JsonNode p = given.get("throttle_percentage");
                if (p == null || !p.isIntegralNumber() || !THROTTLES.contains(p.intValue())) {
                    throw ApiError.invalidPointer(at + "/throttle_percentage", "'throttle_percentage' must be one of " + THROTTLES + ".");
                }
                out.put("throttle_percentage", p.intValue());
            }
            case "smart_send_time" -> {
                onlyMembers(given, at, Set.of("method", "date"));
                JsonNode date = given.get("date");
                try {
                    if (date == null || !date.isTextual()) throw new DateTimeParseException("", "", 0);
                    out.put("date", LocalDate.parse(date.asText()).toString());
                } catch (DateTimeParseException e) {
                    throw ApiError.invalidPointer(at + "/date", "'date' must be a date (YYYY-MM-DD).");
                }
            }
            default -> throw ApiError.invalidPointer(at + "/method",
                    "'method' must be one of 'static', 'throttled', 'immediate', 'smart_send_time'.");
        }
        return out;
    }

    private static String datetime(JsonNode v, String at) {
        if (v == null || !AttributeType.DATETIME.accepts(v)) throw ApiError.invalidPointer(at, "It must be " + AttributeType.DATETIME.description() + ".");
        return AttributeType.DATETIME.normalize(v).asText();
    }

    /** {@code use_smart_sending}, true unless given (its default in the spec). */
    private static ObjectNode sendOptions(JsonNode given) {
        String at = ATTRIBUTES + "/send_options";
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("use_smart_sending", true);
        if (given == null || given.isNull()) return out;
        onlyMembers(given, at, Set.of("use_smart_sending"));
        JsonNode smart = given.get("use_smart_sending");
        if (smart != null && !smart.isNull()) {
            if (!smart.isBoolean()) throw ApiError.invalidPointer(at + "/use_smart_sending", "'use_smart_sending' must be a boolean.");
            out.put("use_smart_sending", smart.booleanValue());
        }
        return out;
    }

    /**
     * Email: add_tracking_params, custom_tracking_params, is_tracking_clicks, is_tracking_opens; SMS the first two; a
     * push campaign has none (null). Unnamed members take Klaviyo's account defaults: tracking on, no parameters.
     */
    private static JsonNode trackingOptions(JsonNode given, String channel) {
        String at = ATTRIBUTES + "/tracking_options";
        if (channel.equals("mobile_push")) {
            if (given != null && !given.isNull()) throw ApiError.invalidPointer(at, "A push campaign has no tracking options.");
            return Json.MAPPER.nullNode();
        }
        boolean email = channel.equals("email");
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("add_tracking_params", false);
        out.putNull("custom_tracking_params");
        if (email) {
            out.put("is_tracking_clicks", true);
            out.put("is_tracking_opens", true);
        }
        if (given == null || given.isNull()) return out;
        onlyMembers(given, at, email ? Set.of("add_tracking_params", "custom_tracking_params", "is_tracking_clicks", "is_tracking_opens")
                : Set.of("add_tracking_params", "custom_tracking_params"));
        for (String flag : List.of("add_tracking_params", "is_tracking_clicks", "is_tracking_opens")) {
            JsonNode v = given.get(flag);
            if (v == null || v.isNull()) continue;
            if (!v.isBoolean()) throw ApiError.invalidPointer(at + "/" + flag, "'" + flag + "' must be a boolean.");
            out.put(flag, v.booleanValue());
        }
        JsonNode params = given.get("custom_tracking_params");
        if (params != null && !params.isNull()) {
            if (!params.isArray()) throw ApiError.invalidPointer(at + "/custom_tracking_params", "It must be an array.");
            ArrayNode clean = out.putArray("custom_tracking_params");
            for (int i = 0; i < params.size(); i++) clean.add(param(params.get(i), at + "/custom_tracking_params/" + i));
        }
        return out;
    }

    private static ObjectNode param(JsonNode p, String at) {
        onlyMembers(p, at, Set.of("type", "value", "name"));
        for (String m : List.of("type", "value", "name")) {
            if (!p.path(m).isTextual() || p.get(m).asText().isEmpty()) throw ApiError.invalidPointer(at + "/" + m, "'" + m + "' is a required string.");
        }
        String type = p.get("type").asText();
        if (!type.equals("dynamic") && !type.equals("static")) throw ApiError.invalidPointer(at + "/type", "'type' must be 'dynamic' or 'static'.");
        if (type.equals("dynamic") && !DYNAMIC_PARAMS.contains(p.get("value").asText())) {
            throw ApiError.invalidPointer(at + "/value", "A dynamic parameter's value must be one of " + DYNAMIC_PARAMS + ".");
        }
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("type", type);
        out.put("value", p.get("value").asText());
        out.put("name", p.get("name").asText());
        return out;
    }

    static void onlyMembers(JsonNode v, String at, Set<String> allowed) {
        if (v == null || !v.isObject()) throw ApiError.invalidPointer(at, "It must be an object.");
        for (var it = v.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) throw ApiError.invalidPointer(at + "/" + key, "'" + key + "' is not allowed here.");
        }
    }

    static JsonNode text(String s) {
        return Json.MAPPER.getNodeFactory().textNode(s);
    }

    static ResourceKind shape(String type, List<Attribute> attributes) {
        return new ResourceKind(type, "/api/" + type + "s", type.replace('-', '_'), attributes, List.of(),
                new IdScheme.Generated(() -> null), new ResourceKind.Operations(null, null, null, null, null, null, Map.of()),
                Hooks.NONE);
    }
}
