package dev.openprofile.customobjects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.customobjects.Definition.SchemaRelationship;
import dev.openprofile.customobjects.Definition.SourceMapping;
import dev.openprofile.http.ApiRequest;
import dev.openprofile.http.ApiResponse;
import dev.openprofile.http.Endpoint;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.jsonapi.Links;
import dev.openprofile.jsonapi.RequestSchemas;
import dev.openprofile.jsonapi.Resources;
import java.util.List;
import java.util.Optional;

/** HTTP of object schemas, their source mappings and their relationships (to object schemas and to profiles). */
final class ObjectSchemaRoutes {
    private final DefinitionService service;
    private final Relationships relationships;
    private final DefinitionReads reads;
    private final DefinitionRenderer render;
    private final Links links;
    private final RequestSchemas schemas;

    ObjectSchemaRoutes(DefinitionService service, Relationships relationships, DefinitionReads reads, DefinitionRenderer render,
                       Links links, RequestSchemas schemas) {
        this.service = service;
        this.relationships = relationships;
        this.reads = reads;
        this.render = render;
        this.links = links;
        this.schemas = schemas;
    }

    List<Endpoint> endpoints() {
        RequestSchemas.Check create = schemas.check("ObjectSchemaCreateQuery");
        RequestSchemas.Check update = schemas.check("ObjectSchemaPartialUpdateQuery");
        RequestSchemas.Check mapping = schemas.check("SourceMappingPartialUpdateQuery");
        return List.of(
                Endpoint.of("create_object_schema", r -> new ApiResponse(201, Resources.single(shown(r,
                        service.createSchema(r.accountId(), DefinitionInput.schema(DefinitionInput.body(r), create)).id())))),
                Endpoint.of("get_object_schema", this::get),
                Endpoint.of("update_object_schema", r -> ApiResponse.ok(Resources.single(shown(r, service.updateSchema(r.accountId(),
                        DefinitionInput.changes(DefinitionInput.body(r), r.pathParam("id"), update)).id())))),
                Endpoint.of("get_source_mapping", r -> ApiResponse.ok(Resources.single(render.mapping(reads.mapping(r.accountId(),
                        r.pathParam("id")), r.query())))),
                Endpoint.of("update_source_mapping", r -> ApiResponse.ok(Resources.single(render.mapping(updateMapping(r, mapping), r.query())))),
                Endpoint.of("get_source_mapping_for_object_schema", r -> mappingOf(r, false)),
                Endpoint.of("get_source_mapping_id_for_object_schema", r -> mappingOf(r, true)),
                Endpoint.of("get_object_schema_relationships", r -> linkage(r, SchemaRelationship.OBJECT)),
                Endpoint.of("get_profile_schema_relationships", r -> linkage(r, SchemaRelationship.PROFILE)),
                write("create_object_schema_relationship", "ObjectSchemaRelationshipCreateQuery", SchemaRelationship.OBJECT, relationships::create),
                write("update_object_schema_relationship", "ObjectSchemaRelationshipPartialUpdateQuery", SchemaRelationship.OBJECT, relationships::update),
                write("delete_object_schema_relationship", "ObjectSchemaRelationshipDeleteQuery", SchemaRelationship.OBJECT, relationships::delete),
                write("create_profile_schema_relationship", "ProfileObjectSchemaRelationshipCreateQuery", SchemaRelationship.PROFILE,
                        relationships::create),
                write("update_profile_schema_relationship", "ProfileObjectSchemaRelationshipPartialUpdateQuery", SchemaRelationship.PROFILE,
                        relationships::update),
                write("delete_profile_schema_relationship", "ProfileObjectSchemaRelationshipDeleteQuery", SchemaRelationship.PROFILE,
                        relationships::delete));
    }

    private ObjectNode shown(ApiRequest r, String id) {
        DefinitionReads.Shown s = reads.schema(r.accountId(), id);
        return render.schema(s.schema(), s.mappingId(), r.query());
    }

