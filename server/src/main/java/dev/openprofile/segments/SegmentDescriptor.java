package dev.openprofile.segments;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.jsonapi.Links;
import dev.openprofile.jsonapi.Query;
import dev.openprofile.jsonapi.Resources;
import dev.openprofile.jsonapi.Rfc3339;
import dev.openprofile.profiles.ProfileService;
import dev.openprofile.store.Keyset;
import java.util.List;
import java.util.Map;

/** The wire shape of a segment, and which filter and sort fields of get_segments map to which columns. */
final class SegmentDescriptor {
    static final String TYPE = "segment";
    static final String PATH = "/api/segments";
    static final List<String> RELATIONSHIPS = List.of("profiles", "tags", "flow-triggers");

    static final Map<String, String> FILTER_COLUMNS = Map.of(
            "id", "s.id", "name", "s.name", "created", "s.created", "updated", "s.updated",
            "is_active", "s.is_active", "is_starred", "s.is_starred");

    private static final Map<String, Keyset> SORTS = Map.of(
            "id", new Keyset("s.id", "text", "s.id", false),
            "name", new Keyset("s.name", "text", "s.id", false),
            "created", new Keyset("s.created", "timestamptz", "s.id", false),
            "updated", new Keyset("s.updated", "timestamptz", "s.id", false));

    /** Members of a segment, as the profiles feature joins them. Names are code constants, never input. */
    static final ProfileService.Membership MEMBERSHIP =
            new ProfileService.Membership("segment_membership", "segment_id", "profile_id", "joined_group_at");

    private SegmentDescriptor() {}

    static Keyset keyset(Query.Sort sort) {
        return Keyset.of(SORTS, sort);
    }

    /** @param profileCount the member count when asked for (additional-fields), else null */
    static ObjectNode resource(Segment s, Query query, Links links, Long profileCount) {
        ObjectNode a = Json.MAPPER.createObjectNode();
        a.put("name", s.name());
        a.set("definition", s.definition());
        a.put("created", Rfc3339.format(s.created()));
        a.put("updated", Rfc3339.format(s.updated()));
        a.put("is_active", s.isActive());
        a.put("is_processing", s.isProcessing());
        a.put("is_starred", s.isStarred());
        if (profileCount != null) a.put("profile_count", profileCount);
        ObjectNode node = Resources.resource(TYPE, s.id(), a, query, links.resource(PATH, s.id()));
        ObjectNode relationships = Json.MAPPER.createObjectNode();
        for (String r : RELATIONSHIPS) {
            ObjectNode rel = Resources.relationshipLinks(links, PATH, s.id(), r);
            // Included: an empty linkage first, which SegmentRoutes fills with the tags (flow triggers do not exist yet).
            if (query.include().contains(r)) {
                ObjectNode withData = Json.MAPPER.createObjectNode();
                withData.putArray("data");
                withData.setAll(rel);
                rel = withData;
            }
            relationships.set(r, rel);
        }
        node.set("relationships", relationships);
        node.set("links", node.remove("links"));
        return node;
    }

    static ObjectNode identifier(String id) {
        return Resources.identifier(TYPE, id);
    }
}
