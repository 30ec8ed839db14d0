package dev.openprofile.profiles;

import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Query;
import dev.openprofile.jsonapi.filter.SqlFilter;
import dev.openprofile.jsonapi.filter.SqlFragment;
import dev.openprofile.store.Jdbc;
import dev.openprofile.store.Statements;
import dev.openprofile.store.Keyset;
import dev.openprofile.store.Paging;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The profile rules: create, update and upsert with Klaviyo's identity resolution, reads and lists. */
public final class ProfileService {
    private static final Logger log = LoggerFactory.getLogger(ProfileService.class);
    private static final int UPSERT_ATTEMPTS = 8;
    private final Jdbc jdbc;
    private final ProfileStore store;
    private final Clock clock;
    private final Supplier<String> ids;
    private final SubscriptionsView subscriptions;
    private final Map<String, SqlFilter.Related> memberFilters;
    private final AnonymousIds anonymousIds = new AnonymousIds();
    private final AnonymousIdentity anonymous;

    /**
     * @param memberFilters the list and segment member filters that other features' rows hold (a member's push
     *                      tokens), over profile {@code p}; wired in App, since those features depend on profiles
     */
    public ProfileService(Jdbc jdbc, Clock clock, Supplier<String> ids, SubscriptionsView subscriptions,
                          Map<String, SqlFilter.Related> memberFilters, AnonymousIdentity.Merger merger) {
        this.jdbc = jdbc;
        this.store = new ProfileStore();
        this.clock = clock;
        this.ids = ids;
        this.subscriptions = subscriptions;
        this.memberFilters = Map.copyOf(memberFilters);
        this.anonymous = new AnonymousIdentity(store, anonymousIds, ids, merger);
    }

    /** The profiles feature's own rows about a profile (its anonymous ids), for merges and deletions. */
    public ProfileData profileData() {
        return anonymousIds;
    }

    /** Profiles as resources, with their subscriptions when the query asks for them. */
    public List<com.fasterxml.jackson.databind.node.ObjectNode> resources(String accountId, List<Profile> ps, Query query,
                                                                          dev.openprofile.jsonapi.Links links) {
        Map<String, com.fasterxml.jackson.databind.node.ObjectNode> subs = subscriptionsOf(accountId, ps, query);
        return ps.stream().map(p -> ProfileDescriptor.resource(p, subs, query, links)).toList();
    }

    /** Group members as resources (with joined_group_at), with their subscriptions when asked for. */
    List<com.fasterxml.jackson.databind.node.ObjectNode> memberResources(String accountId, List<Member> members,
                                                                                Query query, dev.openprofile.jsonapi.Links links) {
        Map<String, com.fasterxml.jackson.databind.node.ObjectNode> subs =
                subscriptionsOf(accountId, members.stream().map(Member::profile).toList(), query);
        return members.stream().map(m -> ProfileDescriptor.memberResource(m, subs, query, links)).toList();
    }

    private Map<String, com.fasterxml.jackson.databind.node.ObjectNode> subscriptionsOf(String accountId, List<Profile> ps,
                                                                                        Query query) {
        if (!query.wantsAdditional(ProfileDescriptor.TYPE, "subscriptions")) return Map.of();
        return subscriptions.render().apply(accountId, ps.stream().map(Profile::id).toList());
    }

    /** The id of the profile holding this email (case-insensitive) or phone number, if any. */
    public Optional<String> idByIdentifier(String accountId, String email, String phone) {
        return jdbc.read(c -> store.findByIdentifiers(c, accountId, email, phone, null, false)).stream()
                .map(Profile::id).findFirst();
    }

    /** The outcome of an upsert: the profile, and whether it was created (201) or updated (200). */
    public record Upserted(Profile profile, boolean created) {}