    /** get_object_schema, with its relationships and mapping when included. */
    private ApiResponse get(ApiRequest r) {
        DefinitionReads.Shown s = reads.schema(r.accountId(), r.pathParam("id"));
        ObjectNode node = render.schema(s.schema(), s.mappingId(), r.query());
        ObjectNode doc = Resources.single(node);
        if (r.query().include().isEmpty()) return ApiResponse.ok(doc);
        ArrayNode included = doc.putArray("included");
        ObjectNode rels = (ObjectNode) node.get("relationships");
        List<SchemaRelationship> all = reads.relationships(r.accountId(), s.schema().id());
        for (String kind : List.of(SchemaRelationship.OBJECT, SchemaRelationship.PROFILE)) {
            String name = kind.equals(SchemaRelationship.OBJECT) ? "object-schemas" : "profile-object-schemas";
            if (!r.query().include().contains(name)) continue;
            List<SchemaRelationship> of = Relationships.ofKind(all, kind);
            ObjectNode withData = Json.MAPPER.createObjectNode();
            ArrayNode data = withData.putArray("data");
            of.forEach(x -> data.add(Resources.identifier(DefinitionRenderer.schemaLinkageType(x), x.schemaLinkageId())));
            withData.setAll((ObjectNode) rels.get(name));
            rels.set(name, withData);
            of.forEach(x -> included.add(render.schemaRelationship(x, r.query())));
        }
        if (r.query().include().contains("source-mapping") && s.mappingId() != null) {
            included.add(render.mapping(reads.mapping(r.accountId(), s.mappingId()), r.query()));
        }
        return ApiResponse.ok(doc);
    }

    private SourceMapping updateMapping(ApiRequest r, RequestSchemas.Check check) {
        check.validate(DefinitionInput.body(r), "");
        JsonNode data = DefinitionInput.body(r).get("data");
        String id = r.pathParam("id");
        if (!data.get("id").asText().equals(id)) throw ApiError.idMismatch(data.get("id").asText(), id);
        JsonNode a = data.get("attributes");
        return service.updateMapping(r.accountId(), id, DefinitionInput.nonNull(a, "property_mappings"),
                DefinitionInput.nonNull(a, "relationship_mappings"));
    }

    private ApiResponse mappingOf(ApiRequest r, boolean idOnly) {
        DefinitionReads.Shown s = reads.schema(r.accountId(), r.pathParam("id"));
        SourceMapping m = reads.mappingOf(r.accountId(), s.schema().id()).orElse(null);
        ObjectNode data = m == null ? null : idOnly ? Resources.identifier(DefinitionRenderer.SOURCE_MAPPING, m.id()) : render.mapping(m, r.query());
        ObjectNode doc = Resources.single(data);
        doc.set("links", render.selfLinks(r.path()));
        return ApiResponse.ok(doc);
    }

    private ApiResponse linkage(ApiRequest r, String kind) {
        DefinitionReads.Shown s = reads.schema(r.accountId(), r.pathParam("id"));
        List<ObjectNode> data = Relationships.ofKind(reads.relationships(r.accountId(), s.schema().id()), kind).stream()
                .map(x -> Resources.identifier(DefinitionRenderer.schemaLinkageType(x), x.schemaLinkageId())).toList();
        return ApiResponse.ok(Resources.collection(data, links.collection(r.path(), r.query().raw(), Optional.empty(), Optional.empty())));
    }

    @FunctionalInterface
    private interface Write {
        void apply(String accountId, String schemaId, String kind, JsonNode data);
    }

    /** A relationship write: the body held against its query's schema, 204. */
    private Endpoint write(String operation, String query, String kind, Write write) {
        RequestSchemas.Check check = schemas.check(query);
        return Endpoint.of(operation, r -> {
            check.validate(DefinitionInput.body(r), "");
            write.apply(r.accountId(), r.pathParam("id"), kind, DefinitionInput.body(r).get("data"));
            return ApiResponse.noContent();
        });
    }
}
