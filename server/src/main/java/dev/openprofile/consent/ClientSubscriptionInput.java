package dev.openprofile.consent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.profiles.ProfileChanges;
import dev.openprofile.profiles.ProfileInput;
import java.time.OffsetDateTime;

/**
 * create_client_subscription's body (OnsiteSubscriptionCreateQuery): one profile with its attributes and
 * an optional subscriptions object, a required list, an optional custom_source. Validated whole before
 * anything is stored, with the same channel rules as bulk_subscribe_profiles.
 */
final class ClientSubscriptionInput {
    static final String PROFILE = "/data/attributes/profile/data";

    /**
     * @param profile  the profile's attributes as a client upsert (identifiers kept as they are)
     * @param channels the channels to subscribe, each with a null consented_at (no historical import here)
     */
    record ClientSubscription(ProfileChanges profile, ObjectNode channels, String listId, String customSource) {}

    private ClientSubscriptionInput() {}

    static ClientSubscription parse(JsonNode data, OffsetDateTime now) {
        if (data == null || !data.isObject()) throw ApiError.invalidPointer("/data", "'data' must be an object.");
        if (!"subscription".equals(data.path("type").asText(null))) {
            throw ApiError.invalidPointer("/data/type", "'type' must be 'subscription'.");
        }
        JsonNode attributes = data.path("attributes");
        if (!attributes.isObject()) throw ApiError.invalidPointer("/data/attributes", "'attributes' must be an object.");
        for (var it = attributes.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!key.equals("profile") && !key.equals("custom_source")) {
                throw ApiError.invalidPointer("/data/attributes/" + key, "'" + key + "' is not allowed here.");
            }
        }
        JsonNode source = attributes.path("custom_source");
        if (!source.isMissingNode() && !source.isNull() && !source.isTextual()) {
            throw ApiError.invalidPointer("/data/attributes/custom_source", "'custom_source' must be a string.");
        }
        String listId = ConsentInput.relationship(data, "list");
        if (listId == null) throw ApiError.invalidPointer("/data/relationships/list", "The 'list' relationship is required.");
        JsonNode profile = attributes.path("profile").path("data");
        if (!profile.isObject()) throw ApiError.invalidPointer(PROFILE, "'profile.data' is required.");
        JsonNode profileAttributes = profile.path("attributes");
        if (!profileAttributes.isObject()) {
            throw ApiError.invalidPointer(PROFILE + "/attributes", "'attributes' must be an object.");
        }
        boolean email = profileAttributes.hasNonNull("email");
        boolean phone = profileAttributes.hasNonNull("phone_number");
        if (!email && !phone) {
            throw ApiError.invalidPointer(PROFILE + "/attributes", "One of either 'email' or 'phone_number' must be provided.");
        }
        ProfileChanges changes = ProfileInput.parseClient(asUpsert((ObjectNode) profile), PROFILE);
        JsonNode subscriptions = profileAttributes.get("subscriptions");
        ObjectNode channels = subscriptions == null || subscriptions.isNull()
                ? marketingOf(email, phone)
                : requested(subscriptions, now, phone);
        return new ClientSubscription(changes, channels, listId, source.isTextual() ? source.asText() : null);
    }

    /** The profile as the upsert takes it: subscriptions out of the attributes, meta (given inside them here) on top. */
    private static ObjectNode asUpsert(ObjectNode profile) {
        ObjectNode copy = profile.deepCopy();
        ObjectNode attributes = (ObjectNode) copy.get("attributes");
        attributes.remove("subscriptions");
        JsonNode meta = attributes.remove("meta");
        if (meta != null && !meta.isNull()) copy.set("meta", meta);
        return copy;
    }

    /** "If a subscriptions object is not provided, subscriptions are defaulted to MARKETING" (spec): of each channel given. */
    private static ObjectNode marketingOf(boolean email, boolean phone) {
        ObjectNode channels = Json.MAPPER.createObjectNode();
        if (email) channels.putNull(Channel.EMAIL_MARKETING.name());
        if (phone) channels.putNull(Channel.SMS_MARKETING.name());
        return channels;
    }

    /**
     * "Only channels in that object will be subscribed", so an empty one subscribes nothing (the spec's way to
     * update email or phone without subscribing); what it names follows bulk_subscribe_profiles' rules.
     */
    private static ObjectNode requested(JsonNode subscriptions, OffsetDateTime now, boolean phone) {
        String base = PROFILE + "/attributes/subscriptions";
        if (subscriptions.isObject() && subscriptions.isEmpty()) return Json.MAPPER.createObjectNode();
        ObjectNode channels = ConsentInput.channels(ConsentJob.Kind.SUBSCRIBE, subscriptions, base, false, now);
        boolean needsPhone = channels.properties().stream()
                .anyMatch(c -> c.getKey().startsWith("SMS_") || c.getKey().startsWith("WHATSAPP_"));
        if (needsPhone && !phone) {
            throw ApiError.invalidPointer(PROFILE + "/attributes/phone_number",
                    "A phone_number is required to subscribe a profile to SMS or WhatsApp.");
        }
        return channels;
    }
}
