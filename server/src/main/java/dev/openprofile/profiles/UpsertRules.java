package dev.openprofile.profiles;

import dev.openprofile.jsonapi.ApiError;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The identity rules of an upsert (semantics §10 and the decisions in docs/compatibility.md),
 * decided against a view of the stored profiles: the database for one request, or a bulk import
 * chunk's locked snapshot. One set of rules for every path that upserts a profile.
 */
final class UpsertRules {
    private UpsertRules() {}

    /** What the rules need to know about stored profiles. */
    interface View {
        Optional<Profile> byId(String id) throws SQLException;

        /** Every profile holding any of these identifiers (null ones are ignored). */
        List<Profile> holders(String email, String phone, String externalId) throws SQLException;

        /** The profile holding an identifier value, if any. */
        Optional<String> ownerOf(ProfileField field, String value) throws SQLException;
    }

    sealed interface Decision permits Create, Update, Keep {}

    record Create(Profile profile) implements Decision {}

    record Update(Profile current, Profile next) implements Decision {}

    record Keep(Profile current) implements Decision {}

    /**
     * Match order id, email (case-insensitive), phone number, external id; the first that matches
     * locates the profile and the others update it; identifiers held by another profile are a 409.
     */
    static Decision upsert(View view, ProfileChanges changes, Supplier<String> ids, OffsetDateTime now) throws SQLException {
        Profile located = null;
        if (changes.id() != null) {
            located = view.byId(changes.id()).orElseThrow(() -> new ApiError(404, "not_found", "Not found.",
                    "A profile with id '" + changes.id() + "' does not exist.", ApiError.Source.pointer("/data/id"), null));
        }
        List<Profile> holders = view.holders(changes.value(ProfileField.EMAIL), changes.value(ProfileField.PHONE_NUMBER),
                changes.value(ProfileField.EXTERNAL_ID));
        if (located == null) {
            for (ProfileField f : ProfileField.IDENTIFIERS) {
                located = holderOf(holders, f, changes.value(f));
                if (located != null) break;
            }
        }
        if (located == null) return new Create(changes.applyTo(null, ids.get(), now));
        if (changes.keepIdentifiers()) return change(view, located, keptIdentifiers(located, holders, changes), now);
        for (Profile h : holders) {
            if (!h.id().equals(located.id())) throw ProfileService.duplicate(h.id());
        }
        return change(view, located, changes, now);
    }

    /** Applies changes to a located profile: null clears, absent keeps; a taken identifier is a 409. */
    static Decision change(View view, Profile current, ProfileChanges changes, OffsetDateTime now) throws SQLException {
        Profile next = changes.applyTo(current, current.id(), current.updated());
        // An anonymous visitor's profile has none to keep (AnonymousIdentity): only an identified one must keep one.
        if (!next.hasIdentifier() && current.hasIdentifier()) {
            throw ApiError.invalidPointer("/data/attributes",
                    "A profile must keep at least one identifier: email, phone_number or external_id.");
        }
        // `updated` moves only when a stored value changes.
        if (next.equals(current)) return new Keep(current);
        for (ProfileField f : ProfileField.IDENTIFIERS) {
            String value = ProfileChanges.current(next, f);
            if (value == null || value.equals(ProfileChanges.current(current, f))) continue;
            Optional<String> owner = view.ownerOf(f, value);
            if (owner.isPresent() && !owner.get().equals(current.id())) {
                // A client change leaves an identifier another profile took meanwhile, as it does one held before.
                if (changes.keepIdentifiers()) return change(view, current, changes.without(java.util.EnumSet.of(f)), now);
                throw ProfileService.duplicate(owner.get());
            }
        }
        return new Update(current, changes.applyTo(current, current.id(), now));
    }

    /**
     * A client-side change of a located profile: an identifier it already holds is never changed (nor
     * cleared), and one another profile holds is not taken; both are dropped silently, as Klaviyo answers
     * such a client request 202 and leaves the identifier as it was.
     */
    private static ProfileChanges keptIdentifiers(Profile located, List<Profile> holders, ProfileChanges changes) {
        java.util.EnumSet<ProfileField> dropped = java.util.EnumSet.noneOf(ProfileField.class);
        for (ProfileField f : ProfileField.IDENTIFIERS) {
            if (!changes.has(f)) continue;
            String value = changes.value(f);
            Profile holder = holderOf(holders, f, value);
            if (ProfileChanges.current(located, f) != null || (holder != null && !holder.id().equals(located.id()))) {
                dropped.add(f);
            }
        }
        return dropped.isEmpty() ? changes : changes.without(dropped);
    }

    private static Profile holderOf(List<Profile> holders, ProfileField f, String value) {
        if (value == null) return null;
        for (Profile h : holders) {
            String held = ProfileChanges.current(h, f);
            if (held != null && (f == ProfileField.EMAIL ? held.equalsIgnoreCase(value) : held.equals(value))) return h;
        }
        return null;
    }

    static Map<ProfileField, String> identifiers(Profile p) {
        java.util.EnumMap<ProfileField, String> m = new java.util.EnumMap<>(ProfileField.class);
        for (ProfileField f : ProfileField.IDENTIFIERS) {
            String v = ProfileChanges.current(p, f);
            if (v != null) m.put(f, f == ProfileField.EMAIL ? v.toLowerCase(java.util.Locale.ROOT) : v);
        }
        return m;
    }
}
