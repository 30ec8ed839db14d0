package dev.openprofile.lists;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Links;
import dev.openprofile.jsonapi.Query;
import dev.openprofile.jsonapi.filter.SqlFilter;
import dev.openprofile.jsonapi.filter.SqlFragment;
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
import java.util.function.Function;
import java.util.function.Supplier;

/** The list rules: lists themselves, and membership (which never touches consent, semantics §8). */
public final class ListService {
    private static final int ID_ATTEMPTS = 5;
    private final Jdbc jdbc;
    private final ListStore store = new ListStore();
    private final ProfileService profiles;
    private final Clock clock;
    private final Supplier<String> ids;
    private final Function<String, String> accountDefaultOptIn;

    /**
     * @param ids                 list ids, Klaviyo-like (6 letters and digits)
     * @param accountDefaultOptIn the account's default opt-in process, for lists created without one
     */
    public ListService(Jdbc jdbc, ProfileService profiles, Clock clock, Supplier<String> ids,
                       Function<String, String> accountDefaultOptIn) {
        this.jdbc = jdbc;
        this.profiles = profiles;
        this.clock = clock;
        this.ids = ids;
        this.accountDefaultOptIn = accountDefaultOptIn;
    }

    StaticList create(String accountId, ListInput.ListChanges changes) {
        String optIn = changes.optInProcess() != null ? changes.optInProcess() : accountDefaultOptIn.apply(accountId);
        OffsetDateTime now = now();
        for (int attempt = 0; attempt < ID_ATTEMPTS; attempt++) {
            StaticList l = new StaticList(ids.get(), changes.name(), optIn, now, now);
            if (jdbc.read(c -> store.insert(c, accountId, l))) return l;
        }
        throw new IllegalStateException("no free list id after " + ID_ATTEMPTS + " attempts");
    }

    StaticList get(String accountId, String id) {
        return jdbc.read(c -> store.find(c, accountId, id, false)).orElseThrow(() -> notFound(id));
    }

    long profileCount(String accountId, String id) {
        return jdbc.read(c -> store.memberCount(c, accountId, id));
    }

    StaticList update(String accountId, String id, ListInput.ListChanges changes) {
        return jdbc.inTransaction(c -> {
            StaticList current = store.find(c, accountId, id, true).orElseThrow(() -> notFound(id));
            StaticList next = new StaticList(id,
                    changes.name() != null ? changes.name() : current.name(),
                    changes.optInProcess() != null ? changes.optInProcess() : current.optInProcess(),
                    current.created(), current.updated());
            if (next.equals(current)) return current;
            next = new StaticList(id, next.name(), next.optInProcess(), current.created(), now());
            store.update(c, accountId, next);
            return next;
        });
    }

    void delete(String accountId, String id) {
        if (!jdbc.inTransaction(c -> store.delete(c, accountId, id))) throw notFound(id);
    }

    Paging.Page<ListStore.Row> list(String accountId, Query query) {
        Query.Sort sort = query.sort().orElseThrow();
        Keyset keyset = ListDescriptor.keyset(sort);
        SqlFragment filter = SqlFilter.translate(query.filter(), SqlFilter.supported(query.filter(), ListDescriptor.FILTER_COLUMNS));
        Keyset.Position at = Paging.position(query.cursor());
        List<ListStore.Row> rows = jdbc.read(c -> store.list(c, accountId, filter, keyset, at, query.pageSize() + 1));
        return Paging.page(rows, query.pageSize(), query.cursor(), sort.field(), r -> new String[] {r.sortKey(), r.list().id()});
    }

    List<StaticList> listsOf(String accountId, String profileId) {
        if (profiles.find(accountId, profileId).isEmpty()) {
            throw new ApiError(404, "not_found", "Not found.", "A profile with id '" + profileId + "' does not exist.",
                    ApiError.Source.parameter("id"), null);
        }
        return jdbc.read(c -> store.listsOf(c, accountId, profileId));
    }

    /** Adds every profile or none: an unknown id is a 404 naming it, and nothing is applied. */
    void addMembers(String accountId, String listId, List<String> profileIds) {
        changeMembers(accountId, listId, profileIds, true);
    }

