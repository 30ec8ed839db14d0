package dev.openprofile.lists;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Query;
import dev.openprofile.jsonapi.Resources;
import dev.openprofile.profiles.ProfileService;
import dev.openprofile.resource.ResourceKit;
import dev.openprofile.resource.ResourceRenderer;
import dev.openprofile.resource.ResourceRow;
import dev.openprofile.resource.ResourceService;
import dev.openprofile.store.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The list rules beyond the kit's: membership (which never touches consent, semantics §8), and what other
 * features ask of lists. The lists themselves are read and written through the kit's {@link ResourceService}.
 */
public final class ListService {
    private final Jdbc jdbc;
    private final ListStore store;
    private final ProfileService profiles;
    private final Clock clock;
    private final ResourceService lists;
    private final ResourceRenderer renderer;

    private ListService(Jdbc jdbc, ListStore store, ProfileService profiles, Clock clock, ResourceService lists,
                        ResourceRenderer renderer) {
        this.jdbc = jdbc;
        this.store = store;
        this.profiles = profiles;
        this.clock = clock;
        this.lists = lists;
        this.renderer = renderer;
    }

    /**
     * Declares the list in the server's kit, which then serves the list's own operations.
     *
     * @param ids                 list ids, Klaviyo-like (6 letters and digits)
     * @param accountDefaultOptIn the account's default opt-in process, for lists created without one
     */
    public static ListService register(ResourceKit kit, Jdbc jdbc, ProfileService profiles, Clock clock, Supplier<String> ids,
                                       Function<String, String> accountDefaultOptIn) {
        ListStore store = new ListStore();
        ResourceService lists = kit.register(ListKind.declare(ids, new ListHooks(jdbc, store, accountDefaultOptIn)));
        return new ListService(jdbc, store, profiles, clock, lists, kit.renderer());
    }

    /** The list, or its 404. */
    ResourceRow get(String accountId, String id) {
        return lists.get(accountId, id);
    }

    /** The lists a profile belongs to, by list id; 404 when there is no such profile. */
    List<ResourceRow> listsOf(String accountId, String profileId) {
        if (profiles.find(accountId, profileId).isEmpty()) {
            throw new ApiError(404, "not_found", "Not found.", "A profile with id '" + profileId + "' does not exist.",
                    ApiError.Source.parameter("id"), null);
        }
        return lists.findAll(accountId, jdbc.read(c -> store.listIdsOf(c, accountId, profileId)));
    }

    /** Lists as the spec shows them. */
    List<ObjectNode> render(String accountId, List<ResourceRow> rows, Query query) {
        return renderer.resources(accountId, lists.kind(), rows, query);
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
                if (!store.lockShared(c, accountId, listId)) throw lists.notFound(listId);
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
        return lists.exists(accountId, listId);
    }

    /** Of the given list ids, those the account does not have, in the order given. */
    public List<String> unknownIds(String accountId, List<String> listIds) {
        var known = new HashSet<>(lists.findAll(accountId, listIds).stream().map(ResourceRow::id).toList());
        return listIds.stream().filter(id -> !known.contains(id)).toList();
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
        return jdbc.read(c -> lists.find(c, accountId, listId).isEmpty()
                ? Optional.<List<String>>empty() : Optional.of(store.memberIds(c, accountId, listId, null)));
    }

    /** The list's opt-in process (single_opt_in or double_opt_in), or empty when there is no such list. */
    public Optional<String> optInProcess(String accountId, String listId) {
        return lists.find(accountId, listId).map(l -> l.attributes().get("opt_in_process").asText());
    }

    /** The lists with these ids as the spec shows them, in the order given (unknown ids are skipped). */
    public List<ObjectNode> resources(String accountId, List<String> listIds, Query query) {
        return render(accountId, lists.findAll(accountId, listIds), query);
    }

    public static ObjectNode identifier(String listId) {
        return Resources.identifier(ListKind.TYPE, listId);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);
    }

    private static ApiError unknownProfile(int index, String id) {
        return new ApiError(404, "not_found", "Not found.", "A profile with id '" + id + "' does not exist.",
                ApiError.Source.pointer("/data/" + index + "/id"), null);
    }

    /** How many lists the account holds (its overview in the console): an exact count, not for a paged table. */
    public long count(String accountId) {
        return jdbc.read(c -> dev.openprofile.store.Statements.number(c, "select count(*) from list where account_id = ?", accountId));
    }
}
