package dev.openprofile.segments;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Query;
import dev.openprofile.jsonapi.filter.SqlFilter;
import dev.openprofile.jsonapi.filter.SqlFragment;
import dev.openprofile.profiles.ProfileService;
import dev.openprofile.segments.engine.References;
import dev.openprofile.store.Jdbc;
import dev.openprofile.store.Keyset;
import dev.openprofile.store.Paging;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The segment rules: segments themselves, evaluated by the engine in the request that creates or
 * changes them (Klaviyo builds them asynchronously; docs/compatibility.md), and reads of their members.
 * An inactive segment's members stay as they were until it is activated again.
 */
public final class SegmentService {
    private static final int ID_ATTEMPTS = 5;
    private final Jdbc jdbc;
    private final SegmentStore store = new SegmentStore();
    private final SegmentDefinitions definitions;
    private final ProfileService profiles;
    private final Clock clock;
    private final Supplier<String> ids;
    private final SegmentMaintenance maintenance;

    /**
     * @param references what a definition may name (lists, metrics), from their owners' services
     * @param ids        segment ids, Klaviyo-like (6 letters and digits)
     */
    public SegmentService(Jdbc jdbc, ProfileService profiles, References references, Clock clock, Supplier<String> ids) {
        this.jdbc = jdbc;
        this.definitions = new SegmentDefinitions(references);
        this.profiles = profiles;
        this.clock = clock;
        this.ids = ids;
        this.maintenance = new SegmentMaintenance(jdbc, store, definitions, clock);
    }

    /** Stores the segment and its first members in one transaction: it is never seen half-built. */
    Segment create(String accountId, SegmentInput.SegmentChanges changes) {
        SegmentDefinitions.Parsed definition = definitions.parse(accountId, changes.definition(), SegmentInput.DEFINITION);
        OffsetDateTime now = now();
        boolean starred = Boolean.TRUE.equals(changes.isStarred());
        for (int attempt = 0; attempt < ID_ATTEMPTS; attempt++) {
            Segment s = new Segment(ids.get(), changes.name(), definition.json(), true, starred, false, now, now);
            boolean inserted = jdbc.inTransaction(c -> {
                if (!store.insert(c, accountId, s)) return false;
                definitions.refresh(c, accountId, s.id(), definition, now);
                store.markRefreshed(c, accountId, s.id(), now);
                return true;
            });
            if (inserted) return s;
        }
        throw new IllegalStateException("no free segment id after " + ID_ATTEMPTS + " attempts");
    }

    /** Starts keeping every account's segments current in the background, every {@code every}. */
    /** Drops what this node caches about the account's segments: its state was reset or replaced (package state). */
    public void forget(String accountId) {
        definitions.forget(accountId);
    }

    public SegmentRefresher startRefresher(java.time.Duration every) {
        return new SegmentRefresher(maintenance, every);
    }

    /** The segment; its members are brought up to date first (every read of membership passes here). */
    Segment get(String accountId, String id) {
        maintenance.catchUp(accountId);
        return jdbc.read(c -> store.find(c, accountId, id, false)).orElseThrow(() -> notFound(id));
    }

    /** The member count; read after {@link #get}, which has brought membership up to date. */
    long profileCount(String accountId, String id) {
        return jdbc.read(c -> store.memberCount(c, accountId, id));
    }

