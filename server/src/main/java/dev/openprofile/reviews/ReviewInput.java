package dev.openprofile.reviews;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.profiles.ProfileInput;
import java.util.List;
import java.util.Set;

/** The body of create_client_review (ReviewCreateDTO), checked with pointers before anything is stored. */
final class ReviewInput {
    static final String ATTRIBUTES = "/data/attributes";
    static final List<String> TYPES = List.of("review", "question", "rating", "store");
    static final List<String> INCENTIVES = List.of("coupon_or_discount", "employee_review", "free_product", "loyalty_points",
            "other", "paid_promotion", "sweepstakes_entry");
    static final List<String> INTEGRATIONS = List.of("shopify", "woocommerce");
    private static final Set<String> KNOWN = Set.of("review_type", "email", "author", "content", "incentive_type", "product",
            "rating", "title", "custom_questions", "images");

    /** The product a review names: the catalog item's external id and the integration it came from. */
    record Product(String externalId, String integrationKey) {}

    /**
     * A review to store. {@code rating} is null for a question, {@code product} null for a store review;
     * {@code images} and {@code customQuestions} are JSON arrays (empty when not given).
     */
    record Submission(String reviewType, String email, String author, String content, String incentiveType, Product product,
                      Integer rating, String title, ArrayNode customQuestions, ArrayNode images, String orderId) {}

    private ReviewInput() {}

