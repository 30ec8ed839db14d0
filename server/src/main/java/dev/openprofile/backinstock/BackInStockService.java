package dev.openprofile.backinstock;

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
 * Back in stock subscriptions: stored with their profile's upsert in one transaction. The variant is kept
 * as given; the catalogs feature will check that it exists (docs/compatibility.md, "Client").
 */
public final class BackInStockService implements ProfileData {
    private final Jdbc jdbc;
    private final BackInStockStore store = new BackInStockStore();
    private final ProfileService profiles;
    private final Clock clock;
    private final Supplier<String> ids;

    public BackInStockService(Jdbc jdbc, ProfileService profiles, Clock clock, Supplier<String> ids) {
        this.jdbc = jdbc;
        this.profiles = profiles;
        this.clock = clock;
        this.ids = ids;
    }

    /** Finds or creates the profile and subscribes it to the variant on these channels; the subscription's profile id. */
    public String subscribe(String accountId, ProfileChanges profile, String variantId,
                            List<BackInStockSubscription.Channel> channels) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        return profiles.inUpsertTransaction(accountId, c -> {
            String profileId = profiles.upsertLocked(c, accountId, profile).profile().id();
            store.upsert(c, accountId, ids.get(), profileId, variantId, channels, now);
            return profileId;
        });
    }

    /** A profile's subscriptions, oldest first. */
    public List<BackInStockSubscription> ofProfile(String accountId, String profileId) {
        return jdbc.read(c -> store.ofProfile(c, accountId, profileId));
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