    /**
     * Renames, stars, replaces the definition, deactivates or activates. An active segment given a
     * definition, or activated, is evaluated again; an inactive one keeps its members (its definition
     * is stored and used when it is activated). {@code updated} moves only when something changed.
     */
    Segment update(String accountId, String id, SegmentInput.SegmentChanges changes) {
        SegmentDefinitions.Parsed given = changes.definition() == null ? null
                : definitions.parse(accountId, changes.definition(), SegmentInput.DEFINITION);
        return jdbc.inTransaction(c -> {
            Segment current = store.find(c, accountId, id, true).orElseThrow(() -> notFound(id));
            boolean active = changes.isActive() != null ? changes.isActive() : current.isActive();
            ObjectNode definition = given != null ? given.json() : current.definition();
            Segment next = new Segment(id,
                    changes.name() != null ? changes.name() : current.name(), definition, active,
                    changes.isStarred() != null ? changes.isStarred() : current.isStarred(),
                    current.isProcessing(), current.created(), current.updated());
            Segment saved = current;
            if (!next.equals(current)) {
                saved = new Segment(id, next.name(), next.definition(), next.isActive(), next.isStarred(),
                        next.isProcessing(), current.created(), now());
                store.update(c, accountId, saved);
            }
            if (active && (given != null || !current.isActive())) {
                // Activation evaluates the stored definition when none is given: it must still hold
                // (a list it names may have been deleted meanwhile).
                SegmentDefinitions.Parsed evaluated = given != null ? given
                        : definitions.parse(accountId, definition, SegmentInput.DEFINITION);
                definitions.refresh(c, accountId, id, evaluated, now());
                store.markRefreshed(c, accountId, id, now());
            }
            return saved;
        });
    }

    void delete(String accountId, String id) {
        if (!jdbc.inTransaction(c -> store.delete(c, accountId, id))) throw notFound(id);
    }

    Paging.Page<SegmentStore.Row> list(String accountId, Query query) {
        Query.Sort sort = query.sort().orElseThrow();
        Keyset keyset = SegmentDescriptor.keyset(sort);
        SqlFragment filter = SqlFilter.translate(query.filter(), SqlFilter.supported(query.filter(), SegmentDescriptor.FILTER_COLUMNS));
        Keyset.Position at = Paging.position(query.cursor());
        List<SegmentStore.Row> rows = jdbc.read(c -> store.list(c, accountId, filter, keyset, at, query.pageSize() + 1));
        return Paging.page(rows, query.pageSize(), query.cursor(), sort.field(), r -> new String[] {r.sortKey(), r.segment().id()});
    }

    List<Segment> segmentsOf(String accountId, String profileId) {
        if (profiles.find(accountId, profileId).isEmpty()) {
            throw new ApiError(404, "not_found", "Not found.", "A profile with id '" + profileId + "' does not exist.",
                    ApiError.Source.parameter("id"), null);
        }
        maintenance.catchUp(accountId);
        return jdbc.read(c -> store.segmentsOf(c, accountId, profileId));
    }

    /** Of the given segment ids, those the account does not have, in the order given (tags label segments). */
    public List<String> unknownIds(String accountId, List<String> segmentIds) {
        if (segmentIds.isEmpty()) return List.of();
        return jdbc.read(c -> store.unknownIds(c, accountId, segmentIds));
    }

    /** Every current member of the segment (what bulk suppression acts on), or empty when there is no such segment. */
    /**
     * Brings the account's segment memberships up to date with every write committed before (a feature that reads
     * segment_membership in its own SQL, a campaign's audience, calls it first).
     */
    public void catchUp(String accountId) {
        maintenance.catchUp(accountId);
    }

    public Optional<List<String>> allMemberIds(String accountId, String segmentId) {
        maintenance.catchUp(accountId);
        return jdbc.read(c -> store.find(c, accountId, segmentId, false).isEmpty()
                ? Optional.<List<String>>empty() : Optional.of(store.memberIds(c, accountId, segmentId)));
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);
    }

    static ApiError notFound(String id) {
        return new ApiError(404, "not_found", "Not found.", "A segment with id '" + id + "' does not exist.",
                ApiError.Source.parameter("id"), null);
    }

    /** How many segments the account holds (its overview in the console): an exact count, not for a paged table. */
    public long count(String accountId) {
        return jdbc.read(c -> dev.openprofile.store.Statements.number(c, "select count(*) from segment where account_id = ?", accountId));
    }
}