    /**
     * A group table another feature owns (list or segment members) that the profile queries join:
     * {@code table(account_id, groupColumn, memberColumn, joinedColumn)}. The names are the owning
     * feature's code constants, checked here, never request input.
     */
    public record Membership(String table, String groupColumn, String memberColumn, String joinedColumn) {
        public Membership {
            for (String name : List.of(table, groupColumn, memberColumn, joinedColumn)) {
                if (!name.matches("[a-z_]+")) throw new IllegalArgumentException("not an SQL name: " + name);
            }
        }
    }

    /** A group member: the profile and when it joined. */
    public record Member(Profile profile, OffsetDateTime joined) {}

    /**
     * The members of one group, with the profile filters and the joined_group_at sort the spec allows
     * on member endpoints, in keyset pages.
     */
    Paging.Page<Member> members(String accountId, Membership group, String groupId, Query query) {
        Query.Sort sort = query.sort().orElseThrow();
        Keyset keyset = ProfileDescriptor.memberKeyset(sort, group);
        SqlFragment filter = SqlFilter.translate(query.filter(),
                ProfileDescriptor.memberFilterColumns(query.filter(), group, memberFilters.keySet()), memberFilters);
        Keyset.Position at = Paging.position(query.cursor());
        List<ProfileStore.MemberRow> rows = jdbc.read(c ->
                store.members(c, accountId, group, groupId, filter, keyset, at, query.pageSize() + 1));
        Paging.Page<ProfileStore.MemberRow> page = Paging.page(rows, query.pageSize(), query.cursor(), sort.field(),
                r -> new String[] {r.sortKey(), r.member().profile().id()});
        return new Paging.Page<>(page.rows().stream().map(ProfileStore.MemberRow::member).toList(),
                page.next(), page.prev());
    }

    /** Of the given ids, those that name no profile of the account, in the order given. */
    public List<String> unknownIds(String accountId, List<String> ids) {
        java.util.Set<String> known = jdbc.read(c -> store.existingIds(c, accountId, ids));
        return ids.stream().filter(id -> !known.contains(id)).toList();
    }

    public Optional<Profile> find(String accountId, String id) {
        return jdbc.read(c -> store.find(c, accountId, id, false));
    }

    /** The profile, or the 404 Klaviyo answers for an unknown profile id in the path ({@code source.parameter: id}). */
    public Profile get(String accountId, String id) {
        return jdbc.read(c -> store.find(c, accountId, id, false)).orElseThrow(() -> notFound(id));
    }

    Paging.Page<ProfileStore.Row> list(String accountId, Query query) {
        Query.Sort sort = query.sort().orElseThrow();
        Keyset keyset = ProfileDescriptor.keyset(sort, subscriptions.sortKeys());
        SqlFragment filter = SqlFilter.translate(query.filter(),
                ProfileDescriptor.filterColumns(query.filter(), subscriptions.filters().keySet()), subscriptions.filters());
        Keyset.Position at = Paging.position(query.cursor());
        List<ProfileStore.Row> rows = jdbc.read(c -> store.list(c, accountId, filter, keyset, at, query.pageSize() + 1));
        return Paging.page(rows, query.pageSize(), query.cursor(), sort.field(),
                r -> new String[] {r.sortKey(), r.profile().id()});
    }

    /** create_profile: 409 duplicate_profile when any identifier already belongs to a profile. */
    Profile create(String accountId, ProfileChanges changes) {
        return withIdentityRetries(accountId, () -> jdbc.inTransaction(c -> {
            List<Profile> existing = store.findByIdentifiers(c, accountId, changes.value(ProfileField.EMAIL),
                    changes.value(ProfileField.PHONE_NUMBER), changes.value(ProfileField.EXTERNAL_ID), true);
            if (!existing.isEmpty()) throw duplicate(existing.get(0).id());
            Profile p = changes.applyTo(null, ids.get(), now());
            if (!store.insert(c, accountId, p)) throw new IdentityRace();
            return p;
        }));
    }

    /** update_profile: null clears, absent keeps; an identifier taken by another profile is a 409. */
    Profile update(String accountId, String id, ProfileChanges changes) {
        return withIdentityRetries(accountId, () -> jdbc.inTransaction(c -> {
            Profile current = store.find(c, accountId, id, true).orElseThrow(() -> notFound(id));
            return save(c, accountId, current, changes).orElseThrow(IdentityRace::new);
        }));
    }

