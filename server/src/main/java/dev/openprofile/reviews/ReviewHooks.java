package dev.openprofile.reviews;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.jsonapi.Query;
import dev.openprofile.resource.Hooks;
import dev.openprofile.resource.ResourceRow;
import java.sql.Connection;
import java.util.Map;

/** What the review's declaration cannot say: the status's shape, a rating of none, and the filters on no attribute. */
final class ReviewHooks implements Hooks {

    @Override
    public void beforeUpdate(Connection c, String accountId, ResourceRow current, Map<String, JsonNode> changes) {
        JsonNode status = changes.get("status");
        if (status != null && !status.isNull()) changes.put("status", ReviewStatus.parse(status, "/data/attributes/status"));
    }

    @Override
    public void render(String accountId, ResourceRow row, Query query, ObjectNode attributes) {
        JsonNode rating = attributes.get("rating");
        if (rating != null && rating.isNumber() && rating.intValue() == 0) attributes.putNull("rating");
    }

    /**
     * The spec's filter fields that are no column of their own: the status compares its value; a rating of none is
     * 0 in its column and matches no rating filter; the public reads' smart_quote and public_reply (never set here:
     * OpenProfile writes no quotes or replies), incentivized, edited (a review's content never changes) and media.
     */
    @Override
    public Map<String, String> filterColumns() {
        return Map.of(
                "status", "t.status_value",
                "rating", "nullif(t.rating, 0)",
                "smart_quote", "(t.doc ->> 'smart_quote')",
                "public_reply", "(t.doc -> 'public_reply')",
                "incentivized", "t.incentivized",
                "edited", "false",
                "media", "(case when t.has_media then true end)");
    }
}
