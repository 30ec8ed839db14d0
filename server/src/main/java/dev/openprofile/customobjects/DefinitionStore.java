package dev.openprofile.customobjects;

import dev.openprofile.customobjects.Definition.ObjectSchema;
import dev.openprofile.customobjects.Definition.ObjectType;
import dev.openprofile.customobjects.Definition.SchemaRelationship;
import dev.openprofile.customobjects.Definition.SourceMapping;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.store.Statements;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/** The SQL of the definitions (V44): object types, their schemas, relationships and source mappings. */
final class DefinitionStore {
    private static final String TYPE_COLUMNS = "id, title, description, visibility, namespace, current_schema_id, draft_schema_id, created, updated";
    private static final String SCHEMA_COLUMNS = "id, object_type_id, title, description, visibility, status, properties, required, "
            + "published_at, created, updated";
    private static final String RELATIONSHIP_COLUMNS = "object_schema_id, id, related_kind, related_schema_id, related_object_type_id, "
            + "name, description, created";
    private static final String MAPPING_COLUMNS = "id, object_schema_id, property_mappings, relationship_mappings, created, updated";

    private DefinitionStore() {}

    // --- object types ---

    static void insert(Connection c, String accountId, ObjectType t) throws SQLException {
        Statements.update(c, "insert into object_type (account_id, " + TYPE_COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                accountId, t.id(), t.title(), t.description(), t.visibility(), t.namespace(), t.currentSchemaId(), t.draftSchemaId(),
                t.created(), t.updated());
    }

    static void update(Connection c, String accountId, ObjectType t) throws SQLException {
        Statements.update(c, "update object_type set title = ?, description = ?, current_schema_id = ?, draft_schema_id = ?, updated = ? "
                + "where account_id = ? and id = ?", t.title(), t.description(), t.currentSchemaId(), t.draftSchemaId(), t.updated(),
                accountId, t.id());
    }

    /** The type, locked for the caller's transaction when {@code lock}: every write to a type's definitions takes it first. */
    static Optional<ObjectType> type(Connection c, String accountId, String id, boolean lock) throws SQLException {
        List<ObjectType> found = typesWhere(c, "where account_id = ? and id = ?" + (lock ? " for update" : ""), accountId, id);
        return found.stream().findFirst();
    }

    /** The account's types in created order, of one namespace when it is not null. */
    static List<ObjectType> types(Connection c, String accountId, String namespace) throws SQLException {
        return namespace == null ? typesWhere(c, "where account_id = ? order by created, id", accountId)
                : typesWhere(c, "where account_id = ? and namespace = ? order by created, id", accountId, namespace);
    }

    static boolean deleteType(Connection c, String accountId, String id) throws SQLException {
        return Statements.update(c, "delete from object_type where account_id = ? and id = ?", accountId, id) > 0;
    }