    /**
     * create_or_update_profile, and the one upsert path of every feature that upserts profiles. Match
     * order id, email (case-insensitive), phone number, external id (semantics §10, gap decided in
     * docs/compatibility.md); identifiers that name two different profiles are a 409.
     *
     * <p>The common cases take no lock: a profile none of whose identifiers exists is one INSERT, and
     * an existing one is read and then written only if its row version is unchanged. Any race (an
     * identifier taken, a version moved) falls back to the locking transaction, which always settles.
     */
    public Upserted upsert(String accountId, ProfileChanges changes) {
        // An anonymous visitor's request locks its id's row first: the locking path only.
        if (changes.anonymousId() != null) {
            return withIdentityRetries(accountId, () -> jdbc.inTransaction(c -> upsertLocked(c, accountId, changes)));
        }
        if (changes.id() == null) {
            Profile fresh = changes.applyTo(null, ids.get(), now());
            if (jdbc.read(c -> store.insert(c, accountId, fresh))) return new Upserted(fresh, true);
            try {
                Optional<Upserted> done = jdbc.read(c -> upsert(c, accountId, changes, false));
                if (done.isPresent()) return done.get();
            } catch (Jdbc.StoreException e) {
                if (!"23505".equals(e.sqlException().getSQLState())) throw e;
            }
        }
        return withIdentityRetries(accountId, () -> jdbc.inTransaction(
                c -> upsert(c, accountId, changes, true).orElseThrow(IdentityRace::new)));
    }

    /**
     * The profile these changes name under the upsert rules, without writing anything: empty when the
     * rules would create one (a push token's unregistration names its profile this way). An unknown id
     * is a 404 and identifiers naming two profiles a 409, as for an upsert.
     */
    public Optional<Profile> resolve(String accountId, ProfileChanges changes) {
        if (changes.anonymousId() != null && changes.id() == null && !changes.namesIdentifier()) {
            return jdbc.read(c -> {
                Optional<String> holder = anonymousIds.holder(c, accountId, changes.anonymousId(), false);
                return holder.isEmpty() ? Optional.<Profile>empty() : store.find(c, accountId, holder.get(), false);
            });
        }
        return jdbc.read(c -> switch (UpsertRules.upsert(view(c, accountId, false), changes, ids, now())) {
            case UpsertRules.Create x -> Optional.<Profile>empty();
            case UpsertRules.Update x -> Optional.of(x.current());
            case UpsertRules.Keep x -> Optional.of(x.current());
        });
    }

    /**
     * The upsert inside the caller's transaction (bulk import runs many in one chunk), with the same
     * rules as {@link #upsert(String, ProfileChanges)}. Takes row locks; a unique-index race surfaces
     * as an SQLException (23505) for the caller to retry, e.g. from a savepoint.
     */
    public Upserted upsertLocked(Connection c, String accountId, ProfileChanges changes) throws SQLException {
        return upsertLocked(c, accountId, changes, null);
    }

    /**
     * As {@link #upsertLocked(Connection, String, ProfileChanges)}, for the profile of an event at
     * {@code eventTime}: its newest event moves last_event_date and updated, in the same write.
     */
    public Upserted upsertLocked(Connection c, String accountId, ProfileChanges changes, OffsetDateTime eventTime)
            throws SQLException {
        if (changes.anonymousId() != null) {
            return anonymous.upsertLocked(c, accountId, changes, view(c, accountId, true), now(),
                    d -> execute(c, accountId, eventTime == null ? d : withEvent(d, eventTime)));
        }
        for (int attempt = 1; attempt <= UPSERT_ATTEMPTS; attempt++) {
            // An insert that lost a race did nothing and left the transaction usable: look again.
            UpsertRules.Decision d = UpsertRules.upsert(view(c, accountId, true), changes, ids, now());
            Optional<Upserted> done = execute(c, accountId, eventTime == null ? d : withEvent(d, eventTime));
            if (done.isPresent()) return done.get();
        }
        throw new IllegalStateException("identity race did not settle");
    }

