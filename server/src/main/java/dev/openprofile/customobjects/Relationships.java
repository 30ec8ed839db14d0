package dev.openprofile.customobjects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.openprofile.customobjects.Definition.ObjectSchema;
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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The relationship writes of a draft schema, of one kind: to other object types' schemas (object-schemas) or to
 * profiles (profile-object-schemas, whose linkage id is always "profile"). Names are unique within a schema (409);
 * deleting a relationship drops the mappings that named it.
 */
final class Relationships {
    private final Jdbc jdbc;
    private final Clock clock;
    private final Supplier<String> ids;

    Relationships(Jdbc jdbc, Clock clock, Supplier<String> ids) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.ids = ids;
    }

    void create(String accountId, String schemaId, String kind, JsonNode data) {
        jdbc.inTransaction(c -> {
            ObjectSchema schema = draft(c, accountId, schemaId, kind);
            List<SchemaRelationship> existing = DefinitionStore.relationships(c, accountId, List.of(schemaId));
            Set<String> names = new HashSet<>();
            existing.forEach(r -> names.add(r.name()));
            OffsetDateTime now = now();
            for (int i = 0; i < data.size(); i++) {
                String at = "/data/" + i;
                JsonNode item = data.get(i);
                JsonNode meta = item.path("meta");
                if (!meta.isObject()) throw ApiError.invalidPointer(at + "/meta", "'meta' with the relationship's name is required.");
                String name = name(meta, at + "/meta/name");
                if (!names.add(name)) throw duplicate(name, at + "/meta/name");
                String[] related = related(c, accountId, kind, item.get("id").asText(), at + "/id");
                DefinitionStore.insert(c, accountId, new SchemaRelationship(schemaId, ids.get(), kind, related[0], related[1], name,
                        meta.hasNonNull("description") ? meta.get("description").asText() : "", now));
            }
            DefinitionStore.touch(c, accountId, schema, now);
            return null;
        });
    }

    void update(String accountId, String schemaId, String kind, JsonNode data) {
        jdbc.inTransaction(c -> {
            ObjectSchema schema = draft(c, accountId, schemaId, kind);
            JsonNode meta = data.path("meta");
            if (!meta.isObject()) throw ApiError.invalidPointer("/data/meta", "'meta' with the relationship_id is required.");
            List<SchemaRelationship> existing = DefinitionStore.relationships(c, accountId, List.of(schemaId));
            SchemaRelationship r = find(existing, kind, meta.path("relationship_id").asText(), "/data/meta/relationship_id");
            String name = meta.hasNonNull("name") ? name(meta, "/data/meta/name") : r.name();
            for (SchemaRelationship other : existing) {
                if (!other.id().equals(r.id()) && other.name().equals(name)) throw duplicate(name, "/data/meta/name");
            }
            String[] related = related(c, accountId, kind, data.get("id").asText(), "/data/id");
            SchemaRelationship next = new SchemaRelationship(schemaId, r.id(), kind, related[0], related[1], name,
                    meta.hasNonNull("description") ? meta.get("description").asText() : r.description(), r.created());
            if (next.equals(r)) return null;
            DefinitionStore.update(c, accountId, next);
            DefinitionStore.touch(c, accountId, schema, now());
            return null;
        });
    }

    void delete(String accountId, String schemaId, String kind, JsonNode data) {
        jdbc.inTransaction(c -> {
            ObjectSchema schema = draft(c, accountId, schemaId, kind);
            List<SchemaRelationship> existing = DefinitionStore.relationships(c, accountId, List.of(schemaId));
            Set<String> gone = new LinkedHashSet<>();
            for (int i = 0; i < data.size(); i++) {
                JsonNode item = data.get(i);
                if (kind.equals(SchemaRelationship.PROFILE)) profileId(item.get("id").asText(), "/data/" + i + "/id");
                JsonNode meta = item.path("meta");
                if (!meta.isObject()) throw ApiError.invalidPointer("/data/" + i + "/meta", "'meta' with the relationship_id is required.");
                gone.add(find(existing, kind, meta.path("relationship_id").asText(), "/data/" + i + "/meta/relationship_id").id());
            }
            if (gone.isEmpty()) return null;
            OffsetDateTime now = now();
            DefinitionStore.deleteRelationships(c, accountId, schemaId, List.copyOf(gone));
            dropMappings(c, accountId, schemaId, gone, now);
            DefinitionStore.touch(c, accountId, schema, now);
            return null;
        });
    }

    /** Removes the relationship mappings of {@code schemaId}'s mapping that name any of {@code relationshipIds}. */
    static void dropMappings(Connection c, String accountId, String schemaId, Set<String> relationshipIds, OffsetDateTime now)
            throws SQLException {
        SourceMapping m = DefinitionStore.mappingOf(c, accountId, schemaId).orElseThrow();
        ArrayNode kept = Json.MAPPER.createArrayNode();
        m.relationshipMappings().forEach(r -> {
            if (!relationshipIds.contains(r.path("relationship_id").asText())) kept.add(r);
        });
        if (kept.size() == m.relationshipMappings().size()) return;
        ObjectSchema schema = DefinitionStore.schema(c, accountId, schemaId).orElseThrow();
        SourceMapping next = new SourceMapping(m.id(), m.schemaId(), m.propertyMappings(), kept, m.created(), now);
        DefinitionStore.update(c, accountId, next);
        // A superseded version's mapping reads no source (DefinitionStore.forgetSources); it stays that way.
        if (schema.status().equals("superseded")) DefinitionStore.forgetSources(c, accountId, m.id());
    }

    private static ObjectSchema draft(Connection c, String accountId, String schemaId, String kind) throws SQLException {
        ObjectSchema schema = DefinitionService.lockedSchema(c, accountId, schemaId);
        if (!schema.draft()) {
            throw ApiError.invalidPointer("/data", "Only a draft object schema's relationships can be changed: schema '" + schemaId
                    + "' is published. Create a new draft of its object type instead.");
        }
        return schema;
    }

    /** The related schema and its object type (null, null for profiles); 400 at {@code pointer} when there is none. */
    private static String[] related(Connection c, String accountId, String kind, String id, String pointer) throws SQLException {
        if (kind.equals(SchemaRelationship.PROFILE)) {
            profileId(id, pointer);
            return new String[] {null, null};
        }
        ObjectSchema related = DefinitionStore.schema(c, accountId, id)
                .orElseThrow(() -> ApiError.invalidPointer(pointer, "Object schema '" + id + "' does not exist."));
        return new String[] {related.id(), related.objectTypeId()};
    }

    private static void profileId(String id, String pointer) {
        if (!id.equals("profile")) throw ApiError.invalidPointer(pointer, "The profile schema's id is always 'profile'.");
    }

    private static SchemaRelationship find(List<SchemaRelationship> existing, String kind, String id, String pointer) {
        for (SchemaRelationship r : existing) if (r.id().equals(id) && r.relatedKind().equals(kind)) return r;
        throw ApiError.invalidPointer(pointer, "'" + id + "' is no " + (kind.equals(SchemaRelationship.PROFILE) ? "profile" : "object")
                + " relationship of the schema.");
    }

    private static String name(JsonNode meta, String pointer) {
        String name = meta.path("name").asText();
        if (name.isBlank()) throw ApiError.invalidPointer(pointer, "A relationship's name cannot be empty.");
        return name;
    }

    private static ApiError duplicate(String name, String pointer) {
        return ApiError.conflict("duplicate_relationship", "The schema already has a relationship named '" + name + "'.", pointer, null);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);
    }

    static List<SchemaRelationship> ofKind(List<SchemaRelationship> all, String kind) {
        List<SchemaRelationship> out = new ArrayList<>();
        for (SchemaRelationship r : all) if (r.relatedKind().equals(kind)) out.add(r);
        return out;
    }
}
