package dev.openprofile.lists;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.http.ApiRequest;
import dev.openprofile.http.ApiResponse;
import dev.openprofile.http.Endpoint;
import dev.openprofile.jsonapi.Includer;
import dev.openprofile.jsonapi.Links;
import dev.openprofile.jsonapi.Resources;
import dev.openprofile.profiles.MemberEndpoints;
import dev.openprofile.profiles.ProfileService;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * HTTP for what the kit does not serve from {@link ListKind}: a list's members and the
 * profile-side list operations (a profile's lists).
 */
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
                Endpoint.of("add_profiles_to_list", this::addMembers),
                Endpoint.of("remove_profiles_from_list", this::removeMembers),
                // A list's flow triggers are the flows feature's (flows.Flows), its tags the tags feature's (tags.Tags).
                Endpoint.of("get_lists_for_profile", this::listsOfProfile),
                Endpoint.of("get_list_ids_for_profile", this::listIdsOfProfile)));
        out.addAll(new MemberEndpoints(profiles, links, ListKind.MEMBERSHIP, service::get)
                .endpoints("get_profiles_for_list", "get_profile_ids_for_list"));
        return out;
    }

    /** include=lists on a profile. */
    public Includer listsOfProfileIncluder() {
        return (accountId, profileId, query) -> service.render(accountId, service.listsOf(accountId, profileId), query);
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
        return unpaged(r, service.render(r.accountId(), service.listsOf(r.accountId(), r.pathParam("id")), r.query()));
    }

    private ApiResponse listIdsOfProfile(ApiRequest r) {
        return unpaged(r, service.listsOf(r.accountId(), r.pathParam("id")).stream()
                .map(l -> ListService.identifier(l.id())).toList());
    }

    private ApiResponse unpaged(ApiRequest r, List<ObjectNode> data) {
        return ApiResponse.ok(Resources.collection(data, links.collection(r.path(), r.query().raw(), Optional.empty(), Optional.empty())));
    }
}
