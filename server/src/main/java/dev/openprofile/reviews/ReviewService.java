package dev.openprofile.reviews;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.events.EventIncludes;
import dev.openprofile.events.EventService;
import dev.openprofile.events.ProfileEvent;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.metrics.Metric;
import dev.openprofile.profiles.ProfileData;
import dev.openprofile.profiles.ProfileInput;
import dev.openprofile.profiles.ProfileService;
import dev.openprofile.resource.ResourceRow;
import dev.openprofile.resource.ResourceService;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import dev.openprofile.jsonapi.Query;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A submitted review: its author's profile (found or created by email, with the client rules), the review and the
 * "Submitted Review" event on the profile, in one transaction. Reviews start pending, as a moderated review would
 * (docs/compatibility.md, "Reviews"). Implements {@link ProfileData}, so merges and deletions reach reviews.
 */
public final class ReviewService implements ProfileData {
    /** The metric Klaviyo Reviews tracks on the reviewer's profile (docs/compatibility.md, "Reviews"). */
    static final String METRIC = "Submitted Review";

    private final ReviewStore store = new ReviewStore();
    private final dev.openprofile.store.Jdbc jdbc;
    private final ProfileService profiles;
    private final EventService events;
    private final EventIncludes eventIncludes;
    private final ResourceService items;
    private final Clock clock;
    private final Supplier<String> ids;

    ReviewService(dev.openprofile.store.Jdbc jdbc, ProfileService profiles, EventService events, EventIncludes eventIncludes,
                  ResourceService items, Clock clock, Supplier<String> ids) {
        this.jdbc = jdbc;
        this.profiles = profiles;
        this.events = events;
        this.eventIncludes = eventIncludes;
        this.items = items;
        this.clock = clock;
        this.ids = ids;
    }

    /** Stores a submission and returns its id. */
    String submit(String accountId, ReviewInput.Submission s) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        String id = ids.get();
        ObjectNode profileData = Json.MAPPER.createObjectNode().put("type", "profile");
        profileData.putObject("attributes").put("email", s.email());
        var profile = ProfileInput.parseClient(profileData, ReviewInput.ATTRIBUTES);
        Runnable committed = profiles.inUpsertTransaction(accountId, c -> {
            ResourceRow item = s.product() == null ? null : item(c, accountId, s.product());
            String profileId = profiles.upsertLocked(c, accountId, profile, now).profile().id();
            store.insert(c, accountId, new ReviewStore.Row(id, profileId, s.email(), ReviewStatus.of("pending"), s.reviewType(),
                    s.rating(), s.content(), item == null ? null : item.id(),
                    s.product() == null ? null : s.product().externalId(), s.incentiveType() != null, !s.images().isEmpty(),
                    document(s, item), now));
            return events.recordLocked(c, accountId, profileId, new ProfileEvent(METRIC, Metric.KLAVIYO, now, id, properties(id, s)));
        });
        committed.run();
        return id;
    }

    /**
     * The catalog item a product names: {@code $custom:::$default:::EXTERNAL_ID}, the only integration OpenProfile's
     * catalogs hold, whatever the integration key (docs/compatibility.md, "Reviews"); 404 when there is none.
     */
    private ResourceRow item(Connection c, String accountId, ReviewInput.Product p) throws SQLException {
        Optional<ResourceRow> item = items.find(c, accountId, "$custom:::$default:::" + p.externalId());
        return item.orElseThrow(() -> new ApiError(404, "not_found", "Not found.", "A catalog-item with external id '"
                + p.externalId() + "' does not exist.", ApiError.Source.pointer(ReviewInput.ATTRIBUTES + "/product/external_id"), null));
    }

    /** The attributes without a column: the product as it is when the review is submitted. */
    private static ObjectNode document(ReviewInput.Submission s, ResourceRow item) {
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.set("images", s.images());
        if (item != null) {
            ObjectNode product = doc.putObject("product");
            product.set("url", item.attributes().get("url"));
            product.set("name", item.attributes().get("title"));
            JsonNode image = item.attributes().get("image_full_url");
            product.set("image_url", image == null ? Json.MAPPER.nullNode() : image);
            product.put("external_id", s.product().externalId());
        }
        doc.put("author", s.author());
        if (s.title() != null) doc.put("title", s.title());
        // Kept for the record, never shown: the response schema has no such members.
        doc.set("custom_questions", s.customQuestions());
        if (s.incentiveType() != null) doc.put("incentive_type", s.incentiveType());
        if (s.orderId() != null) doc.put("order_id", s.orderId());
        return doc;
    }

    /** The event's properties (Klaviyo documents none for this metric; our names). */
    private static ObjectNode properties(String id, ReviewInput.Submission s) {
        ObjectNode p = Json.MAPPER.createObjectNode().put("review_id", id).put("review_type", s.reviewType());
        if (s.rating() != null) p.put("rating", s.rating());
        if (s.product() != null) p.put("product_external_id", s.product().externalId());
        if (s.title() != null) p.put("title", s.title());
        p.put("content", s.content());
        return p;
    }

    /** The "Submitted Review" event of each review, for {@code include=events}. */
    Map<String, List<ObjectNode>> events(String accountId, List<String> reviewIds, Query query) {
        return eventIncludes.byUniqueId(accountId, jdbc.read(c -> store.submitted(c, accountId, reviewIds)), query);
    }

    @Override
    public void merge(Connection c, String accountId, String sourceId, String destinationId) throws SQLException {
        store.merge(c, accountId, sourceId, destinationId);
    }

    @Override
    public void delete(Connection c, String accountId, List<String> profileIds) throws SQLException {
        store.delete(c, accountId, profileIds);
    }
}
