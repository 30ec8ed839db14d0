package dev.openprofile.reviews;

import dev.openprofile.resource.Attribute;
import dev.openprofile.resource.Hooks;
import dev.openprofile.resource.IdScheme;
import dev.openprofile.resource.Relationship;
import dev.openprofile.resource.ResourceKind;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The declaration of Klaviyo's review for the resource kit: get_reviews, get_review and update_review. Reviews are
 * made only by create_client_review ({@link ReviewService}), so every attribute but the status is server-set; the
 * status is the one thing a moderator changes ({@link ReviewHooks}).
 */
final class ReviewKind {
    static final String TYPE = "review";
    static final String PATH = "/api/reviews";
    static final String TABLE = "review";
    static final String ITEM = "catalog-item";

    private ReviewKind() {}

    static ResourceKind declare(Hooks hooks, Supplier<String> ids) {
        return new ResourceKind(TYPE, PATH, TABLE, List.of(
                Attribute.string("email").column("email").serverSet(),
                // Checked by ReviewHooks (ReviewStatus); a body's null keeps the status.
                Attribute.object("status").column("status").nullAsAbsent(),
                Attribute.bool("verified").column("verified").serverSet(),
                Attribute.string("review_type").column("review_type").serverSet(),
                Attribute.datetime("created").column("created").serverSet(),
                Attribute.datetime("updated").column("updated").serverSet(),
                Attribute.strings("images").serverSet(),
                Attribute.object("product").serverSet(),
                // 0 in the column for a review without a rating; ReviewHooks shows it as null.
                Attribute.integer("rating").column("rating").serverSet(),
                Attribute.string("author").serverSet(),
                Attribute.string("content").column("content").serverSet(),
                Attribute.string("title").serverSet(),
                Attribute.string("smart_quote").serverSet(),
                Attribute.object("public_reply").serverSet()),
                List.of(Relationship.toMany("events", "event", new Relationship.External()),
                        Relationship.toOne("item", ITEM, "item_id").filteredAs("item")),
                new IdScheme.Generated(ids),
                new ResourceKind.Operations("get_reviews", null, "get_review", "update_review", null, null, Map.of()),
                hooks);
    }
}
