package dev.openprofile.customobjects;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.customobjects.Definition.ObjectSchema;
import dev.openprofile.customobjects.Definition.ObjectType;
import dev.openprofile.customobjects.Definition.SchemaRelationship;
import dev.openprofile.customobjects.Definition.SourceMapping;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.jsonapi.Links;
import dev.openprofile.jsonapi.Query;
import dev.openprofile.jsonapi.Resources;
import dev.openprofile.jsonapi.Rfc3339;

/**
 * The definitions as the spec shows them. To-one relationships (a type's current and draft schema, a schema's mapping)
 * show their linkage with their links; to-many ones their links, and their linkage when included (as the kit does).
 */
final class DefinitionRenderer {
    static final String TYPES = "/api/object-types";
    static final String SCHEMAS = "/api/object-schemas";
    static final String MAPPINGS = "/api/source-mappings";
    static final String OBJECT_TYPE = "object-type";
    static final String OBJECT_SCHEMA = "object-schema";
    static final String PROFILE_OBJECT_TYPE = "profile-object-type";
    static final String PROFILE_OBJECT_SCHEMA = "profile-object-schema";
    static final String SOURCE_MAPPING = "source-mapping";

    private final Links links;

    DefinitionRenderer(Links links) {
        this.links = links;
    }

    ObjectNode type(ObjectType t, Query query) {
        ObjectNode a = Json.MAPPER.createObjectNode();
        a.put("title", t.title());
        a.put("description", t.description());
        a.put("status", t.status());
        a.put("namespace", t.namespace());
        a.put("created_at", Rfc3339.format(t.created()));
        a.put("updated_at", Rfc3339.format(t.updated()));
        ObjectNode node = Resources.resource(OBJECT_TYPE, t.id(), a, query, links.resource(TYPES, t.id()));
        ObjectNode rels = node.putObject("relationships");
        rels.set("current-schema", toOne(TYPES, t.id(), "current-schema", OBJECT_SCHEMA, t.currentSchemaId()));
        rels.set("draft-schema", toOne(TYPES, t.id(), "draft-schema", OBJECT_SCHEMA, t.draftSchemaId()));
        for (String name : new String[] {"schema-versions", "object-types", "profile-object-types"}) {
            rels.set(name, Resources.relationshipLinks(links, TYPES, t.id(), name));
        }
        node.set("links", node.remove("links"));
        return node;
    }

    /** Superseded versions show {@code active} with their published_at: the spec's status has no word for them. */
    ObjectNode schema(ObjectSchema s, String mappingId, Query query) {
        ObjectNode a = Json.MAPPER.createObjectNode();
        a.put("title", s.title());
        a.put("description", s.description());
        a.put("status", s.draft() ? "draft" : "active");
        a.set("properties", s.properties());
        a.set("required", s.required());
        a.put("published_at", s.publishedAt() == null ? null : Rfc3339.format(s.publishedAt()));
        a.put("visibility", s.visibility());
        ObjectNode node = Resources.resource(OBJECT_SCHEMA, s.id(), a, query, links.resource(SCHEMAS, s.id()));
        ObjectNode rels = node.putObject("relationships");
        rels.set("source-mapping", toOne(SCHEMAS, s.id(), "source-mapping", SOURCE_MAPPING, mappingId));
        rels.set("object-schemas", Resources.relationshipLinks(links, SCHEMAS, s.id(), "object-schemas"));
        rels.set("profile-object-schemas", Resources.relationshipLinks(links, SCHEMAS, s.id(), "profile-object-schemas"));
        node.set("links", node.remove("links"));
        return node;
    }

    ObjectNode mapping(SourceMapping m, Query query) {
        ObjectNode a = Json.MAPPER.createObjectNode();
        a.set("property_mappings", m.propertyMappings());
        a.set("relationship_mappings", m.relationshipMappings());
        return Resources.resource(SOURCE_MAPPING, m.id(), a, query, links.resource(MAPPINGS, m.id()));
    }

    /** A schema's relationship as get_object_schema includes it (ObjectSchemaRelationship / ProfileObjectSchemaRelationship). */
    ObjectNode schemaRelationship(SchemaRelationship r, Query query) {
        boolean profile = r.relatedKind().equals(SchemaRelationship.PROFILE);
        String name = profile ? "profile-object-schemas" : "object-schemas";
        return Resources.resource(profile ? PROFILE_OBJECT_SCHEMA : OBJECT_SCHEMA, r.schemaLinkageId(), meta(r), query,
                links.path(SCHEMAS + "/" + r.schemaId() + "/relationships/" + name));
    }

    /** A type's relationship as get_object_type includes it (ObjectTypeRelationship / ProfileTypeRelationship). */
    ObjectNode typeRelationship(String typeId, SchemaRelationship r, Query query) {
        boolean profile = r.relatedKind().equals(SchemaRelationship.PROFILE);
        String name = profile ? "profile-object-types" : "object-types";
        return Resources.resource(profile ? PROFILE_OBJECT_TYPE : OBJECT_TYPE, r.typeLinkageId(), meta(r), query,
                links.path(TYPES + "/" + typeId + "/relationships/" + name));
    }

    static String schemaLinkageType(SchemaRelationship r) {
        return r.relatedKind().equals(SchemaRelationship.PROFILE) ? PROFILE_OBJECT_SCHEMA : OBJECT_SCHEMA;
    }

    static String typeLinkageType(SchemaRelationship r) {
        return r.relatedKind().equals(SchemaRelationship.PROFILE) ? PROFILE_OBJECT_TYPE : OBJECT_TYPE;
    }

    private static ObjectNode meta(SchemaRelationship r) {
        ObjectNode a = Json.MAPPER.createObjectNode();
        a.putObject("meta").put("relationship_id", r.id()).put("name", r.name()).put("description", r.description());
        return a;
    }

    private ObjectNode toOne(String path, String id, String name, String type, String target) {
        ObjectNode rel = Json.MAPPER.createObjectNode();
        // No target: the spec's linkage is never null, so only the links show (as the kit does).
        if (target != null) rel.set("data", Resources.identifier(type, target));
        rel.setAll(Resources.relationshipLinks(links, path, id, name));
        return rel;
    }

    ObjectNode selfLinks(String path) {
        return Json.MAPPER.createObjectNode().put("self", links.path(path));
    }
}
