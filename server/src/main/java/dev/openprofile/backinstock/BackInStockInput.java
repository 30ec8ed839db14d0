package dev.openprofile.backinstock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.profiles.ProfileChanges;
import dev.openprofile.profiles.ProfileInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The body of both create operations, checked with pointers: create_back_in_stock_subscription's
 * ServerBISSubscriptionCreateQuery and create_client_back_in_stock_subscription's ClientBISSubscriptionCreateQuery
 * differ only in the profile (see {@link Side}).
 */
final class BackInStockInput {
    static final String VARIANT = "/data/relationships/variant/data";
    private static final String PROFILE = "/data/attributes/profile/data";
    /** integrationType:::catalogId:::externalId, e.g. $custom:::$default:::SKU-1 or $shopify:::$default:::33001893429341. */
    private static final Pattern VARIANT_ID = Pattern.compile("[^:\\s]+:::[^:\\s]+:::\\S(?:.*\\S)?");
    private static final Set<String> PROFILE_ATTRIBUTES = Set.of("email", "phone_number", "external_id");

    record Request(ProfileChanges profile, String variantId, List<BackInStockSubscription.Channel> channels) {}

    /** Who calls: the profile's upsert rules follow the key, as for every other profile write. */
    enum Side {
        /** A public key: identifiers of a found profile are kept as they are (ProfileInput.parseClient). */
        CLIENT,
        /**
         * A private key: the create_or_update_profile rules. The spec makes {@code profile} optional and nullable
         * here; without one there is nobody to subscribe, so it is refused (docs/compatibility.md, "Catalogs").
         */
        SERVER
    }

    private BackInStockInput() {}

    static Request parse(JsonNode data, Side side) {
        if (data == null || !data.isObject()) throw ApiError.invalidPointer("/data", "'data' must be an object.");
        if (!"back-in-stock-subscription".equals(data.path("type").asText(null))) {
            throw ApiError.invalidPointer("/data/type", "'type' must be 'back-in-stock-subscription'.");
        }
        JsonNode attributes = data.path("attributes");
        if (!attributes.isObject()) throw ApiError.invalidPointer("/data/attributes", "'attributes' must be an object.");
        List<BackInStockSubscription.Channel> channels = channels(attributes.get("channels"));
        JsonNode wrapper = attributes.path("profile");
        if (wrapper.isMissingNode() || wrapper.isNull()) {
            throw ApiError.invalidPointer("/data/attributes/profile", "'profile' is required: the profile to subscribe, "
                    + "by email, phone_number or external_id.");
        }
        JsonNode profile = wrapper.path("data");
        if (!profile.isObject()) throw ApiError.invalidPointer(PROFILE, "'profile.data' is required.");
        for (var it = profile.path("attributes").fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!PROFILE_ATTRIBUTES.contains(key)) {
                throw ApiError.invalidPointer(PROFILE + "/attributes/" + key, "'" + key + "' is not allowed here: give "
                        + "email, phone_number or external_id.");
            }
        }
        ProfileChanges changes = side == Side.CLIENT ? ProfileInput.parseClient((ObjectNode) profile, PROFILE)
                : ProfileInput.parseUpsert(profile, PROFILE);
        return new Request(changes, variantId(data.path("relationships").path("variant").path("data")), channels);
    }

    private static List<BackInStockSubscription.Channel> channels(JsonNode value) {
        String pointer = "/data/attributes/channels";
        if (value == null || !value.isArray() || value.isEmpty()) {
            throw ApiError.invalidPointer(pointer, "'channels' must be a non-empty array of EMAIL, PUSH, SMS or WHATSAPP.");
        }
        List<BackInStockSubscription.Channel> out = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode c = value.get(i);
            BackInStockSubscription.Channel channel;
            try {
                channel = BackInStockSubscription.Channel.valueOf(c.isTextual() ? c.asText() : "");
            } catch (IllegalArgumentException e) {
                throw ApiError.invalidPointer(pointer + "/" + i, "'" + c.asText() + "' is not a channel: use EMAIL, PUSH, SMS or WHATSAPP.");
            }
            if (!out.contains(channel)) out.add(channel);
        }
        return out;
    }

    private static String variantId(JsonNode variant) {
        if (!variant.isObject()) throw ApiError.invalidPointer("/data/relationships/variant", "The 'variant' relationship is required.");
        if (!"catalog-variant".equals(variant.path("type").asText(null))) {
            throw ApiError.invalidPointer(VARIANT + "/type", "'type' must be 'catalog-variant'.");
        }
        JsonNode id = variant.get("id");
        if (id == null || !id.isTextual() || !VARIANT_ID.matcher(id.asText()).matches()) {
            throw ApiError.invalidPointer(VARIANT + "/id", "A catalog variant id is integrationType:::catalogId:::externalId, "
                    + "e.g. $custom:::$default:::SKU-1.");
        }
        return id.asText();
    }
}
