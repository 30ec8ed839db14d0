package dev.openprofile.objectrecords;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.f4b6a3.ulid.UlidCreator;
import dev.openprofile.jobs.JobQueue;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.store.Jdbc;
import dev.openprofile.store.Statements;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Custom object definitions written straight into the V44 tables, exactly as the definitions API writes them (the
 * JSON columns hold the API's arrays with defaults filled), until that API lands: data sources, and object types with
 * a schema (properties, required, mapping, relationships) made current or left draft.
 */
public final class Definitions {
    private final Jdbc jdbc;
    private final String accountId;

    public Definitions(Jdbc jdbc, String accountId) {
        this.jdbc = jdbc;
        this.accountId = accountId;
    }

    static String ulid() {
        return UlidCreator.getMonotonicUlid().toString();
    }

    public String dataSource(String title) {
        String id = ulid();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        jdbc.inTransaction(c -> Statements.update(c, """
                insert into data_source (account_id, id, title, visibility, description, namespace, created, updated)
                values (?, ?, ?, 'private', '', 'custom-objects', ?, ?)""", accountId, id, title, now, now));
        return id;
    }

    public Type type(String title) {
        return new Type(title);
    }

    /** An object type's schema under construction. */
    public final class Type {
        private final String title;
        private final ArrayNode properties = Json.MAPPER.createArrayNode();
        private final ArrayNode required = Json.MAPPER.createArrayNode();
        private final ArrayNode propertyMappings = Json.MAPPER.createArrayNode();
        private final ArrayNode relationshipMappings = Json.MAPPER.createArrayNode();
        private final List<String[]> relationships = new ArrayList<>(); // id, kind, related type, name
        private final List<String> sources = new ArrayList<>();
        public String id = ulid();
        public String schemaId = ulid();

        private Type(String title) {
            this.title = title;
        }

        public Type property(int id, String name, String type, boolean isRequired) {
            properties.addObject().put("id", id).put("name", name).put("type", type).put("description", "");
            if (isRequired) required.add(name);
            return this;
        }

        public Type map(int propertyId, String sourceId, String idPath, String dataPath) {
            ObjectNode m = propertyMappings.addObject().put("id", propertyId).put("type", "simple");
            m.putObject("source").put("source_id", sourceId).put("id_path", idPath).put("data_path", dataPath);
            source(sourceId);
            return this;
        }

        public Type constant(int propertyId, JsonNode value) {
            propertyMappings.addObject().put("id", propertyId).put("type", "constant").set("value", value);
            return this;
        }

        /** @param paths identifier type and path, in order */
        public String profiles(String name, String sourceId, String idPath, boolean additive, String... paths) {
            String rel = ulid();
            relationships.add(new String[] {rel, "profile", null, name});
            ObjectNode source = mapping(rel, sourceId, "profile", idPath, additive);
            ArrayNode related = source.putArray("related_id_paths");
            for (int i = 0; i < paths.length; i += 2) related.addObject().put("identifier_type", paths[i]).put("path", paths[i + 1]);
            return rel;
        }

        public String objects(String name, String relatedTypeId, String sourceId, String idPath, String relatedIdPath, boolean additive) {
            String rel = ulid();
            relationships.add(new String[] {rel, "object", relatedTypeId, name});
            mapping(rel, sourceId, "custom-object", idPath, additive).put("related_id_path", relatedIdPath);
            return rel;
        }

        private ObjectNode mapping(String rel, String sourceId, String kind, String idPath, boolean additive) {
            ObjectNode m = relationshipMappings.addObject().put("relationship_id", rel).put("type", "simple");
            ObjectNode source = m.putObject("source").put("source_id", sourceId).put("type", kind).put("id_path", idPath)
                    .put("update_strategy", additive ? "additive" : "replace_from_origin");
            source(sourceId);
            return source;
        }

        private void source(String sourceId) {
            if (!sources.contains(sourceId)) sources.add(sourceId);
        }

        /** The type with this schema as its current one. */
        public Type active() {
            write(true);
            return this;
        }

        /** The type with this schema as its draft (no current schema). */
        public Type draft() {
            write(false);
            return this;
        }

        /**
         * Makes the draft current as the definitions' activation does, and enqueues what its callback enqueues when
         * records wait (the callback itself is held by IngestionJobsTest).
         */
        public void activate() {
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            jdbc.inTransaction(c -> {
                Statements.update(c, "update object_schema set status = 'active', published_at = ? where account_id = ? and id = ?",
                        now, accountId, schemaId);
                Statements.update(c, "update object_type set current_schema_id = ?, draft_schema_id = null where account_id = ? and id = ?",
                        schemaId, accountId, id);
                JobQueue.enqueue(c, accountId, ulid(), IngestionJobs.BACKFILL, now);
                return null;
            });
        }

        private void write(boolean current) {
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            jdbc.inTransaction(c -> {
                Statements.update(c, """
                        insert into object_type (account_id, id, title, description, visibility, namespace, current_schema_id,
                          draft_schema_id, created, updated) values (?, ?, ?, '', 'private', 'custom-objects', ?, ?, ?, ?)""",
                        accountId, id, title, current ? schemaId : null, current ? null : schemaId, now, now);
                Statements.update(c, """
                        insert into object_schema (account_id, id, object_type_id, title, description, visibility, status,
                          properties, required, published_at, created, updated)
                        values (?, ?, ?, ?, '', 'private', ?, ?::jsonb, ?::jsonb, ?, ?, ?)""",
                        accountId, schemaId, id, title, current ? "active" : "draft", properties.toString(), required.toString(),
                        current ? now : null, now, now);
                for (String[] r : relationships) {
                    Statements.update(c, """
                            insert into object_schema_relationship (account_id, object_schema_id, id, related_kind,
                              related_schema_id, related_object_type_id, name, description, created)
                            values (?, ?, ?, ?, null, ?, ?, '', ?)""", accountId, schemaId, r[0], r[1], r[2], r[3], now);
                }
                String mapping = ulid();
                Statements.update(c, """
                        insert into source_mapping (account_id, id, object_schema_id, property_mappings, relationship_mappings,
                          created, updated) values (?, ?, ?, ?::jsonb, ?::jsonb, ?, ?)""",
                        accountId, mapping, schemaId, propertyMappings.toString(), relationshipMappings.toString(), now, now);
                for (String s : sources) {
                    Statements.update(c, "insert into source_mapping_source (account_id, source_mapping_id, data_source_id) values (?, ?, ?)",
                            accountId, mapping, s);
                }
                return null;
            });
        }
    }
}