    void removeMembers(String accountId, String listId, List<String> profileIds) {
        changeMembers(accountId, listId, profileIds, false);
    }

    private void changeMembers(String accountId, String listId, List<String> profileIds, boolean add) {
        get(accountId, listId);
        if (profileIds.isEmpty()) return;
        List<String> unknown = profiles.unknownIds(accountId, profileIds);
        if (!unknown.isEmpty()) throw unknownProfile(profileIds.indexOf(unknown.get(0)), unknown.get(0));
        try {
            jdbc.inTransaction(c -> {
                // Share-lock the list row so a concurrent delete cannot interleave with the change.
                if (!store.lockShared(c, accountId, listId)) throw notFound(listId);
                if (add) store.addMembers(c, accountId, listId, profileIds, now());
                else store.removeMembers(c, accountId, listId, profileIds);
                return null;
            });
        } catch (Jdbc.StoreException e) {
            // A profile deleted since the check above: the foreign key refuses it, and nothing is applied.
            if (!"23503".equals(e.sqlException().getSQLState())) throw e;
            List<String> gone = profiles.unknownIds(accountId, profileIds);
            if (gone.isEmpty()) throw e;
            throw unknownProfile(profileIds.indexOf(gone.get(0)), gone.get(0));
        }
    }

    /** Whether the account has this list (segment definitions name lists). */
    public boolean exists(String accountId, String listId) {
        return jdbc.read(c -> store.find(c, accountId, listId, false)).isPresent();
    }

    /** Of the given list ids, those the account does not have, in the order given. */
    public List<String> unknownIds(String accountId, List<String> listIds) {
        return listIds.stream().filter(id -> jdbc.read(c -> store.find(c, accountId, id, false)).isEmpty()).toList();
    }

    /** Adds profiles to lists inside the caller's transaction (bulk import adds each chunk's profiles). */
    public void addMembers(Connection c, String accountId, List<String> listIds, List<String> profileIds)
            throws SQLException {
        if (profileIds.isEmpty()) return;
        for (String listId : listIds) store.addMembers(c, accountId, listId, profileIds, now());
    }

    /** Removes profiles from a list inside the caller's transaction (an unsubscribe from the list). */
    public void removeMembers(Connection c, String accountId, String listId, List<String> profileIds) throws SQLException {
        if (!profileIds.isEmpty()) store.removeMembers(c, accountId, listId, profileIds);
    }

    /** Whether the profile is on the list, read inside the caller's transaction. */
    public boolean isMember(Connection c, String accountId, String listId, String profileId) throws SQLException {
        return store.memberIds(c, accountId, listId, List.of(profileId)).contains(profileId);
    }

    /** Every current member of the list, or empty when there is no such list. */
    public Optional<List<String>> allMemberIds(String accountId, String listId) {
        return jdbc.read(c -> store.find(c, accountId, listId, false).isEmpty()
                ? Optional.<List<String>>empty() : Optional.of(store.memberIds(c, accountId, listId, null)));
    }

    /** The list's opt-in process (single_opt_in or double_opt_in), or empty when there is no such list. */
    public Optional<String> optInProcess(String accountId, String listId) {
        return jdbc.read(c -> store.find(c, accountId, listId, false)).map(StaticList::optInProcess);
    }

    /** The lists with these ids, in the order given (unknown ids are skipped). */
    public List<ObjectNode> resources(String accountId, List<String> listIds, Query query, Links links) {
        return listIds.stream().map(id -> jdbc.read(c -> store.find(c, accountId, id, false)))
                .flatMap(Optional::stream)
                .map(l -> ListDescriptor.resource(l, query, links, null)).toList();
    }

    public static ObjectNode identifier(String listId) {
        return ListDescriptor.identifier(listId);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);
    }

    static ApiError notFound(String id) {
        return new ApiError(404, "not_found", "Not found.", "A list with id '" + id + "' does not exist.",
                ApiError.Source.parameter("id"), null);
    }

    private static ApiError unknownProfile(int index, String id) {
        return new ApiError(404, "not_found", "Not found.", "A profile with id '" + id + "' does not exist.",
                ApiError.Source.pointer("/data/" + index + "/id"), null);
    }
}