    static Submission parse(JsonNode data) {
        if (!data.isObject()) throw ApiError.invalidPointer("/data", "'data' must be an object.");
        if (!"review".equals(data.path("type").asText(null))) throw ApiError.invalidPointer("/data/type", "'type' must be 'review'.");
        JsonNode a = data.path("attributes");
        if (!a.isObject()) throw ApiError.invalidPointer(ATTRIBUTES, "'attributes' must be an object.");
        for (var it = a.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KNOWN.contains(key)) throw ApiError.invalidPointer(ATTRIBUTES + "/" + key, "'" + key + "' is not a review attribute.");
        }
        String type = oneOf(a, "review_type", TYPES, true);
        String email = ProfileInput.email(string(a, "email", true), ATTRIBUTES + "/email");
        String author = string(a, "author", true);
        if (author.isBlank()) throw ApiError.invalidPointer(ATTRIBUTES + "/author", "'author' must not be empty.");
        String content = string(a, "content", true);
        return new Submission(type, email, author, content, oneOf(a, "incentive_type", INCENTIVES, false), product(a, type),
                rating(a, type), string(a, "title", false), customQuestions(a), images(a), orderId(data.path("relationships")));
    }

    private static String string(JsonNode a, String name, boolean required) {
        JsonNode v = a.get(name);
        if (v == null || v.isNull()) {
            if (required) throw ApiError.invalidPointer(ATTRIBUTES + "/" + name, "'" + name + "' is required.");
            return null;
        }
        if (!v.isTextual()) throw ApiError.invalidPointer(ATTRIBUTES + "/" + name, "'" + name + "' must be a string.");
        return v.asText();
    }

    private static String oneOf(JsonNode a, String name, List<String> values, boolean required) {
        String v = string(a, name, required);
        if (v != null && !values.contains(v)) {
            throw ApiError.invalidPointer(ATTRIBUTES + "/" + name, "'" + name + "' must be one of " + String.join(", ", values) + ".");
        }
        return v;
    }

    /** A review, question or rating is about a product; a store review about none (docs/compatibility.md, "Reviews"). */
    private static Product product(JsonNode a, String type) {
        String pointer = ATTRIBUTES + "/product";
        JsonNode p = a.get("product");
        boolean none = p == null || p.isNull();
        if (type.equals("store")) {
            if (!none) throw ApiError.invalidPointer(pointer, "A store review is about the store: it names no product.");
            return null;
        }
        if (none) throw ApiError.invalidPointer(pointer, "A " + type + " names its product: 'product' is required.");
        if (!p.isObject()) throw ApiError.invalidPointer(pointer, "'product' must be an object.");
        JsonNode id = p.get("external_id");
        if (id == null || !id.isTextual() || id.asText().isBlank()) {
            throw ApiError.invalidPointer(pointer + "/external_id", "'external_id' is required: the product's external id.");
        }
        JsonNode key = p.get("integration_key");
        if (key == null || !key.isTextual() || !INTEGRATIONS.contains(key.asText())) {
            throw ApiError.invalidPointer(pointer + "/integration_key", "'integration_key' must be one of "
                    + String.join(", ", INTEGRATIONS) + ".");
        }
        for (var it = p.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!k.equals("external_id") && !k.equals("integration_key")) {
                throw ApiError.invalidPointer(pointer + "/" + k, "'" + k + "' is not a member of 'product'.");
            }
        }
        return new Product(id.asText(), key.asText());
    }

    /** 1 to 5; a question has none (the spec: "If the review type is question, this field will be null"). */
    private static Integer rating(JsonNode a, String type) {
        String pointer = ATTRIBUTES + "/rating";
        JsonNode v = a.get("rating");
        boolean none = v == null || v.isNull();
        if (type.equals("question")) {
            if (!none) throw ApiError.invalidPointer(pointer, "A question has no rating.");
            return null;
        }
        if (none) throw ApiError.invalidPointer(pointer, "A " + type + " needs a 'rating' from 1 to 5.");
        if (!v.isIntegralNumber() || v.asInt() < 1 || v.asInt() > 5) {
            throw ApiError.invalidPointer(pointer, "'rating' must be an integer from 1 to 5.");
        }
        return v.asInt();
    }

    private static ArrayNode images(JsonNode a) {
        String pointer = ATTRIBUTES + "/images";
        JsonNode v = a.get("images");
        if (v == null || v.isNull()) return Json.MAPPER.createArrayNode();
        if (!v.isArray()) throw ApiError.invalidPointer(pointer, "'images' must be an array of strings.");
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isTextual() || v.get(i).asText().isBlank()) {
                throw ApiError.invalidPointer(pointer + "/" + i, "An image is a URL or a base-64 data URI.");
            }
        }
        return (ArrayNode) v;
    }

    private static ArrayNode customQuestions(JsonNode a) {
        String pointer = ATTRIBUTES + "/custom_questions";
        JsonNode v = a.get("custom_questions");
        if (v == null || v.isNull()) return Json.MAPPER.createArrayNode();
        if (!v.isArray()) throw ApiError.invalidPointer(pointer, "'custom_questions' must be an array.");
        for (int i = 0; i < v.size(); i++) {
            JsonNode q = v.get(i);
            if (!q.isObject() || !q.path("id").isTextual()) {
                throw ApiError.invalidPointer(pointer + "/" + i + "/id", "A custom question needs its 'id'.");
            }
            JsonNode answers = q.get("answers");
            boolean strings = answers != null && answers.isArray();
            if (strings) for (JsonNode s : answers) strings &= s.isTextual();
            if (!strings) throw ApiError.invalidPointer(pointer + "/" + i + "/answers", "'answers' must be an array of strings.");
        }
        return (ArrayNode) v;
    }

    private static String orderId(JsonNode relationships) {
        if (relationships.isMissingNode() || relationships.isNull()) return null;
        JsonNode order = relationships.path("order");
        if (order.isMissingNode()) return null;
        JsonNode d = order.path("data");
        String pointer = "/data/relationships/order/data";
        if (!d.isObject()) throw ApiError.invalidPointer(pointer, "'order.data' must be an object.");
        if (!"order".equals(d.path("type").asText(null))) throw ApiError.invalidPointer(pointer + "/type", "'type' must be 'order'.");
        if (!d.path("id").isTextual() || d.path("id").asText().isBlank()) {
            throw ApiError.invalidPointer(pointer + "/id", "'id' must be the order's id.");
        }
        return d.path("id").asText();
    }
}