    private UpsertRules.Decision withEvent(UpsertRules.Decision d, OffsetDateTime eventTime) {
        OffsetDateTime now = now();
        return switch (d) {
            case UpsertRules.Create x -> new UpsertRules.Create(x.profile().withEvent(eventTime, now));
            case UpsertRules.Update x -> new UpsertRules.Update(x.current(), x.next().withEvent(eventTime, now));
            case UpsertRules.Keep x -> {
                Profile moved = x.current().withEvent(eventTime, now);
                yield moved == x.current() ? x : new UpsertRules.Update(x.current(), moved);
            }
        };
    }

    /** Empty when, without locks, a concurrent write got in between the read and the write. */
    private Optional<Upserted> upsert(Connection c, String accountId, ProfileChanges changes, boolean lock)
            throws SQLException {
        return execute(c, accountId, UpsertRules.upsert(view(c, accountId, lock), changes, ids, now()));
    }

    /** Applies the changes and writes them if the row is still as read; empty when it was not. */
    private Optional<Profile> save(Connection c, String accountId, Profile current, ProfileChanges changes)
            throws SQLException {
        return execute(c, accountId, UpsertRules.change(view(c, accountId, true), current, changes, now()))
                .map(Upserted::profile);
    }

    private Optional<Upserted> execute(Connection c, String accountId, UpsertRules.Decision decision) throws SQLException {
        return switch (decision) {
            case UpsertRules.Create create -> store.insert(c, accountId, create.profile())
                    ? Optional.of(new Upserted(create.profile(), true)) : Optional.empty();
            case UpsertRules.Update update -> store.update(c, accountId, update.next())
                    ? Optional.of(new Upserted(withVersion(update.next(), update.next().version() + 1), false))
                    : Optional.empty();
            case UpsertRules.Keep keep -> Optional.of(new Upserted(keep.current(), false));
        };
    }

    private static Profile withVersion(Profile p, long version) {
        return new Profile(p.id(), p.email(), p.phoneNumber(), p.externalId(), p.kx(), p.firstName(), p.lastName(),
                p.organization(), p.locale(), p.title(), p.image(), p.location(), p.properties(), p.created(),
                p.updated(), p.lastEventDate(), version);
    }

    /** The database as the upsert rules see it, one statement per question. */
    private UpsertRules.View view(Connection c, String accountId, boolean lock) {
        return new UpsertRules.View() {
            public Optional<Profile> byId(String id) throws SQLException {
                return store.find(c, accountId, id, lock);
            }

            public List<Profile> holders(String email, String phone, String externalId) throws SQLException {
                return store.findByIdentifiers(c, accountId, email, phone, externalId, lock);
            }

            public Optional<String> ownerOf(ProfileField field, String value) throws SQLException {
                return store.ownerOf(c, accountId, field, value);
            }
        };
    }

    /**
     * The profiles one identifier names, at most {@code limit}, locked in the caller's transaction (a
     * data-privacy deletion deletes them in committed chunks).
     */
    public List<String> lockMatching(Connection c, String accountId, Identifier identifier, String value, int limit)
            throws SQLException {
        return store.lockMatching(c, accountId, identifier, value, limit);
    }

    /**
     * Deletes profile rows in the caller's transaction. Call it after every feature's {@link ProfileData#delete}
     * has run, so that no feature's rows are left about a profile that no longer exists.
     */
    public void deleteLocked(Connection c, String accountId, List<String> ids) throws SQLException {
        store.delete(c, accountId, ids);
    }

    /** The set-based upsert of bulk import chunks, under the same rules (see {@link ChunkUpsert}). */
    public ChunkUpsert chunks() {
        return new ChunkUpsert(store, ids, this::now);
    }

