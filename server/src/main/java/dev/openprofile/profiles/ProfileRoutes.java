package dev.openprofile.profiles;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.http.ApiRequest;
import dev.openprofile.http.ApiResponse;
import dev.openprofile.http.Endpoint;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Links;
import dev.openprofile.jsonapi.Resources;
import dev.openprofile.store.Paging;
import java.util.List;

/** HTTP for the profile core: get_profiles, get_profile, create_profile, update_profile, create_or_update_profile. */
public final class ProfileRoutes {
    private final ProfileService service;
    private final Links links;

    public ProfileRoutes(ProfileService service, Links links) {
        this.service = service;
        this.links = links;
    }

    public List<Endpoint> endpoints() {
        return List.of(
                Endpoint.of("get_profiles", this::list).sortedBy("id"),
                Endpoint.of("get_profile", this::get),
                Endpoint.of("create_profile", this::create).limitBody(Endpoint.PROFILE_LIMIT),
                Endpoint.of("update_profile", this::update).limitBody(Endpoint.PROFILE_LIMIT),
                Endpoint.of("create_or_update_profile", this::upsert).limitBody(Endpoint.PROFILE_LIMIT));
    }

    private ApiResponse list(ApiRequest r) {
        Paging.Page<ProfileStore.Row> page = service.list(r.accountId(), r.query());
        List<ObjectNode> data = page.rows().stream()
                .map(row -> ProfileDescriptor.resource(row.profile(), r.query(), links)).toList();
        ObjectNode doc = Resources.collection(data, links.collection(r.path(), r.query().raw(),
                page.next().map(c -> c.encode()), page.prev().map(c -> c.encode())));
        if (!r.query().include().isEmpty()) doc.putArray("included");
        return ApiResponse.ok(doc);
    }

    private ApiResponse get(ApiRequest r) {
        Profile p = service.get(r.accountId(), r.pathParam("id"));
        ObjectNode doc = Resources.single(ProfileDescriptor.resource(p, r.query(), links));
        // Lists, segments, push tokens and conversations arrive with their issues; until then none exist.
        if (!r.query().include().isEmpty()) doc.putArray("included");
        return ApiResponse.ok(doc);
    }

    private ApiResponse create(ApiRequest r) {
        ProfileChanges changes = ProfileInput.parse(r.data(), ProfileInput.Shape.CREATE, "/data");
        Profile p = service.create(r.accountId(), changes);
        return ApiResponse.created(Resources.single(ProfileDescriptor.resource(p, r.query(), links)));
    }

    private ApiResponse update(ApiRequest r) {
        ProfileChanges changes = ProfileInput.parse(r.data(), ProfileInput.Shape.UPDATE, "/data");
        String id = r.pathParam("id");
        if (!id.equals(changes.id())) {
            // JSON:API: a PATCH whose data.id differs from the URL's is a 409 Conflict.
            throw new ApiError(409, "conflict", "Conflict.", "The id in the request body ('" + changes.id()
                    + "') does not match the id in the URL ('" + id + "').", ApiError.Source.pointer("/data/id"), null);
        }
        Profile p = service.update(r.accountId(), id, changes);
        return ApiResponse.ok(Resources.single(ProfileDescriptor.resource(p, r.query(), links)));
    }

    private ApiResponse upsert(ApiRequest r) {
        ProfileChanges changes = ProfileInput.parse(r.data(), ProfileInput.Shape.UPSERT, "/data");
        ProfileService.Upserted result = service.upsert(r.accountId(), changes);
        ObjectNode doc = Resources.single(ProfileDescriptor.resource(result.profile(), r.query(), links));
        return result.created() ? ApiResponse.created(doc) : ApiResponse.ok(doc);
    }
}
