package dev.openprofile.customobjects;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.customobjects.Definition.ObjectSchema;
import dev.openprofile.customobjects.Definition.ObjectType;
import dev.openprofile.customobjects.Definition.SourceMapping;
import dev.openprofile.jsonapi.ApiError;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.Set;

/**
 * A draft becomes its type's current schema, synchronously (no {@code publishing} status is ever shown): the rules
 * hold (SchemaRules, and the mapping names only the schema's properties and maps every required one), the previous
 * current version is superseded and its mapping stops reading its data sources, and the records feature is told in
 * the same transaction.
 */
final class Activation {
    private final SchemaActivation activated;

    Activation(SchemaActivation activated) {
        this.activated = activated;
    }

    /** @param pointer the schema's attributes in the request body */
    void activate(Connection c, String accountId, ObjectType type, ObjectSchema draft, String pointer, OffsetDateTime now) throws SQLException {
        ObjectSchema current = type.currentSchemaId() == null ? null
                : DefinitionStore.schema(c, accountId, type.currentSchemaId()).orElseThrow();
        SchemaRules.canReplace(current, draft, pointer);
        SourceMapping mapping = DefinitionStore.mappingOf(c, accountId, draft.id()).orElseThrow();
        Set<Integer> ids = new HashSet<>();
        draft.properties().forEach(p -> ids.add(p.get("id").asInt()));
        for (JsonNode m : mapping.propertyMappings()) {
            if (!ids.contains(m.get("id").asInt())) {
                throw ApiError.invalidPointer(pointer + "/properties", "The schema's source mapping ('" + mapping.id() + "') maps property id "
                        + m.get("id").asInt() + ", which is no property of the schema: add it back, or update the mapping first.");
            }
        }
        MappingRules.mapsRequired(mapping.propertyMappings(), draft.properties(), draft.required(), pointer + "/required");
        if (current != null) {
            DefinitionStore.update(c, accountId, new ObjectSchema(current.id(), current.objectTypeId(), current.title(), current.description(),
                    current.visibility(), "superseded", current.properties(), current.required(), current.publishedAt(), current.created(), now));
            DefinitionStore.forgetSources(c, accountId, DefinitionStore.mappingOf(c, accountId, current.id()).orElseThrow().id());
        }
        DefinitionStore.update(c, accountId, new ObjectSchema(draft.id(), draft.objectTypeId(), draft.title(), draft.description(),
                draft.visibility(), "active", draft.properties(), draft.required(), now, draft.created(), now));
        ObjectType latest = DefinitionStore.type(c, accountId, type.id(), false).orElseThrow();
        DefinitionStore.update(c, accountId, new ObjectType(latest.id(), latest.title(), latest.description(), latest.visibility(),
                latest.namespace(), draft.id(), null, latest.created(), now));
        activated.activated(c, accountId, type.id(), draft.id());
    }
}