    /**
     * Upserts many profiles inside the caller's transaction (a bulk import's chunk, a custom object chunk's profiles):
     * the set-based {@link ChunkUpsert} under a savepoint; when a concurrent write got in between its locking read
     * and its writes, that is undone and the profiles go one at a time, each retried on an identity race. One result
     * per item, in order: its profile id or the error that failed it.
     */
    public List<ChunkUpsert.ItemResult> upsertChunk(Connection c, String accountId, List<ProfileChanges> changes) throws SQLException {
        java.sql.Savepoint sp = c.setSavepoint();
        try {
            List<ChunkUpsert.ItemResult> results = chunks().upsertAll(c, accountId, changes);
            c.releaseSavepoint(sp);
            return results;
        } catch (ChunkUpsert.ChunkRace race) {
            c.rollback(sp);
        } catch (SQLException e) {
            c.rollback(sp);
            if (!"23505".equals(e.getSQLState())) throw e;
        }
        log.info("a concurrent write touched a chunk's profiles in account {}: upserting its {} profiles one at a time",
                accountId, changes.size());
        List<ChunkUpsert.ItemResult> results = new ArrayList<>();
        for (ProfileChanges ch : changes) {
            try {
                results.add(new ChunkUpsert.ItemResult(upsertRetried(c, accountId, ch), null));
            } catch (ApiError e) {
                results.add(new ChunkUpsert.ItemResult(null, e));
            }
        }
        return results;
    }

    /** One upsert under its own savepoint, retried when a concurrent transaction took an identifier first. */
    private String upsertRetried(Connection c, String accountId, ProfileChanges changes) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            java.sql.Savepoint sp = c.setSavepoint();
            try {
                String id = upsertLocked(c, accountId, changes).profile().id();
                c.releaseSavepoint(sp);
                return id;
            } catch (SQLException e) {
                c.rollback(sp);
                if (!"23505".equals(e.getSQLState()) || attempt >= UPSERT_ATTEMPTS) throw e;
            } catch (ApiError e) {
                c.rollback(sp);
                throw e;
            }
        }
    }


    /**
     * Unique indexes decide identity races: a losing insert or update is retried, and the retry then
     * sees the winner's row (an update) or names it in a 409. Never a 500.
     */
    /**
     * A transaction of another feature that upserts a profile ({@link #upsertLocked}) along with its own
     * writes: retried whole when an identity race (a unique violation on a profile identifier) aborts it,
     * as {@link #upsert(String, ProfileChanges)} is.
     */
    public <T> T inUpsertTransaction(String accountId, Jdbc.Work<T> work) {
        return withIdentityRetries(accountId, () -> jdbc.inTransaction(work));
    }

    private <T> T withIdentityRetries(String accountId, Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return work.get();
            } catch (IdentityRace race) {
                if (attempt >= UPSERT_ATTEMPTS) throw new IllegalStateException("identity race did not settle");
            } catch (Jdbc.StoreException e) {
                boolean race = "23505".equals(e.sqlException().getSQLState()) || e.conflict();
                if (!race || attempt >= UPSERT_ATTEMPTS) throw e;
            }
        }
    }

    private OffsetDateTime now() {
        // Klaviyo's timestamps have whole seconds; storing the same precision keeps filters and output consistent.
        return OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);
    }

    static ApiError notFound(String id) {
        return new ApiError(404, "not_found", "Not found.", "A profile with id '" + id + "' does not exist.",
                ApiError.Source.parameter("id"), null);
    }

    static ApiError duplicate(String existingId) {
        return ApiError.conflict("duplicate_profile", "A profile already exists with one of these identifiers.",
                "/data/attributes", Map.of("duplicate_profile_id", existingId));
    }

    /** A concurrent transaction took an identifier between our read and our write. */
    private static final class IdentityRace extends RuntimeException {
        IdentityRace() { super(null, null, false, false); }
    }

    /** How many profiles the account holds (its overview in the console): an exact count, not for a paged table. */
    public long count(String accountId) {
        return jdbc.read(c -> Statements.number(c, "select count(*) from profile where account_id = ?", accountId));
    }
}
