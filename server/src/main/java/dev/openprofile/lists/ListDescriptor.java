package dev.openprofile.lists;

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

/** The wire shape of a list, and which filter and sort fields of the list endpoints map to which columns. */
final class ListDescriptor {
    static final String TYPE = "list";
    static final String PATH = "/api/lists";
    static final List<String> RELATIONSHIPS = List.of("profiles", "tags", "flow-triggers");

    static final Map<String, String> FILTER_COLUMNS = Map.of(
            "id", "l.id", "name", "l.name", "created", "l.created", "updated", "l.updated");

    private static final Map<String, Keyset> SORTS = Map.of(
            "id", new Keyset("l.id", "text", "l.id", false),
            "name", new Keyset("l.name", "text", "l.id", false),
            "created", new Keyset("l.created", "timestamptz", "l.id", false),
            "updated", new Keyset("l.updated", "timestamptz", "l.id", false));

    /** Members of a list, as the profiles feature joins them. Names are code constants, never input. */
    static final ProfileService.Membership MEMBERSHIP =
            new ProfileService.Membership("list_membership", "list_id", "profile_id", "joined_group_at");

    private ListDescriptor() {}

    static Keyset keyset(Query.Sort sort) {
        return Keyset.of(SORTS, sort);
    }

    static ObjectNode resource(StaticList l, Query query, Links links, Long profileCount) {
        ObjectNode a = Json.MAPPER.createObjectNode();
        a.put("name", l.name());
        a.put("created", Rfc3339.format(l.created()));
        a.put("updated", Rfc3339.format(l.updated()));
        a.put("opt_in_process", l.optInProcess());
        if (profileCount != null) a.put("profile_count", profileCount);
        ObjectNode node = Resources.resource(TYPE, l.id(), a, query, links.resource(PATH, l.id()));
        ObjectNode relationships = Json.MAPPER.createObjectNode();
        for (String r : RELATIONSHIPS) relationships.set(r, Resources.relationshipLinks(links, PATH, l.id(), r));
        node.set("relationships", relationships);
        node.set("links", node.remove("links"));
        return node;
    }

    static ObjectNode identifier(String id) {
        return Resources.identifier(TYPE, id);
    }
}
