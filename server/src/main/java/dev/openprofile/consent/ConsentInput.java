package dev.openprofile.consent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.ApiErrors;
import dev.openprofile.jsonapi.Datetime;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.profiles.ProfileInput;
import dev.openprofile.pushtokens.PushTokenInput;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Synchronous validation of the four consent job requests (semantics §12). Everything the job will
 * need is checked here, so a 202 means every profile can be applied; one error per failing profile,
 * each with its pointer, and nothing is accepted.
 *
 * <p>Each accepted profile becomes an item: {@code {"profile": {type, id, attributes: {email,
 * phone_number}}, "channels": {"EMAIL_MARKETING": consented_at or null, ...}, "push_tokens": [...]?}}
 * (suppression items have no channels; push_tokens holds the request's subscriptions.push.tokens as given).
 */
final class ConsentInput {
    static final String PROFILES = "/data/attributes/profiles/data";

    /** The request as a job will run it. */
    record Submission(ConsentJob.Kind kind, ArrayNode items, String listId, String segmentId,
                      boolean historicalImport, String customSource) {}

    /** Where each channel sits in a request's subscriptions object. */
    private static final Map<String, Map<String, Channel>> CHANNELS = Map.of(
            "email", Map.of("marketing", Channel.EMAIL_MARKETING, "open_tracking", Channel.EMAIL_OPEN_TRACKING),
            "sms", Map.of("marketing", Channel.SMS_MARKETING, "transactional", Channel.SMS_TRANSACTIONAL),
            "whatsapp", Map.of("marketing", Channel.WHATSAPP_MARKETING, "transactional", Channel.WHATSAPP_TRANSACTIONAL,
                    "conversational", Channel.WHATSAPP_CONVERSATIONAL),
            "push", Map.of("marketing", Channel.MOBILE_PUSH_MARKETING));

    private ConsentInput() {}

    /** @param smsAgeGate whether the account is age-gated: SMS consent then needs an old enough date of birth */
    static Submission parse(ConsentJob.Kind kind, JsonNode data, OffsetDateTime now, boolean smsAgeGate) {
        if (data == null || !data.isObject()) throw ApiError.invalidPointer("/data", "'data' must be an object.");
        if (!kind.type.equals(data.path("type").asText(null))) {
            throw ApiError.invalidPointer("/data/type", "'type' must be '" + kind.type + "'.");
        }
        JsonNode attributes = data.path("attributes");
        if (!attributes.isObject()) throw ApiError.invalidPointer("/data/attributes", "'attributes' must be an object.");
        String listId = relationship(data, "list");
        String segmentId = kind == ConsentJob.Kind.SUPPRESS || kind == ConsentJob.Kind.UNSUPPRESS
                ? relationship(data, "segment") : null;
        boolean historical = false;
        String customSource = null;
        if (kind == ConsentJob.Kind.SUBSCRIBE) {
            JsonNode h = attributes.path("historical_import");
            if (!h.isMissingNode() && !h.isNull() && !h.isBoolean()) {
                throw ApiError.invalidPointer("/data/attributes/historical_import", "'historical_import' must be a boolean.");
            }
            historical = h.asBoolean(false);
            JsonNode source = attributes.path("custom_source");
            if (!source.isMissingNode() && !source.isNull() && !source.isTextual()) {
                throw ApiError.invalidPointer("/data/attributes/custom_source", "'custom_source' must be a string.");
            }
            customSource = source.isTextual() ? source.asText() : null;
        }
        JsonNode profiles = attributes.path("profiles");
        boolean bySuppressionGroup = (kind == ConsentJob.Kind.SUPPRESS || kind == ConsentJob.Kind.UNSUPPRESS)
                && (profiles.isMissingNode() || profiles.isNull());
        if (bySuppressionGroup) {
            if ((listId == null) == (segmentId == null)) {
                throw ApiError.invalidPointer("/data", "Give either 'profiles' or exactly one of the 'list' and "
                        + "'segment' relationships.");
            }
            return new Submission(kind, Json.MAPPER.createArrayNode(), listId, segmentId, false, null);
        }
        if (listId != null && (kind == ConsentJob.Kind.SUPPRESS || kind == ConsentJob.Kind.UNSUPPRESS) || segmentId != null) {
            throw ApiError.invalidPointer("/data/relationships", "Give either 'profiles' or a 'list' or 'segment' "
                    + "relationship, not both.");
        }
        JsonNode items = profiles.path("data");
        if (!items.isArray()) throw ApiError.invalidPointer(PROFILES, "'profiles.data' must be an array of profiles.");
        if (items.isEmpty()) throw ApiError.invalidPointer(PROFILES, "At least one profile is required.");
        if (items.size() > kind.maxProfiles) {
            throw ApiError.invalidPointer(PROFILES, "At most " + kind.maxProfiles + " profiles can be submitted per "
                    + "request; got " + items.size() + ".");
        }
        ArrayNode out = Json.MAPPER.createArrayNode();
        List<ApiError> errors = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            try {
                out.add(item(kind, items.get(i), PROFILES + "/" + i, historical, now, smsAgeGate));
            } catch (ApiError e) {
                errors.add(e);
            }
        }
        if (!errors.isEmpty()) throw new ApiErrors(errors);
        return new Submission(kind, out, listId, null, historical, customSource);
    }

    private static ObjectNode item(ConsentJob.Kind kind, JsonNode p, String base, boolean historical, OffsetDateTime now,
                                   boolean smsAgeGate) {
        if (!p.isObject()) throw ApiError.invalidPointer(base, "Each profile must be an object.");
        if (!"profile".equals(p.path("type").asText(null))) throw ApiError.invalidPointer(base + "/type", "'type' must be 'profile'.");
        JsonNode attributes = p.path("attributes");
        if (!attributes.isObject()) throw ApiError.invalidPointer(base + "/attributes", "'attributes' must be an object.");
        ObjectNode identity = Json.MAPPER.createObjectNode().put("type", "profile");
        if (kind == ConsentJob.Kind.SUBSCRIBE && p.hasNonNull("id")) identity.set("id", p.get("id"));
        ObjectNode ids = identity.putObject("attributes");
        for (String key : List.of("email", "phone_number")) {
            if (attributes.hasNonNull(key)) ids.set(key, attributes.get(key));
        }
        boolean bySubscription = kind == ConsentJob.Kind.SUBSCRIBE || kind == ConsentJob.Kind.UNSUBSCRIBE;
        if (!bySubscription && !attributes.hasNonNull("email")) {
            throw ApiError.invalidPointer(base + "/attributes/email", "'email' is required.");
        }
        if (!identity.has("id") && ids.isEmpty()) {
            throw ApiError.invalidPointer(base + "/attributes", "Each profile needs an email or a phone_number"
                    + (kind == ConsentJob.Kind.SUBSCRIBE ? " (or an id)." : "."));
        }
        ProfileInput.parseUpsert(identity, base); // the identifier rules of every upsert: format, E.164
        ObjectNode item = Json.MAPPER.createObjectNode();
        item.set("profile", identity);
        if (bySubscription) {
            ArrayNode tokens = pushTokens(attributes.path("subscriptions").path("push"),
                    base + "/attributes/subscriptions/push");
            ObjectNode channels = channels(kind, attributes.path("subscriptions"), base + "/attributes/subscriptions",
                    historical, now);
            if (!tokens.isEmpty()) item.set("push_tokens", tokens);
            boolean needsPhone = channels.properties().stream()
                    .anyMatch(c -> c.getKey().startsWith("SMS_") || c.getKey().startsWith("WHATSAPP_"));
            if (kind == ConsentJob.Kind.SUBSCRIBE && needsPhone && !ids.hasNonNull("phone_number")) {
                throw ApiError.invalidPointer(base + "/attributes/phone_number",
                        "A phone_number is required to subscribe a profile to SMS or WhatsApp.");
            }
            item.set("channels", channels);
            if (kind == ConsentJob.Kind.SUBSCRIBE) {
                // Checked here and never stored: the gate decides at acceptance, as the opt-in process does.
                var dateOfBirth = SmsAgeGate.dateOfBirth(attributes, base + "/attributes", now.toLocalDate());
                boolean sms = channels.properties().stream().anyMatch(c -> c.getKey().startsWith("SMS_"));
                if (smsAgeGate && sms) SmsAgeGate.check(dateOfBirth, ids.get("phone_number").asText(), base + "/attributes", now.toLocalDate());
            }
        }
        return item;
    }

    /** The channels named in a subscriptions object, each with its consented_at (or null). */
    static ObjectNode channels(ConsentJob.Kind kind, JsonNode subscriptions, String base, boolean historical,
                                       OffsetDateTime now) {
        if (!subscriptions.isObject()) throw ApiError.invalidPointer(base, "'subscriptions' must be an object.");
        String expected = kind == ConsentJob.Kind.SUBSCRIBE ? "SUBSCRIBED" : "UNSUBSCRIBED";
        ObjectNode out = Json.MAPPER.createObjectNode();
        for (var e : subscriptions.properties()) {
            Map<String, Channel> group = CHANNELS.get(e.getKey());
            String groupPointer = base + "/" + e.getKey();
            if (group == null) throw ApiError.invalidPointer(groupPointer, "'" + e.getKey() + "' is not a channel.");
            if (e.getValue().isNull()) continue;
            if (!e.getValue().isObject()) throw ApiError.invalidPointer(groupPointer, "'" + e.getKey() + "' must be an object.");
            for (var c : e.getValue().properties()) {
                String pointer = groupPointer + "/" + c.getKey();
                // Read by pushTokens; an anonymous id has no profile to name here (no anonymous profiles, as for events).
                if (e.getKey().equals("push") && (c.getKey().equals("tokens") || c.getKey().equals("anonymous_id"))) continue;
                Channel channel = group.get(c.getKey());
                if (channel == null || kind == ConsentJob.Kind.SUBSCRIBE && channel == Channel.WHATSAPP_CONVERSATIONAL) {
                    throw ApiError.invalidPointer(pointer, "'" + c.getKey() + "' is not a " + e.getKey() + " subscription.");
                }
                if (c.getValue().isNull()) continue;
                if (!expected.equals(c.getValue().path("consent").asText(null))) {
                    throw ApiError.invalidPointer(pointer + "/consent", "'consent' must be '" + expected + "'.");
                }
                out.set(channel.name(), consentedAt(c.getValue().get("consented_at"), pointer + "/consented_at", historical, now));
            }
        }
        if (out.isEmpty()) throw ApiError.invalidPointer(base, "At least one channel subscription is required.");
        return out;
    }

    /**
     * The push tokens of a subscriptions object (spec: subscribe registers them "as long as push
     * subscriptions are consented to", unsubscribe removes them), validated as the push-tokens feature reads
     * them and kept as given, for the job to apply. Tokens need the push marketing consent beside them.
     */
    private static ArrayNode pushTokens(JsonNode push, String base) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        JsonNode tokens = push.get("tokens");
        if (tokens == null || tokens.isNull()) return out;
        if (!tokens.isArray()) throw ApiError.invalidPointer(base + "/tokens", "'tokens' must be an array of push tokens.");
        if (push.path("marketing").isMissingNode() || push.path("marketing").isNull()) {
            throw ApiError.invalidPointer(base + "/marketing", "'marketing' is required with push tokens.");
        }
        for (int i = 0; i < tokens.size(); i++) {
            PushTokenInput.entry(tokens.get(i), base + "/tokens/" + i);
            out.add(tokens.get(i));
        }
        return out;
    }

    /**
     * "If historical_import is set to true, the consented_at field is required and must be in the
     * past"; without it, "providing any value for this field will raise an error" (spec).
     */
    private static JsonNode consentedAt(JsonNode value, String pointer, boolean historical, OffsetDateTime now) {
        boolean given = value != null && !value.isNull();
        if (!historical) {
            if (given) throw ApiError.invalidPointer(pointer, "'consented_at' is only allowed with historical_import.");
            return Json.MAPPER.nullNode();
        }
        if (!given) throw ApiError.invalidPointer(pointer, "'consented_at' is required when historical_import is true.");
        OffsetDateTime at = timestamp(value, pointer);
        if (!at.isBefore(now)) throw ApiError.invalidPointer(pointer, "'consented_at' must be in the past.");
        return Json.MAPPER.getNodeFactory().textNode(at.toString());
    }

    private static OffsetDateTime timestamp(JsonNode value, String pointer) {
        return Datetime.of(value, pointer, "consented_at").utc();
    }

    /** The id of a to-one relationship {@code data.relationships.NAME.data}, or null. */
    static String relationship(JsonNode data, String name) {
        JsonNode rel = data.path("relationships").path(name);
        if (rel.isMissingNode() || rel.isNull() || rel.path("data").isNull() || rel.path("data").isMissingNode()) return null;
        JsonNode d = rel.path("data");
        String pointer = "/data/relationships/" + name + "/data";
        if (!name.equals(d.path("type").asText(null))) throw ApiError.invalidPointer(pointer + "/type", "'type' must be '" + name + "'.");
        if (!d.path("id").isTextual()) throw ApiError.invalidPointer(pointer + "/id", "'id' must be a string.");
        return d.get("id").asText();
    }
}
