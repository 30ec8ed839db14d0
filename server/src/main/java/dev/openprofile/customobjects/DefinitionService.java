package dev.openprofile.customobjects;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.customobjects.Definition.ObjectSchema;
import dev.openprofile.customobjects.Definition.ObjectType;
import dev.openprofile.customobjects.Definition.SchemaRelationship;
import dev.openprofile.customobjects.Definition.SourceMapping;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.store.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The writes of object types, schemas and source mappings, each in one transaction that first locks the object type
 * (so two writes to one type's definitions take turns). A schema is written only while it is a draft; activating it
 * makes it the type's current schema, the previous current one superseded ({@link Activation}).
 */
final class DefinitionService {
    private final Jdbc jdbc;
    private final Clock clock;
    private final Supplier<String> ids;
    private final Activation activation;

    DefinitionService(Jdbc jdbc, Clock clock, Supplier<String> ids, SchemaActivation activated) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.ids = ids;
        this.activation = new Activation(activated);
    }

    /** create_object_type: the type, its draft schema (the embedded one, or an empty one) and its mapping; activated if asked. */
    ObjectType createType(String accountId, DefinitionInput.NewType in) {
        return jdbc.inTransaction(c -> {
            OffsetDateTime now = now();
            String typeId = ids.get();
            String schemaId = ids.get();
            ObjectType type = new ObjectType(typeId, in.title(), in.description(), in.visibility(), in.namespace(), null, schemaId, now, now);
            DefinitionStore.insert(c, accountId, type);
            DefinitionInput.NewSchema s = in.schema();
            ObjectSchema schema = new ObjectSchema(schemaId, typeId, in.title(), in.description(), in.visibility(), "draft", s.properties(),
                    s.required(), null, now, now);
            DefinitionStore.insert(c, accountId, schema);
            insertMapping(c, accountId, schema, List.of(), s, null, now);
            if (s.activate()) activation.activate(c, accountId, type, schema, s.pointer(), now);
            return DefinitionStore.type(c, accountId, typeId, false).orElseThrow();
        });
    }

    /**
     * create_object_schema: the new draft of the type named (409 when it has one), or of a new type. A draft of a type
     * with a current schema starts with the current one's relationships (same ids) and, unless the body maps, its mapping.
     */
    ObjectSchema createSchema(String accountId, DefinitionInput.SchemaCreate in) {
        DefinitionInput.NewSchema s = in.schema();
        String title = in.title();
        String description = in.description();
        String typeId = in.objectTypeId();
        return jdbc.inTransaction(c -> {
            OffsetDateTime now = now();
            String schemaId = ids.get();
            ObjectType type;
            ObjectSchema current = null;
            if (typeId == null) {
                type = new ObjectType(ids.get(), title, description == null ? "" : description, "private", Definition.CUSTOM_OBJECTS,
                        null, schemaId, now, now);
                DefinitionStore.insert(c, accountId, type);
            } else {
                ObjectType found = DefinitionStore.type(c, accountId, typeId, true).orElseThrow(() -> new ApiError(404, "not_found",
                        "Not found.", "An object-type with id '" + typeId + "' does not exist.",
                        ApiError.Source.pointer("/data/relationships/object-type/data/id"), null));
                if (found.draftSchemaId() != null) {
                    throw ApiError.conflict("conflict", "Object type '" + typeId + "' already has a draft schema ('" + found.draftSchemaId()
                            + "'): update it, or activate it first.", "/data/relationships/object-type/data/id", null);
                }
                if (found.currentSchemaId() != null) current = DefinitionStore.schema(c, accountId, found.currentSchemaId()).orElseThrow();
                type = new ObjectType(found.id(), title, description == null ? found.description() : description, found.visibility(),
                        found.namespace(), found.currentSchemaId(), schemaId, found.created(), now);
                DefinitionStore.update(c, accountId, type);
            }
            ObjectSchema schema = new ObjectSchema(schemaId, type.id(), type.title(), type.description(), type.visibility(), "draft",
                    s.properties(), s.required(), null, now, now);
            DefinitionStore.insert(c, accountId, schema);
            List<SchemaRelationship> relationships = current == null ? List.of()
                    : DefinitionStore.relationships(c, accountId, List.of(current.id()));
            for (SchemaRelationship r : relationships) {
                DefinitionStore.insert(c, accountId, new SchemaRelationship(schemaId, r.id(), r.relatedKind(), r.relatedSchemaId(),
                        r.relatedObjectTypeId(), r.name(), r.description(), now));
            }
            SourceMapping copied = current == null ? null : DefinitionStore.mappingOf(c, accountId, current.id()).orElseThrow();
            insertMapping(c, accountId, schema, relationships, s, copied, now);
            if (s.activate()) activation.activate(c, accountId, type, schema, s.pointer(), now);
            return DefinitionStore.schema(c, accountId, schemaId).orElseThrow();
        });
    }

    private void insertMapping(Connection c, String accountId, ObjectSchema schema, List<SchemaRelationship> relationships,
                               DefinitionInput.NewSchema s, SourceMapping copied, OffsetDateTime now) throws SQLException {
        JsonNode properties = Json.MAPPER.createArrayNode();
        JsonNode links = Json.MAPPER.createArrayNode();
        if (s.mappingPointer() != null) {
            MappingRules.Checked checked = MappingRules.check(c, accountId, s.propertyMappings(), s.relationshipMappings(),
                    schema.properties(), relationships, s.mappingPointer() + "/property_mappings",
                    s.mappingPointer() + "/relationship_mappings", s.mappingPointer());
            properties = checked.propertyMappings();
            links = checked.relationshipMappings();
        } else if (copied != null) {
            properties = copied.propertyMappings();
            links = copied.relationshipMappings();
        }
        DefinitionStore.insert(c, accountId, new SourceMapping(ids.get(), schema.id(), properties, links, now, now));
    }

    /**
     * update_object_schema: a draft's title, description, properties and required (the type's title and description move
     * with it), and {@code status: active} activates it. A published version answers 400, unless the body changes nothing.
     */
    ObjectSchema updateSchema(String accountId, DefinitionInput.SchemaChanges in) {
        return jdbc.inTransaction(c -> {
            ObjectSchema schema = lockedSchema(c, accountId, in.id());
            ObjectType type = DefinitionStore.type(c, accountId, schema.objectTypeId(), false).orElseThrow();
            JsonNode properties = in.properties() == null ? schema.properties() : SchemaRules.properties(in.properties(), "/data/attributes/properties");
            JsonNode required = in.required() != null ? SchemaRules.required(in.required(), properties, "/data/attributes/required")
                    : SchemaRules.stillRequired(schema.required(), properties, "/data/attributes/properties");
            String title = in.title() == null ? schema.title() : in.title();
            String description = in.description() == null ? schema.description() : in.description();
            boolean changes = !title.equals(schema.title()) || !description.equals(schema.description())
                    || !properties.equals(schema.properties()) || !required.equals(schema.required());
            if (!schema.draft()) {
                if (changes || "draft".equals(in.status())) {
                    throw ApiError.invalidPointer("/data/attributes", "Only a draft object schema can be modified: schema '" + schema.id()
                            + "' is published. Create a new draft of its object type (create_object_schema) instead.");
                }
                return schema;
            }
            OffsetDateTime now = now();
            if (changes) {
                schema = new ObjectSchema(schema.id(), schema.objectTypeId(), title, description, schema.visibility(), schema.status(),
                        properties, required, null, schema.created(), now);
                DefinitionStore.update(c, accountId, schema);
                type = new ObjectType(type.id(), title, description, type.visibility(), type.namespace(), type.currentSchemaId(),
                        type.draftSchemaId(), type.created(), now);
                DefinitionStore.update(c, accountId, type);
            }
            if ("active".equals(in.status())) activation.activate(c, accountId, type, schema, "/data/attributes", now);
            return DefinitionStore.schema(c, accountId, schema.id()).orElseThrow();
        });
    }

    /** update_source_mapping: the lists the body names replace the draft schema's. */
    SourceMapping updateMapping(String accountId, String id, JsonNode propertyMappings, JsonNode relationshipMappings) {
        return jdbc.inTransaction(c -> {
            SourceMapping mapping = DefinitionStore.mapping(c, accountId, id).orElseThrow(() -> notFound("source-mapping", id));
            ObjectSchema schema = lockedSchema(c, accountId, mapping.schemaId());
            List<SchemaRelationship> relationships = DefinitionStore.relationships(c, accountId, List.of(schema.id()));
            String base = "/data/attributes";
            MappingRules.Checked checked;
            try {
                checked = MappingRules.check(c, accountId, propertyMappings == null ? mapping.propertyMappings() : propertyMappings,
                        relationshipMappings == null ? mapping.relationshipMappings() : relationshipMappings, schema.properties(),
                        relationships, propertyMappings == null ? null : base + "/property_mappings",
                        relationshipMappings == null ? null : base + "/relationship_mappings", base);
            } catch (ApiError e) {
                if (schema.draft()) throw e;
                checked = null;
            }
            boolean same = checked != null && checked.propertyMappings().equals(mapping.propertyMappings())
                    && checked.relationshipMappings().equals(mapping.relationshipMappings());
            if (same) return mapping;
            if (!schema.draft()) {
                throw ApiError.invalidPointer(base, "Only the source mapping of a draft object schema can be modified: schema '"
                        + schema.id() + "' is published.");
            }
            OffsetDateTime now = now();
            SourceMapping next = new SourceMapping(mapping.id(), mapping.schemaId(), checked.propertyMappings(),
                    checked.relationshipMappings(), mapping.created(), now);
            DefinitionStore.update(c, accountId, next);
            DefinitionStore.touch(c, accountId, schema, now);
            return next;
        });
    }

    /** delete_object_type: everything of it goes by foreign keys; other schemas' mappings of relationships to it are dropped. */
    void deleteType(String accountId, String id) {
        jdbc.inTransaction(c -> {
            DefinitionStore.type(c, accountId, id, true).orElseThrow(() -> notFound("object-type", id));
            for (SchemaRelationship r : DefinitionStore.relationshipsTo(c, accountId, id)) {
                Relationships.dropMappings(c, accountId, r.schemaId(), Set.of(r.id()), now());
            }
            DefinitionStore.deleteType(c, accountId, id);
            return null;
        });
    }

    /** The schema, after its type's lock is taken (re-read under it); 404 when there is none. */
    static ObjectSchema lockedSchema(Connection c, String accountId, String id) throws SQLException {
        ObjectSchema schema = DefinitionStore.schema(c, accountId, id).orElseThrow(() -> notFound("object-schema", id));
        DefinitionStore.type(c, accountId, schema.objectTypeId(), true);
        return DefinitionStore.schema(c, accountId, id).orElseThrow(() -> notFound("object-schema", id));
    }

    static ApiError notFound(String type, String id) {
        return new ApiError(404, "not_found", "Not found.", "A " + type + " with id '" + id + "' does not exist.",
                ApiError.Source.parameter("id"), null);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);
    }
}
