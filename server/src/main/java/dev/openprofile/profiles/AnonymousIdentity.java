package dev.openprofile.profiles;

import dev.openprofile.store.AdvisoryLock;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The identity rules of an anonymous visitor (issue 21; docs/compatibility.md, "Anonymous visitors"), on top of the
 * upsert rules of every profile ({@link UpsertRules}):
 * <ul>
 * <li>an anonymous id alone names the profile that holds it, or a new profile with no email, phone number or
 *     external id;</li>
 * <li>beside identifiers no profile holds, it gives them to the visitor's anonymous profile (identification);</li>
 * <li>beside identifiers another profile holds, the visitor's anonymous profile is merged into that one (its
 *     events, memberships, consent and push tokens move; the destination keeps its attributes) and the id names
 *     the destination from then on;</li>
 * <li>a profile that is already identified is never merged because of an anonymous id (a browser two people share):
 *     the id moves to the profile the request identifies, which a new visitor's identifiers may create.</li>
 * </ul>
 * All in the caller's transaction, with the visitor's lock taken first, so that a visitor's concurrent requests take turns.
 */
final class AnonymousIdentity {
    /** How often a request looks again after a concurrent one changed what it saw (each look then sees that one's end). */
    private static final int ATTEMPTS = 8;

    /** A merge of two profiles in the caller's transaction ({@link ProfileMerge#mergeLocked}). */
    @FunctionalInterface
    public interface Merger {
        boolean mergeLocked(Connection c, String accountId, String sourceId, String destinationId) throws SQLException;
    }

    /** Writes a decision (with the event's time, for an event's profile); empty when the row changed meanwhile. */
    @FunctionalInterface
    interface Settle {
        Optional<ProfileService.Upserted> apply(UpsertRules.Decision decision) throws SQLException;
    }

    private final ProfileStore store;
    private final AnonymousIds anonymousIds;
    private final Supplier<String> ids;
    private final Merger merger;

    AnonymousIdentity(ProfileStore store, AnonymousIds anonymousIds, Supplier<String> ids, Merger merger) {
        this.store = store;
        this.anonymousIds = anonymousIds;
        this.ids = ids;
        this.merger = merger;
    }

    ProfileService.Upserted upsertLocked(Connection c, String accountId, ProfileChanges changes, UpsertRules.View view,
                                         OffsetDateTime now, Settle settle) throws SQLException {
        String anonymousId = changes.anonymousId();
        ProfileChanges known = changes.withAnonymousId(null);
        boolean identified = known.id() != null || known.namesIdentifier();
        // One visitor's requests take turns, and each takes this lock before any profile's row: a request that found
        // no row for the id, locked a profile and then met a concurrent first request's row would otherwise wait on
        // it while holding what that one needs next (a deadlock).
        AdvisoryLock.take(c, "anonymous_id:" + accountId + ":" + anonymousId);
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Optional<String> holderId = anonymousIds.holder(c, accountId, anonymousId, true);
            Optional<Profile> holder = holderId.isEmpty() ? Optional.empty() : store.find(c, accountId, holderId.get(), true);
            Optional<ProfileService.Upserted> done;
            if (!identified) {
                done = holder.isPresent() ? settle.apply(UpsertRules.change(view, holder.get(), known, now))
                        : createAnonymous(c, accountId, anonymousId, known, now, settle);
            } else {
                done = identify(c, accountId, anonymousId, known, holder, view, now, settle);
            }
            if (done.isPresent()) return done.get();
        }
        throw new IllegalStateException("anonymous identity race did not settle");
    }

    /** A new visitor: a profile with no identifier but the anonymous id, unless another request made it first. */
    private Optional<ProfileService.Upserted> createAnonymous(Connection c, String accountId, String anonymousId,
                                                              ProfileChanges known, OffsetDateTime now, Settle settle)
            throws SQLException {
        Profile fresh = known.applyTo(null, ids.get(), now);
        // The id's row first: a concurrent first request for the same visitor waits here, then finds this profile.
        if (!anonymousIds.claim(c, accountId, anonymousId, fresh.id())) return Optional.empty();
        Optional<ProfileService.Upserted> done = settle.apply(new UpsertRules.Create(fresh));
        if (done.isEmpty()) throw new IllegalStateException("a new anonymous profile's insert failed");
        return done;
    }

    private Optional<ProfileService.Upserted> identify(Connection c, String accountId, String anonymousId,
                                                       ProfileChanges known, Optional<Profile> holder,
                                                       UpsertRules.View view, OffsetDateTime now, Settle settle)
            throws SQLException {
        UpsertRules.Decision decision = UpsertRules.upsert(view, known, ids, now);
        boolean anonymousHolder = holder.isPresent() && !holder.get().hasIdentifier();
        if (decision instanceof UpsertRules.Create create) {
            // Nobody holds these identifiers: the visitor's anonymous profile takes them.
            if (anonymousHolder) return settle.apply(UpsertRules.change(view, holder.get(), known, now));
            Optional<ProfileService.Upserted> done = settle.apply(create);
            if (done.isEmpty()) return done;
            String created = done.get().profile().id();
            if (holder.isPresent()) anonymousIds.assign(c, accountId, anonymousId, created);
            // A concurrent first request of this visitor claimed the id meanwhile: look again, and merge its profile.
            else if (!anonymousIds.claim(c, accountId, anonymousId, created)) return Optional.empty();
            return done;
        }
        Profile located = decision instanceof UpsertRules.Update u ? u.current() : ((UpsertRules.Keep) decision).current();
        if (holder.isEmpty()) {
            if (!anonymousIds.claim(c, accountId, anonymousId, located.id())) return Optional.empty();
        } else if (!holder.get().id().equals(located.id())) {
            if (anonymousHolder) {
                // The merge moves the id's row and the visitor's events to the located profile and rewrites it:
                // decide again on what it left.
                merger.mergeLocked(c, accountId, holder.get().id(), located.id());
                return Optional.empty();
            }
            anonymousIds.assign(c, accountId, anonymousId, located.id());
        }
        return settle.apply(decision);
    }
}
