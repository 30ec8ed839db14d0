package dev.openprofile.customobjects;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.customobjects.Definition.ObjectType;
import dev.openprofile.customobjects.Definition.SchemaRelationship;
import dev.openprofile.http.ApiRequest;
import dev.openprofile.http.ApiResponse;
import dev.openprofile.http.Endpoint;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.jsonapi.Links;
import dev.openprofile.jsonapi.Query;
import dev.openprofile.jsonapi.RequestSchemas;
import dev.openprofile.jsonapi.Resources;
import dev.openprofile.jsonapi.filter.Term;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** HTTP of object types: the collection, create, read with its includes, delete, and the reads of its schemas and relationships. */
final class ObjectTypeRoutes {
    private final DefinitionService service;
    private final DefinitionReads reads;
    private final DefinitionRenderer render;
    private final Links links;
    private final RequestSchemas.Check createBody;

    ObjectTypeRoutes(DefinitionService service, DefinitionReads reads, DefinitionRenderer render, Links links, RequestSchemas schemas) {
        this.service = service;
        this.reads = reads;
        this.render = render;
        this.links = links;
        this.createBody = schemas.check("ObjectTypeCreateQuery");
    }

    List<Endpoint> endpoints() {
        return List.of(
                Endpoint.of("get_object_types", this::list),
                Endpoint.of("create_object_type", r -> new ApiResponse(201, Resources.single(render.type(
                        service.createType(r.accountId(), DefinitionInput.type(DefinitionInput.body(r), createBody)), r.query())))),
                Endpoint.of("get_object_type", this::get),
                Endpoint.of("delete_object_type", r -> {
                    service.deleteType(r.accountId(), r.pathParam("id"));
                    return ApiResponse.noContent();
                }),
                Endpoint.of("get_current_schema_for_object_type", r -> schema(r, ObjectType::currentSchemaId, false)),
                Endpoint.of("get_current_schema_id_for_object_type", r -> schema(r, ObjectType::currentSchemaId, true)),
                Endpoint.of("get_draft_schema_for_object_type", r -> schema(r, ObjectType::draftSchemaId, false)),
                Endpoint.of("get_draft_schema_id_for_object_type", r -> schema(r, ObjectType::draftSchemaId, true)),
                Endpoint.of("get_schema_versions_for_object_type", r -> versions(r, false)),
                Endpoint.of("get_schema_version_ids_for_object_type", r -> versions(r, true)),
                Endpoint.of("get_object_type_relationships", r -> relationships(r, SchemaRelationship.OBJECT)),
                Endpoint.of("get_profile_type_relationships", r -> relationships(r, SchemaRelationship.PROFILE)));
    }

    /** get_object_types: every type of the account (the spec pages nothing here), in created order. */
    private ApiResponse list(ApiRequest r) {
        String namespace = null;
        for (Term t : r.query().filter()) if (t.field().equals("namespace")) namespace = String.valueOf(t.values().getFirst());
        List<ObjectType> types = reads.types(r.accountId(), namespace);
        List<ObjectNode> nodes = types.stream().map(t -> render.type(t, r.query())).toList();
        ObjectNode doc = Resources.collection(nodes, links.collection(r.path(), r.query().raw(), Optional.empty(), Optional.empty()));
        include(r.accountId(), types, nodes, r.query(), doc);
        return ApiResponse.ok(doc);
    }

    private ApiResponse get(ApiRequest r) {
        ObjectType t = reads.type(r.accountId(), r.pathParam("id"));
        ObjectNode node = render.type(t, r.query());
        ObjectNode doc = Resources.single(node);
        include(r.accountId(), List.of(t), List.of(node), r.query(), doc);
        return ApiResponse.ok(doc);
    }

