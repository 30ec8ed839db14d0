package dev.openprofile.segments;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.http.ApiRequest;
import dev.openprofile.http.ApiResponse;
import dev.openprofile.http.Endpoint;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.BatchIncluder;
import dev.openprofile.jsonapi.Includer;
import dev.openprofile.jsonapi.Links;
import dev.openprofile.jsonapi.Resources;
import dev.openprofile.profiles.MemberEndpoints;
import dev.openprofile.profiles.ProfileService;
import dev.openprofile.store.Paging;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** HTTP for the Segments tag, and the profile-side segment operations (a profile's segments). */
public final class SegmentRoutes {
    private final SegmentService service;
    private final ProfileService profiles;
    private final Links links;
    private final BatchIncluder tags;
    private final BatchIncluder flowTriggers;

    /**
     * @param tags         include=tags: a page of segments' tags, from the tags feature
     * @param flowTriggers include=flow-triggers: the flows a page of segments trigger, from the flows feature
     */
    public SegmentRoutes(SegmentService service, ProfileService profiles, Links links, BatchIncluder tags, BatchIncluder flowTriggers) {
        this.service = service;
        this.profiles = profiles;
        this.links = links;
        this.tags = tags;
        this.flowTriggers = flowTriggers;
    }

    public List<Endpoint> endpoints() {
        List<Endpoint> out = new ArrayList<>(List.of(
                Endpoint.of("get_segments", this::list).sortedBy("id"),
                Endpoint.of("create_segment", this::create),
                Endpoint.of("get_segment", this::get),
                Endpoint.of("update_segment", this::update),
                Endpoint.of("delete_segment", this::delete),
                // A segment's flow triggers are the flows feature's (flows.Flows), its tags the tags feature's; each
                // supplies its include.
                Endpoint.of("get_segments_for_profile", this::segmentsOfProfile),
                Endpoint.of("get_segment_ids_for_profile", this::segmentIdsOfProfile)));
        out.addAll(new MemberEndpoints(profiles, links, SegmentDescriptor.MEMBERSHIP, service::get)
                .endpoints("get_profiles_for_segment", "get_profile_ids_for_segment"));
        return out;
    }

    /** include=segments on a profile. */
    public Includer segmentsOfProfileIncluder() {
        return (accountId, profileId, query) -> service.segmentsOf(accountId, profileId).stream()
                .map(s -> SegmentDescriptor.resource(s, query, links, null)).toList();
    }

    private ApiResponse list(ApiRequest r) {
        Paging.Page<SegmentStore.Row> page = service.list(r.accountId(), r.query());
        List<ObjectNode> data = page.rows().stream()
                .map(row -> SegmentDescriptor.resource(row.segment(), r.query(), links, null)).toList();
        ObjectNode doc = Resources.collection(data, collectionLinks(r, page));
        include(r, data, doc);
        return ApiResponse.ok(doc);
    }

    private ApiResponse get(ApiRequest r) {
        String id = r.pathParam("id");
        Segment s = service.get(r.accountId(), id);
        Long count = r.query().wantsAdditional(SegmentDescriptor.TYPE, "profile_count")
                ? service.profileCount(r.accountId(), id) : null;
        ObjectNode node = SegmentDescriptor.resource(s, r.query(), links, count);
        ObjectNode doc = Resources.single(node);
        include(r, List.of(node), doc);
        return ApiResponse.ok(doc);
    }

    private ApiResponse create(ApiRequest r) {
        Segment s = service.create(r.accountId(), SegmentInput.create(r.data()));
        return ApiResponse.created(Resources.single(SegmentDescriptor.resource(s, r.query(), links, null)));
    }

    private ApiResponse update(ApiRequest r) {
        SegmentInput.SegmentChanges changes = SegmentInput.update(r.data());
        String id = r.pathParam("id");
        if (!id.equals(changes.id())) {
            throw ApiError.idMismatch(changes.id(), id);
        }
        Segment s = service.update(r.accountId(), id, changes);
        return ApiResponse.ok(Resources.single(SegmentDescriptor.resource(s, r.query(), links, null)));
    }

    private ApiResponse delete(ApiRequest r) {
        service.delete(r.accountId(), r.pathParam("id"));
        return ApiResponse.noContent();
    }

    private ApiResponse segmentsOfProfile(ApiRequest r) {
        List<ObjectNode> data = service.segmentsOf(r.accountId(), r.pathParam("id")).stream()
                .map(s -> SegmentDescriptor.resource(s, r.query(), links, null)).toList();
        return ApiResponse.ok(Resources.collection(data, onePage(r)));
    }

    private ApiResponse segmentIdsOfProfile(ApiRequest r) {
        List<ObjectNode> data = service.segmentsOf(r.accountId(), r.pathParam("id")).stream()
                .map(s -> SegmentDescriptor.identifier(s.id())).toList();
        return ApiResponse.ok(Resources.collection(data, onePage(r)));
    }

    /**
     * {@code included} for the requested includes: the tags and the triggered flows of the whole page, one call each,
     * each resource once, with their linkage on each segment.
     */
    private void include(ApiRequest r, List<ObjectNode> segments, ObjectNode doc) {
        if (r.query().include().isEmpty()) return;
        var included = doc.putArray("included");
        java.util.Set<String> seen = new java.util.HashSet<>();
        List<String> ids = segments.stream().map(n -> n.get("id").asText()).toList();
        for (String name : List.of("tags", "flow-triggers")) {
            if (!r.query().include().contains(name)) continue;
            var related = (name.equals("tags") ? tags : flowTriggers).related(r.accountId(), ids, r.query());
            for (ObjectNode segment : segments) {
                var linkage = ((ObjectNode) segment.get("relationships").get(name)).withArray("data");
                for (ObjectNode o : related.getOrDefault(segment.get("id").asText(), List.of())) {
                    linkage.add(Resources.identifier(o.get("type").asText(), o.get("id").asText()));
                    if (seen.add(o.get("type").asText() + "/" + o.get("id").asText())) included.add(o);
                }
            }
        }
    }

    private ObjectNode onePage(ApiRequest r) {
        return links.collection(r.path(), r.query().raw(), Optional.empty(), Optional.empty());
    }

    private ObjectNode collectionLinks(ApiRequest r, Paging.Page<?> page) {
        return links.collection(r.path(), r.query().raw(), page.next().map(c -> c.encode()), page.prev().map(c -> c.encode()));
    }
}