    private static List<ObjectType> typesWhere(Connection c, String where, Object... params) throws SQLException {
        return rows(c, "select " + TYPE_COLUMNS + " from object_type " + where, rs -> new ObjectType(rs.getString(1), rs.getString(2),
                rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), time(rs, 8), time(rs, 9)), params);
    }

    // --- schemas ---

    static void insert(Connection c, String accountId, ObjectSchema s) throws SQLException {
        Statements.update(c, "insert into object_schema (account_id, " + SCHEMA_COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, "
                + "?::jsonb, ?, ?, ?)", accountId, s.id(), s.objectTypeId(), s.title(), s.description(), s.visibility(), s.status(),
                s.properties().toString(), s.required().toString(), s.publishedAt(), s.created(), s.updated());
    }

    static void update(Connection c, String accountId, ObjectSchema s) throws SQLException {
        Statements.update(c, "update object_schema set title = ?, description = ?, status = ?, properties = ?::jsonb, required = ?::jsonb, "
                + "published_at = ?, updated = ? where account_id = ? and id = ?", s.title(), s.description(), s.status(),
                s.properties().toString(), s.required().toString(), s.publishedAt(), s.updated(), accountId, s.id());
    }

    static Optional<ObjectSchema> schema(Connection c, String accountId, String id) throws SQLException {
        return schemasWhere(c, "where account_id = ? and id = ?", accountId, id).stream().findFirst();
    }

    /** The schemas with these ids, in no particular order; unknown ids are skipped. */
    static List<ObjectSchema> schemas(Connection c, String accountId, Collection<String> ids) throws SQLException {
        if (ids.isEmpty()) return List.of();
        return schemasWhere(c, "where account_id = ? and id = any(?)", accountId, List.copyOf(new TreeSet<>(ids)));
    }

    /** The type's published versions (current and superseded), newest first; the draft is not a version. */
    static List<ObjectSchema> versions(Connection c, String accountId, String typeId) throws SQLException {
        return schemasWhere(c, "where account_id = ? and object_type_id = ? and status <> 'draft' order by published_at desc, id desc",
                accountId, typeId);
    }

    private static List<ObjectSchema> schemasWhere(Connection c, String where, Object... params) throws SQLException {
        return rows(c, "select " + SCHEMA_COLUMNS + " from object_schema " + where, rs -> new ObjectSchema(rs.getString(1),
                rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), Json.stored(rs.getString(7)),
                Json.stored(rs.getString(8)), time(rs, 9), time(rs, 10), time(rs, 11)), params);
    }

    // --- relationships ---

    static void insert(Connection c, String accountId, SchemaRelationship r) throws SQLException {
        Statements.update(c, "insert into object_schema_relationship (account_id, " + RELATIONSHIP_COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                accountId, r.schemaId(), r.id(), r.relatedKind(), r.relatedSchemaId(), r.relatedObjectTypeId(), r.name(), r.description(),
                r.created());
    }

    static void update(Connection c, String accountId, SchemaRelationship r) throws SQLException {
        Statements.update(c, "update object_schema_relationship set related_schema_id = ?, related_object_type_id = ?, name = ?, "
                + "description = ? where account_id = ? and object_schema_id = ? and id = ?", r.relatedSchemaId(), r.relatedObjectTypeId(),
                r.name(), r.description(), accountId, r.schemaId(), r.id());
    }

    static void deleteRelationships(Connection c, String accountId, String schemaId, List<String> ids) throws SQLException {
        Statements.update(c, "delete from object_schema_relationship where account_id = ? and object_schema_id = ? and id = any(?)",
                accountId, schemaId, ids);
    }

    /** The relationships of these schemas, in created order. */
    static List<SchemaRelationship> relationships(Connection c, String accountId, Collection<String> schemaIds) throws SQLException {
        if (schemaIds.isEmpty()) return List.of();
        return relationshipsWhere(c, "where account_id = ? and object_schema_id = any(?) order by created, id", accountId,
                List.copyOf(new TreeSet<>(schemaIds)));
    }

    /** Other schemas' relationships to this object type (they go with it, by foreign key). */
    static List<SchemaRelationship> relationshipsTo(Connection c, String accountId, String typeId) throws SQLException {
        return relationshipsWhere(c, "where account_id = ? and related_object_type_id = ? order by created, id", accountId, typeId);
    }

    private static List<SchemaRelationship> relationshipsWhere(Connection c, String where, Object... params) throws SQLException {
        return rows(c, "select " + RELATIONSHIP_COLUMNS + " from object_schema_relationship " + where, rs -> new SchemaRelationship(
                rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                time(rs, 8)), params);
    }

    /** A schema's definitions changed: it and its object type were updated now. */
    static void touch(Connection c, String accountId, ObjectSchema schema, OffsetDateTime now) throws SQLException {
        Statements.update(c, "update object_schema set updated = ? where account_id = ? and id = ?", now, accountId, schema.id());
        Statements.update(c, "update object_type set updated = ? where account_id = ? and id = ?", now, accountId, schema.objectTypeId());
    }

    // --- source mappings ---

    static void insert(Connection c, String accountId, SourceMapping m) throws SQLException {
        Statements.update(c, "insert into source_mapping (account_id, " + MAPPING_COLUMNS + ") values (?, ?, ?, ?::jsonb, ?::jsonb, ?, ?)",
                accountId, m.id(), m.schemaId(), m.propertyMappings().toString(), m.relationshipMappings().toString(), m.created(), m.updated());
        readSources(c, accountId, m);
    }

    static void update(Connection c, String accountId, SourceMapping m) throws SQLException {
        Statements.update(c, "update source_mapping set property_mappings = ?::jsonb, relationship_mappings = ?::jsonb, updated = ? "
                + "where account_id = ? and id = ?", m.propertyMappings().toString(), m.relationshipMappings().toString(), m.updated(),
                accountId, m.id());
        Statements.update(c, "delete from source_mapping_source where account_id = ? and source_mapping_id = ?", accountId, m.id());
        readSources(c, accountId, m);
    }

    /** A superseded version's mapping reads no data source any more (ingestion and delete_data_source look here). */
    static void forgetSources(Connection c, String accountId, String mappingId) throws SQLException {
        Statements.update(c, "delete from source_mapping_source where account_id = ? and source_mapping_id = ?", accountId, mappingId);
    }

    /** source_mapping_source = every source_id the mapping names, in its property and relationship mappings. */
    private static void readSources(Connection c, String accountId, SourceMapping m) throws SQLException {
        TreeSet<String> sources = new TreeSet<>();
        m.propertyMappings().forEach(p -> {
            if (p.path("source").hasNonNull("source_id")) sources.add(p.path("source").path("source_id").asText());
        });
        m.relationshipMappings().forEach(r -> sources.add(r.path("source").path("source_id").asText()));
        if (sources.isEmpty()) return;
        Statements.update(c, "insert into source_mapping_source (account_id, source_mapping_id, data_source_id) "
                + "select ?, ?, unnest(?::text[])", accountId, m.id(), List.copyOf(sources));
    }

    static Optional<SourceMapping> mapping(Connection c, String accountId, String id) throws SQLException {
        return mappingsWhere(c, "where account_id = ? and id = ?", accountId, id).stream().findFirst();
    }

    static Optional<SourceMapping> mappingOf(Connection c, String accountId, String schemaId) throws SQLException {
        return mappingsWhere(c, "where account_id = ? and object_schema_id = ?", accountId, schemaId).stream().findFirst();
    }

    private static List<SourceMapping> mappingsWhere(Connection c, String where, Object... params) throws SQLException {
        return rows(c, "select " + MAPPING_COLUMNS + " from source_mapping " + where, rs -> new SourceMapping(rs.getString(1),
                rs.getString(2), Json.stored(rs.getString(3)), Json.stored(rs.getString(4)), time(rs, 5), time(rs, 6)), params);
    }

    /** The ids among {@code ids} that name no data source of the account. */
    static List<String> unknownSources(Connection c, String accountId, Collection<String> ids) throws SQLException {
        if (ids.isEmpty()) return List.of();
        return rows(c, "select x from unnest(?::text[]) x where not exists (select 1 from data_source d where d.account_id = ? "
                + "and d.id = x)", rs -> rs.getString(1), List.copyOf(new TreeSet<>(ids)), accountId);
    }

    @FunctionalInterface
    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** Every row {@code sql} selects; a {@link List} parameter is bound as a text array. */
    private static <T> List<T> rows(Connection c, String sql, Row<T> row, Object... params) throws SQLException {
        List<T> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                if (params[i] instanceof List<?> list) ps.setArray(i + 1, c.createArrayOf("text", list.toArray()));
                else ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(row.read(rs));
            }
        }
        return out;
    }

    private static OffsetDateTime time(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class);
    }
}
