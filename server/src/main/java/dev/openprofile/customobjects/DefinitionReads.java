package dev.openprofile.customobjects;

import dev.openprofile.customobjects.Definition.ObjectSchema;
import dev.openprofile.customobjects.Definition.ObjectType;
import dev.openprofile.customobjects.Definition.SchemaRelationship;
import dev.openprofile.customobjects.Definition.SourceMapping;
import dev.openprofile.store.Jdbc;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The reads of the definitions, each on one connection; unknown ids in paths are 404s. */
final class DefinitionReads {
    private final Jdbc jdbc;

    DefinitionReads(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** A schema with its mapping's id, as a schema resource shows it. */
    record Shown(ObjectSchema schema, String mappingId) {}

    ObjectType type(String accountId, String id) {
        return jdbc.read(c -> DefinitionStore.type(c, accountId, id, false)).orElseThrow(() -> DefinitionService.notFound("object-type", id));
    }

    List<ObjectType> types(String accountId, String namespace) {
        return jdbc.read(c -> DefinitionStore.types(c, accountId, namespace));
    }

    Shown schema(String accountId, String id) {
        return shown(accountId, List.of(id)).stream().findFirst().orElseThrow(() -> DefinitionService.notFound("object-schema", id));
    }

    /** The schemas with these ids (null ids skipped), in the order given, each with its mapping's id. */
    List<Shown> shown(String accountId, List<String> ids) {
        List<String> wanted = ids.stream().filter(java.util.Objects::nonNull).distinct().toList();
        return jdbc.read(c -> {
            Map<String, ObjectSchema> byId = new HashMap<>();
            for (ObjectSchema s : DefinitionStore.schemas(c, accountId, wanted)) byId.put(s.id(), s);
            List<Shown> out = new ArrayList<>();
            for (String id : wanted) {
                ObjectSchema s = byId.get(id);
                if (s != null) out.add(new Shown(s, DefinitionStore.mappingOf(c, accountId, id).map(SourceMapping::id).orElse(null)));
            }
            return out;
        });
    }

    /** The type's published versions, newest first. */
    List<Shown> versions(String accountId, String typeId) {
        List<String> ids = jdbc.read(c -> DefinitionStore.versions(c, accountId, typeId)).stream().map(ObjectSchema::id).toList();
        return shown(accountId, ids);
    }

    /** An object type's relationships: its current schema's, else its draft's. */
    List<SchemaRelationship> typeRelationships(String accountId, ObjectType t) {
        String schemaId = t.currentSchemaId() != null ? t.currentSchemaId() : t.draftSchemaId();
        return schemaId == null ? List.of() : relationships(accountId, schemaId);
    }

    List<SchemaRelationship> relationships(String accountId, String schemaId) {
        return jdbc.read(c -> DefinitionStore.relationships(c, accountId, List.of(schemaId)));
    }

    SourceMapping mapping(String accountId, String id) {
        return jdbc.read(c -> DefinitionStore.mapping(c, accountId, id)).orElseThrow(() -> DefinitionService.notFound("source-mapping", id));
    }

    Optional<SourceMapping> mappingOf(String accountId, String schemaId) {
        return jdbc.read(c -> DefinitionStore.mappingOf(c, accountId, schemaId));
    }
}
