package dev.openprofile.profiles;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.http.ApiRequest;
import dev.openprofile.http.ApiResponse;
import dev.openprofile.http.Endpoint;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Includer;
import dev.openprofile.jsonapi.Links;
import dev.openprofile.jsonapi.Resources;
import dev.openprofile.store.Paging;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** HTTP for the profile core: get_profiles, get_profile, create_profile, update_profile, create_or_update_profile. */
public final class ProfileRoutes {
    private final ProfileService service;
    private final Links links;
    private final Map<String, Includer> includers;

    /** @param includers related resources by include name (e.g. "lists"), from the features that own them */
    public ProfileRoutes(ProfileService service, Links links, Map<String, Includer> includers) {
        this.service = service;
        this.links = links;
        this.includers = Map.copyOf(includers);
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
        List<ObjectNode> data = service.resources(r.accountId(),
                page.rows().stream().map(ProfileStore.Row::profile).toList(), r.query(), links);
        ObjectNode doc = Resources.collection(data, links.collection(r.path(), r.query().raw(),
                page.next().map(c -> c.encode()), page.prev().map(c -> c.encode())));
        include(r, doc, data);
        return ApiResponse.ok(doc);
    }

    private ApiResponse get(ApiRequest r) {
        Profile p = service.get(r.accountId(), r.pathParam("id"));
        ObjectNode resource = one(r, p);
        ObjectNode doc = Resources.single(resource);
        include(r, doc, List.of(resource));
        return ApiResponse.ok(doc);
    }

    /**
     * The included resources of each profile (each once), with the profiles' linkage. Conversations arrive
     * with their issue; until then a profile has none.
     */
    private void include(ApiRequest r, ObjectNode doc, List<ObjectNode> profiles) {
        if (r.query().include().isEmpty()) return;
        ArrayNode included = doc.putArray("included");
        Set<String> seen = new HashSet<>();
        for (ObjectNode resource : profiles) {
            for (String name : r.query().include()) {
                Includer includer = includers.get(name);
                List<ObjectNode> related = includer == null ? List.of()
                        : includer.related(r.accountId(), resource.get("id").asText(), r.query());
                ArrayNode linkage = ((ObjectNode) resource.get("relationships").get(name)).putArray("data");
                for (ObjectNode x : related) {
                    linkage.addObject().put("type", x.get("type").asText()).put("id", x.get("id").asText());
                    if (seen.add(x.get("type").asText() + "/" + x.get("id").asText())) included.add(x);
                }
            }
        }
    }

    private ApiResponse create(ApiRequest r) {
        ProfileChanges changes = ProfileInput.parse(r.data(), ProfileInput.Shape.CREATE, "/data");
        Profile p = service.create(r.accountId(), changes);
        return ApiResponse.created(Resources.single(one(r, p)));
    }

    private ApiResponse update(ApiRequest r) {
        ProfileChanges changes = ProfileInput.parse(r.data(), ProfileInput.Shape.UPDATE, "/data");
        String id = r.pathParam("id");
        if (!id.equals(changes.id())) {
            throw ApiError.idMismatch(changes.id(), id);
        }
        Profile p = service.update(r.accountId(), id, changes);
        return ApiResponse.ok(Resources.single(one(r, p)));
    }

    private ApiResponse upsert(ApiRequest r) {
        ProfileChanges changes = ProfileInput.parse(r.data(), ProfileInput.Shape.UPSERT, "/data");
        ProfileService.Upserted result = service.upsert(r.accountId(), changes);
        ObjectNode doc = Resources.single(one(r, result.profile()));
        return result.created() ? ApiResponse.created(doc) : ApiResponse.ok(doc);
    }

    private ObjectNode one(ApiRequest r, Profile p) {
        return service.resources(r.accountId(), List.of(p), r.query(), links).get(0);
    }
}
