package dev.openprofile.lists;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.http.ApiRequest;
import dev.openprofile.http.ApiResponse;
import dev.openprofile.http.Endpoint;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Includer;
import dev.openprofile.jsonapi.Links;
import dev.openprofile.jsonapi.Resources;
import dev.openprofile.profiles.MemberEndpoints;
import dev.openprofile.profiles.ProfileService;
import dev.openprofile.store.Paging;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** HTTP for the Lists tag, and the profile-side list operations (a profile's lists). */
public final class ListRoutes {
    private final ListService service;
    private final ProfileService profiles;
    private final Links links;

    public ListRoutes(ListService service, ProfileService profiles, Links links) {
        this.service = service;
        this.profiles = profiles;
        this.links = links;
    }

    public List<Endpoint> endpoints() {
        List<Endpoint> out = new ArrayList<>(List.of(
                Endpoint.of("get_lists", this::list).sortedBy("id"),
                Endpoint.of("create_list", this::create),
                Endpoint.of("get_list", this::get),
                Endpoint.of("update_list", this::update),
                Endpoint.of("delete_list", this::delete),
                Endpoint.of("add_profiles_to_list", this::addMembers),
                Endpoint.of("remove_profiles_from_list", this::removeMembers),
                // Tags and flows do not exist yet: their collections are empty (docs/compatibility.md).
                Endpoint.of("get_tags_for_list", r -> empty(r)),
                Endpoint.of("get_tag_ids_for_list", r -> empty(r)),
                Endpoint.of("get_flows_triggered_by_list", r -> empty(r)),
                Endpoint.of("get_ids_for_flows_triggered_by_list", r -> empty(r)),
                Endpoint.of("get_lists_for_profile", this::listsOfProfile),
                Endpoint.of("get_list_ids_for_profile", this::listIdsOfProfile)));
        out.addAll(new MemberEndpoints(profiles, links, ListDescriptor.MEMBERSHIP, service::get)
                .endpoints("get_profiles_for_list", "get_profile_ids_for_list"));
        return out;
    }

    /** include=lists on a profile. */
    public Includer listsOfProfileIncluder() {
        return (accountId, profileId, query) -> service.listsOf(accountId, profileId).stream()
                .map(l -> ListDescriptor.resource(l, query, links, null)).toList();
    }

    private ApiResponse list(ApiRequest r) {
        Paging.Page<ListStore.Row> page = service.list(r.accountId(), r.query());
        List<ObjectNode> data = page.rows().stream().map(row -> ListDescriptor.resource(row.list(), r.query(), links, null)).toList();
        ObjectNode doc = Resources.collection(data, collectionLinks(r, page));
        if (!r.query().include().isEmpty()) doc.putArray("included");
        return ApiResponse.ok(doc);
    }

    private ApiResponse get(ApiRequest r) {
        String id = r.pathParam("id");
        StaticList l = service.get(r.accountId(), id);
        Long count = r.query().wantsAdditional(ListDescriptor.TYPE, "profile_count") ? service.profileCount(r.accountId(), id) : null;
        ObjectNode doc = Resources.single(ListDescriptor.resource(l, r.query(), links, count));
        if (!r.query().include().isEmpty()) doc.putArray("included");
        return ApiResponse.ok(doc);
    }

    private ApiResponse create(ApiRequest r) {
        StaticList l = service.create(r.accountId(), ListInput.create(r.data()));
        return ApiResponse.created(Resources.single(ListDescriptor.resource(l, r.query(), links, null)));
    }

    private ApiResponse update(ApiRequest r) {
        ListInput.ListChanges changes = ListInput.update(r.data());
        String id = r.pathParam("id");
        if (!id.equals(changes.id())) {
            throw ApiError.idMismatch(changes.id(), id);
        }
        StaticList l = service.update(r.accountId(), id, changes);
        return ApiResponse.ok(Resources.single(ListDescriptor.resource(l, r.query(), links, null)));
    }

    private ApiResponse delete(ApiRequest r) {
        service.delete(r.accountId(), r.pathParam("id"));
        return ApiResponse.noContent();
    }

    private ApiResponse addMembers(ApiRequest r) {
        service.addMembers(r.accountId(), r.pathParam("id"), ListInput.members(r.body()));
        return ApiResponse.noContent();
    }

    private ApiResponse removeMembers(ApiRequest r) {
        service.removeMembers(r.accountId(), r.pathParam("id"), ListInput.members(r.body()));
        return ApiResponse.noContent();
    }

    private ApiResponse listsOfProfile(ApiRequest r) {
        List<ObjectNode> data = service.listsOf(r.accountId(), r.pathParam("id")).stream()
                .map(l -> ListDescriptor.resource(l, r.query(), links, null)).toList();
        return ApiResponse.ok(Resources.collection(data, links.collection(r.path(), r.query().raw(), Optional.empty(), Optional.empty())));
    }

    private ApiResponse listIdsOfProfile(ApiRequest r) {
        List<ObjectNode> data = service.listsOf(r.accountId(), r.pathParam("id")).stream()
                .map(l -> ListDescriptor.identifier(l.id())).toList();
        return ApiResponse.ok(Resources.collection(data, links.collection(r.path(), r.query().raw(), Optional.empty(), Optional.empty())));
    }

    /** An empty collection for a list's tags or flow triggers, after checking that the list exists. */
    private ApiResponse empty(ApiRequest r) {
        service.get(r.accountId(), r.pathParam("id"));
        return ApiResponse.ok(Resources.collection(List.of(), links.collection(r.path(), r.query().raw(), Optional.empty(), Optional.empty())));
    }

    private ObjectNode collectionLinks(ApiRequest r, Paging.Page<?> page) {
        return links.collection(r.path(), r.query().raw(), page.next().map(c -> c.encode()), page.prev().map(c -> c.encode()));
    }
}
