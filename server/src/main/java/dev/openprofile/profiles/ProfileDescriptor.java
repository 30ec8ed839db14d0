package dev.openprofile.profiles;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.jsonapi.Links;
import dev.openprofile.jsonapi.Query;
import dev.openprofile.jsonapi.Resources;
import dev.openprofile.jsonapi.Rfc3339;
import dev.openprofile.jsonapi.filter.Term;
import dev.openprofile.store.Keyset;
import java.util.List;
import java.util.Map;

/**
 * The wire shape of a profile: its type, attributes, relationships, and which filter and sort fields
 * map to which columns. Operators, sort values and page sizes per endpoint come from the spec.
 */
public final class ProfileDescriptor {
    static final String TYPE = "profile";
    static final String PATH = "/api/profiles";
    static final List<String> RELATIONSHIPS = List.of("lists", "segments", "push-tokens", "conversations");
    static final List<String> LOCATION_KEYS = List.of("address1", "address2", "city", "country", "latitude",
            "longitude", "region", "zip", "timezone", "ip");

    private static final Map<String, String> FILTER_COLUMNS = Map.of(
            "id", "p.id", "email", "coalesce(p.email, '')", "phone_number", "p.phone_number", "external_id", "p.external_id",
            "_kx", "p.kx", "created", "p.created", "updated", "p.updated");

    private static final Map<String, Keyset> SORTS = Map.of(
            "id", new Keyset("p.id", "text", "p.id", false),
            "created", new Keyset("p.created", "timestamptz", "p.id", false),
            "updated", new Keyset("p.updated", "timestamptz", "p.id", false),
            // NULL emails sort as the empty string, first ascending, so that a keyset can pass them.
            "email", new Keyset("coalesce(p.email, '')", "text", "p.id", false));

    private ProfileDescriptor() {}

    /** The profile's own columns; {@code related} are the fields consent supplies (subscriptions.*). */
    static Map<String, String> filterColumns(List<Term> terms, java.util.Set<String> related) {
        for (Term t : terms) {
            if (!FILTER_COLUMNS.containsKey(t.field()) && !related.contains(t.field())) {
                throw ApiError.invalidParameter("filter", "Filtering on '" + t.field() + "' is not supported.");
            }
        }
        return FILTER_COLUMNS;
    }

    /** {@code related}: sort field to an SQL timestamptz expression, from consent (subscriptions.*). */
    static Keyset keyset(Query.Sort sort, Map<String, String> related) {
        Keyset k = SORTS.get(sort.field());
        if (k == null && related.containsKey(sort.field())) k = new Keyset(related.get(sort.field()), "timestamptz", "p.id", false);
        if (k == null) throw ApiError.invalidParameter("sort", "Sorting by '" + sort.field() + "' is not supported.");
        return new Keyset(k.sortSql(), k.castType(), k.idSql(), sort.descending());
    }

    // On member endpoints (list and segment profiles) the spec allows these filters and one sort;
    // profile_id only on segment members (the operation's x-klaviyo-filters decide which reach here).
    static Map<String, String> memberFilterColumns(List<Term> terms, ProfileService.Membership group,
                                                   java.util.Set<String> related) {
        Map<String, String> columns = Map.of("profile_id", "p.id", "email", "coalesce(p.email, '')",
                "phone_number", "p.phone_number", "_kx", "p.kx", "joined_group_at", "m." + group.joinedColumn());
        for (Term t : terms) {
            if (!columns.containsKey(t.field()) && !related.contains(t.field())) {
                throw ApiError.invalidParameter("filter", "Filtering on '" + t.field()
                        + "' is not supported by OpenProfile yet.");
            }
        }
        return columns;
    }

    static Keyset memberKeyset(Query.Sort sort, ProfileService.Membership group) {
        if (!sort.field().equals("joined_group_at")) {
            throw ApiError.invalidParameter("sort", "Sorting members by '" + sort.field() + "' is not supported.");
        }
        return new Keyset("m." + group.joinedColumn(), "timestamptz", "m." + group.memberColumn(), sort.descending());
    }

    /** A resource identifier object, {"type":"profile","id":...}, for relationship endpoints. */
    public static ObjectNode identifier(String id) {
        return Resources.identifier(TYPE, id);
    }

    /**
     * A profile as a list or segment member: its resource plus joined_group_at, which a sparse
     * fieldset keeps only when it names it (the spec lists it among the member fields).
     */
    static ObjectNode memberResource(ProfileService.Member m, Map<String, ObjectNode> subscriptions, Query query, Links links) {
        ObjectNode node = resource(m.profile(), subscriptions, query, links);
        boolean wanted = query.fieldsFor(TYPE).map(f -> f.contains("joined_group_at")).orElse(true);
        if (wanted) ((ObjectNode) node.get("attributes")).put("joined_group_at", Rfc3339.format(m.joined()));
        return node;
    }

    /** @param subscriptions each profile's subscriptions object by id, when the query asks for them */
    static ObjectNode resource(Profile p, Map<String, ObjectNode> subscriptions, Query query, Links links) {
        ObjectNode a = Json.MAPPER.createObjectNode();
        a.put("email", p.email());
        a.put("phone_number", p.phoneNumber());
        a.put("external_id", p.externalId());
        a.put("first_name", p.firstName());
        a.put("last_name", p.lastName());
        a.put("organization", p.organization());
        a.put("locale", p.locale());
        a.put("title", p.title());
        a.put("image", p.image());
        a.put("created", Rfc3339.format(p.created()));
        a.put("updated", Rfc3339.format(p.updated()));
        a.put("last_event_date", Rfc3339.format(p.lastEventDate()));
        ObjectNode location = a.putObject("location");
        for (String key : LOCATION_KEYS) location.set(key, p.location().get(key));
        for (String key : LOCATION_KEYS) if (location.get(key) == null) location.putNull(key);
        a.set("properties", p.properties());
        if (query.wantsAdditional(TYPE, "subscriptions")) a.set("subscriptions", subscriptions.get(p.id()));
        // Until predictive analytics lands, it is null when requested.
        if (query.wantsAdditional(TYPE, "predictive_analytics")) a.putNull("predictive_analytics");
        ObjectNode node = Resources.resource(TYPE, p.id(), a, query, links.resource(PATH, p.id()));
        ObjectNode relationships = Json.MAPPER.createObjectNode();
        for (String r : RELATIONSHIPS) relationships.set(r, Resources.relationshipLinks(links, PATH, p.id(), r));
        node.set("relationships", relationships);
        // JSON:API puts relationships before links; keep Klaviyo's member order.
        node.set("links", node.remove("links"));
        return node;
    }
}
