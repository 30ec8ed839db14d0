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

    /** @param tags include=tags: a page of segments' tags, from the tags feature */
    public SegmentRoutes(SegmentService service, ProfileService profiles, Links links, BatchIncluder tags) {
        this.service = service;
        this.profiles = profiles;
        this.links = links;
        this.tags = tags;
    }

    public List<Endpoint> endpoints() {
        List<Endpoint> out = new ArrayList<>(List.of(
                Endpoint.of("get_segments", this::list).sortedBy("id"),
                Endpoint.of("create_segment", this::create),
                Endpoint.of("get_segment", this::get),
                Endpoint.of("update_segment", this::update),
                Endpoint.of("delete_segment", this::delete),
                // Flows do not exist yet: their collections are empty (docs/compatibility.md). A segment's tags are the
                // tags feature's, which supplies include=tags.
                Endpoint.of("get_flows_triggered_by_segment", this::empty),
                Endpoint.of("get_ids_for_flows_triggered_by_segment", this::empty),
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
     * {@code included} for the requested includes: the tags of the whole page in one call, each tag once, with their
     * linkage on each segment; flow triggers do not exist yet (their linkage stays empty).
     */
    private void include(ApiRequest r, List<ObjectNode> segments, ObjectNode doc) {
        if (r.query().include().isEmpty()) return;
        var included = doc.putArray("included");
        if (!r.query().include().contains("tags")) return;
        var related = tags.related(r.accountId(), segments.stream().map(n -> n.get("id").asText()).toList(), r.query());
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (ObjectNode segment : segments) {
            var linkage = ((ObjectNode) segment.get("relationships").get("tags")).withArray("data");
            for (ObjectNode tag : related.getOrDefault(segment.get("id").asText(), List.of())) {
                linkage.add(Resources.identifier(tag.get("type").asText(), tag.get("id").asText()));
                if (seen.add(tag.get("id").asText())) included.add(tag);
            }
        }
    }

    /** An empty collection for a segment's flow triggers, after checking that the segment exists. */
    private ApiResponse empty(ApiRequest r) {
        service.get(r.accountId(), r.pathParam("id"));
        return ApiResponse.ok(Resources.collection(List.of(), onePage(r)));
    }

    private ObjectNode onePage(ApiRequest r) {
        return links.collection(r.path(), r.query().raw(), Optional.empty(), Optional.empty());
    }

    private ObjectNode collectionLinks(ApiRequest r, Paging.Page<?> page) {
        return links.collection(r.path(), r.query().raw(), page.next().map(c -> c.encode()), page.prev().map(c -> c.encode()));
    }
}
