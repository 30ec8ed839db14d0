package dev.openprofile.backinstock;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.events.EventService;
import dev.openprofile.events.ProfileEvent;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.metrics.Metric;
import dev.openprofile.profiles.ProfileChanges;
import dev.openprofile.profiles.ProfileData;
import dev.openprofile.profiles.ProfileService;
import dev.openprofile.store.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Supplier;

/**
 * Back in stock subscriptions: stored with their profile's upsert and the "Subscribed to Back in Stock" event
 * Klaviyo tracks on the profile, in one transaction, once the catalog is known to hold the variant.
 */
public final class BackInStockService implements ProfileData {
    /** The metric Klaviyo tracks on a profile that subscribes (docs/compatibility.md, "Catalogs"). */
    static final String METRIC = "Subscribed to Back in Stock";

    private final Jdbc jdbc;
    private final BackInStockStore store = new BackInStockStore();
    private final ProfileService profiles;
    private final EventService events;
    private final VariantLookup variants;
    private final Clock clock;
    private final Supplier<String> ids;

    public BackInStockService(Jdbc jdbc, ProfileService profiles, EventService events, VariantLookup variants, Clock clock,
                              Supplier<String> ids) {
        this.jdbc = jdbc;
        this.profiles = profiles;
        this.events = events;
        this.variants = variants;
        this.clock = clock;
        this.ids = ids;
    }

    /**
     * Finds or creates the profile and subscribes it to the variant on these channels. Each call records its own
     * event (its unique id is fresh), also when it only replaces the channels of an existing subscription.
     */
    public void subscribe(String accountId, ProfileChanges profile, String variantId,
                            List<BackInStockSubscription.Channel> channels) {
        if (!variants.exists(accountId, variantId)) {
            // JSON:API: a request naming a related resource that does not exist is a 404 (the kit answers so too).
            throw new ApiError(404, "not_found", "Not found.", "A catalog-variant with id '" + variantId + "' does not exist.",
                    ApiError.Source.pointer(BackInStockInput.VARIANT + "/id"), null);
        }
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        String id = ids.get();
        ProfileEvent subscribed = new ProfileEvent(METRIC, Metric.KLAVIYO, now, id, properties(variantId, channels));
        Runnable committed = profiles.inUpsertTransaction(accountId, c -> {
            String profileId = profiles.upsertLocked(c, accountId, profile, now).profile().id();
            store.upsert(c, accountId, id, profileId, variantId, channels, now);
            return events.recordLocked(c, accountId, profileId, subscribed);
        });
        committed.run();
    }

    /** The event's properties: what the subscriber asked for (Klaviyo documents none; our names). */
    private static ObjectNode properties(String variantId, List<BackInStockSubscription.Channel> channels) {
        ObjectNode p = Json.MAPPER.createObjectNode().put("variant_id", variantId);
        channels.forEach(ch -> p.withArray("channels").add(ch.name()));
        return p;
    }

    /** A profile's subscriptions, oldest first. */
    public List<BackInStockSubscription> ofProfile(String accountId, String profileId) {
        return jdbc.read(c -> store.ofProfile(c, accountId, profileId));
    }

    /**
     * Inside the catalogs feature's transaction that deletes these variants: their subscriptions go with them,
     * as nothing could ever notify them (docs/compatibility.md, "Catalogs").
     */
    public void variantsDeleted(Connection c, String accountId, List<String> variantIds) throws SQLException {
        store.deleteVariants(c, accountId, variantIds);
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