    /** {@code included}: the schemas asked for (each once) and the type's relationships, with their linkage shown. */
    private void include(String accountId, List<ObjectType> types, List<ObjectNode> nodes, Query query, ObjectNode doc) {
        if (query.include().isEmpty()) return;
        ArrayNode included = doc.putArray("included");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < types.size(); i++) {
            ObjectType t = types.get(i);
            ObjectNode rels = (ObjectNode) nodes.get(i).get("relationships");
            List<String> schemaIds = new ArrayList<>();
            if (query.include().contains("current-schema")) schemaIds.add(t.currentSchemaId());
            if (query.include().contains("draft-schema")) schemaIds.add(t.draftSchemaId());
            if (query.include().contains("schema-versions")) {
                List<DefinitionReads.Shown> versions = reads.versions(accountId, t.id());
                linkage(rels, "schema-versions", versions.stream().map(v -> Resources.identifier(DefinitionRenderer.OBJECT_SCHEMA,
                        v.schema().id())).toList());
                versions.forEach(v -> schemaIds.add(v.schema().id()));
            }
            for (DefinitionReads.Shown s : reads.shown(accountId, schemaIds)) {
                if (seen.add("object-schema/" + s.schema().id())) included.add(render.schema(s.schema(), s.mappingId(), query));
            }
            for (String kind : List.of(SchemaRelationship.OBJECT, SchemaRelationship.PROFILE)) {
                String name = kind.equals(SchemaRelationship.OBJECT) ? "object-types" : "profile-object-types";
                if (!query.include().contains(name)) continue;
                List<SchemaRelationship> of = Relationships.ofKind(reads.typeRelationships(accountId, t), kind);
                linkage(rels, name, of.stream().map(x -> Resources.identifier(DefinitionRenderer.typeLinkageType(x), x.typeLinkageId())).toList());
                for (SchemaRelationship x : of) {
                    if (seen.add(name + "/" + x.typeLinkageId())) included.add(render.typeRelationship(t.id(), x, query));
                }
            }
        }
    }

    private static void linkage(ObjectNode relationships, String name, List<ObjectNode> identifiers) {
        ObjectNode withData = Json.MAPPER.createObjectNode();
        withData.putArray("data").addAll(identifiers);
        withData.setAll((ObjectNode) relationships.get(name));
        relationships.set(name, withData);
    }

    /** The type's current or draft schema (or its identifier); data null when it has none (the spec allows it). */
    private ApiResponse schema(ApiRequest r, Function<ObjectType, String> which, boolean idOnly) {
        ObjectType t = reads.type(r.accountId(), r.pathParam("id"));
        String id = which.apply(t);
        ObjectNode data = null;
        if (id != null) {
            DefinitionReads.Shown s = reads.schema(r.accountId(), id);
            data = idOnly ? Resources.identifier(DefinitionRenderer.OBJECT_SCHEMA, id) : render.schema(s.schema(), s.mappingId(), r.query());
        }
        ObjectNode doc = Resources.single(data);
        doc.set("links", render.selfLinks(r.path()));
        return ApiResponse.ok(doc);
    }

    private ApiResponse versions(ApiRequest r, boolean idsOnly) {
        ObjectType t = reads.type(r.accountId(), r.pathParam("id"));
        List<ObjectNode> data = reads.versions(r.accountId(), t.id()).stream().map(s -> idsOnly
                ? Resources.identifier(DefinitionRenderer.OBJECT_SCHEMA, s.schema().id()) : render.schema(s.schema(), s.mappingId(), r.query()))
                .toList();
        return ApiResponse.ok(Resources.collection(data, links.collection(r.path(), r.query().raw(), Optional.empty(), Optional.empty())));
    }

    private ApiResponse relationships(ApiRequest r, String kind) {
        ObjectType t = reads.type(r.accountId(), r.pathParam("id"));
        List<ObjectNode> data = Relationships.ofKind(reads.typeRelationships(r.accountId(), t), kind).stream()
                .map(x -> Resources.identifier(DefinitionRenderer.typeLinkageType(x), x.typeLinkageId())).toList();
        return ApiResponse.ok(Resources.collection(data, links.collection(r.path(), r.query().raw(), Optional.empty(), Optional.empty())));
    }
}
