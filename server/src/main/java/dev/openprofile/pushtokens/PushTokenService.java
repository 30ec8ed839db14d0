package dev.openprofile.pushtokens;

import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Query;
import dev.openprofile.jsonapi.filter.SqlFilter;
import dev.openprofile.jsonapi.filter.SqlFragment;
import dev.openprofile.profiles.Profile;
import dev.openprofile.profiles.ProfileData;
import dev.openprofile.profiles.ProfileService;
import dev.openprofile.store.Jdbc;
import dev.openprofile.store.Keyset;
import dev.openprofile.store.Paging;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The push-token rules: a token is identified by its value within the account, registering it again
 * updates it and moves it to the profile named (upserted by the shared profile rules, in the same
 * transaction); reads, deletion, and the token work of consent jobs inside their transactions.
 */
public final class PushTokenService {
    private static final int ATTEMPTS = 8;
    static final String PROFILE_POINTER = "/data/attributes/profile/data";

    private final Jdbc jdbc;
    private final PushTokenStore store = new PushTokenStore();
    private final ProfileService profiles;
    private final Clock clock;
    private final Supplier<String> ids;

    public PushTokenService(Jdbc jdbc, ProfileService profiles, Clock clock, Supplier<String> ids) {
        this.jdbc = jdbc;
        this.profiles = profiles;
        this.clock = clock;
        this.ids = ids;
    }

    /**
     * create_push_token and create_client_push_token: the profile upserted and the token registered to it
     * in one transaction, so the 202 follows a committed write. A lost identity race (a unique index) retries.
     */
    public PushToken register(String accountId, PushTokenInput.Create create) {
        for (int attempt = 1; ; attempt++) {
            try {
                return jdbc.inTransaction(c -> {
                    Profile p;
                    try {
                        p = profiles.upsertLocked(c, accountId, create.profile()).profile();
                    } catch (ApiError e) {
                        throw e.nestedAt(PROFILE_POINTER);
                    }
                    return store.upsert(c, accountId, ids.get(), p.id(), create.registration(), now());
                });
            } catch (Jdbc.StoreException e) {
                if (!"23505".equals(e.sqlException().getSQLState()) || attempt >= ATTEMPTS) throw e;
            }
        }
    }

    /** Registers tokens to a profile inside the caller's transaction (consent's subscribe job). */
    public void register(Connection c, String accountId, String profileId, List<PushTokenInput.Registration> tokens)
            throws SQLException {
        for (PushTokenInput.Registration r : tokens) store.upsert(c, accountId, ids.get(), profileId, r, now());
    }

    /**
     * Removes the tokens with these values from a profile inside the caller's transaction (consent's
     * unsubscribe job); a value another profile holds stays with it.
     */
    public int remove(Connection c, String accountId, String profileId, List<String> tokens) throws SQLException {
        return tokens.isEmpty() ? 0 : store.deleteOfProfile(c, accountId, profileId, tokens);
    }

    /**
     * unregister_client_push_token: the token leaves the profile the request names (found by the upsert
     * rules, never created); a token that profile does not hold, or no such profile, changes nothing.
     */
    public void unregister(String accountId, PushTokenInput.Unregister u) {
        Optional<Profile> p;
        try {
            p = profiles.resolve(accountId, u.profile());
        } catch (ApiError e) {
            throw e.nestedAt(PROFILE_POINTER);
        }
        p.ifPresent(profile -> jdbc.inTransaction(c -> store.deleteOfProfile(c, accountId, profile.id(), List.of(u.token()))));
    }

    Paging.Page<PushTokenStore.Row> list(String accountId, Query query) {
        Query.Sort sort = query.sort().orElseThrow();
        Keyset keyset = Keyset.of(PushTokenDescriptor.SORTS, sort);
        SqlFragment filter = SqlFilter.translate(query.filter(),
                SqlFilter.supported(query.filter(), PushTokenDescriptor.FILTER_COLUMNS));
        Keyset.Position at = Paging.position(query.cursor());
        List<PushTokenStore.Row> rows = jdbc.read(c -> store.list(c, accountId, filter, keyset, at, query.pageSize() + 1));
        return Paging.page(rows, query.pageSize(), query.cursor(), sort.field(), r -> new String[] {r.sortKey(), r.token().id()});
    }

    /** A token by id (or by value, see {@link PushTokenStore#find}); another account's is a 404 like a missing one. */
    PushToken get(String accountId, String id) {
        return jdbc.read(c -> store.find(c, accountId, id)).orElseThrow(() -> notFound(id));
    }

    void delete(String accountId, String id) {
        jdbc.inTransaction(c -> {
            PushToken t = store.find(c, accountId, id).orElseThrow(() -> notFound(id));
            return store.delete(c, accountId, t.id());
        });
    }

    /** A profile's tokens; an unknown profile is a 404. */
    List<PushToken> ofProfile(String accountId, String profileId) {
        if (profiles.find(accountId, profileId).isEmpty()) {
            throw new ApiError(404, "not_found", "Not found.", "A profile with id '" + profileId + "' does not exist.",
                    ApiError.Source.parameter("id"), null);
        }
        return ofProfiles(accountId, List.of(profileId));
    }

    List<PushToken> ofProfiles(String accountId, List<String> profileIds) {
        return profileIds.isEmpty() ? List.of() : jdbc.read(c -> store.ofProfiles(c, accountId, profileIds));
    }

    Profile profileOf(String accountId, PushToken t) {
        // The foreign key keeps a token's profile; a merge or deletion moves or removes the token with it.
        return profiles.find(accountId, t.profileId()).orElseThrow(() -> notFound(t.id()));
    }

    /** The push-token rows of merges and data-privacy deletions, for App to hand to them. */
    public ProfileData profileData() {
        return new PushTokenData(store);
    }

    private OffsetDateTime now() {
        // Whole seconds, as Klaviyo shows its timestamps.
        return OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);
    }

    static ApiError notFound(String id) {
        return new ApiError(404, "not_found", "Not found.", "A push token with id '" + id + "' does not exist.",
                ApiError.Source.parameter("id"), null);
    }
}
