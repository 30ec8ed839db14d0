package dev.openprofile.customobjects;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.jsonapi.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What ingestion needs of the definitions: for one data source, the current schema of every object type whose source
 * mapping reads it, with the mappings of that source. Drafts and superseded versions never ingest.
 */
public final class CurrentMappings {
    private CurrentMappings() {}

    /** A schema property; {@code type} is one of boolean, float, int, string, timestamp. */
    public record Property(int id, String name, String type, boolean required) {}

    public sealed interface PropertyMapping {
        int propertyId();
    }

    /** The same value for every record. */
    public record ConstantMapping(int propertyId, JsonNode value) implements PropertyMapping {}

    /** The value {@code dataPath} selects in a record of the data source. */
    public record SimpleMapping(int propertyId, String idPath, String dataPath) implements PropertyMapping {}

    /** A profile identifier ({@code email}, {@code phone}, {@code external-id}, {@code klaviyo-id}, {@code anonymous}). */
    public record RelatedIdPath(String identifierType, String path) {}

    /**
     * A relationship the data source's records set. For {@code related_kind} object, {@code relatedIdPath} selects the
     * related record id(s) in {@code relatedObjectTypeId}; for profile, {@code relatedIdPaths} select identifiers.
     *
     * @param additive update_strategy additive (links only added) rather than replace_from_origin (the default)
     */
    public record RelationshipMapping(String relationshipId, String relationshipName, String relatedKind,
                                      String relatedObjectTypeId, String idPath, String relatedIdPath,
                                      List<RelatedIdPath> relatedIdPaths, boolean additive) {}

    /**
     * One object type's current schema as one data source feeds it.
     *
     * @param idPath           the path of the record id in this source's records: its property mappings' id_path, else
     *                         its first relationship mapping's
     * @param propertyMappings this source's simple mappings and every constant mapping
     */
    public record Current(String objectTypeId, String schemaId, List<Property> properties, String idPath,
                          List<PropertyMapping> propertyMappings, List<RelationshipMapping> relationshipMappings) {}

    public static List<Current> forSource(Connection c, String accountId, String dataSourceId) throws SQLException {
        List<Current> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                select s.object_type_id, s.id, s.properties, s.required, m.property_mappings, m.relationship_mappings,
                  (select coalesce(jsonb_object_agg(r.id, jsonb_build_array(r.name, r.related_kind, r.related_object_type_id)), '{}')
                   from object_schema_relationship r where r.account_id = s.account_id and r.object_schema_id = s.id)
                from source_mapping_source ms
                join source_mapping m on m.account_id = ms.account_id and m.id = ms.source_mapping_id
                join object_schema s on s.account_id = m.account_id and s.id = m.object_schema_id
                join object_type t on t.account_id = s.account_id and t.id = s.object_type_id and t.current_schema_id = s.id
                where ms.account_id = ? and ms.data_source_id = ?
                order by s.object_type_id""")) {
            ps.setString(1, accountId);
            ps.setString(2, dataSourceId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(current(rs.getString(1), rs.getString(2), Json.stored(rs.getString(3)), Json.stored(rs.getString(4)),
                            Json.stored(rs.getString(5)), Json.stored(rs.getString(6)), dataSourceId,
                            relationships(Json.stored(rs.getString(7)))));
                }
            }
        }
        return out;
    }

    private static Current current(String typeId, String schemaId, JsonNode properties, JsonNode required,
                                   JsonNode propertyMappings, JsonNode relationshipMappings, String sourceId,
                                   Map<String, String[]> relationships) {
        Set<String> requiredNames = new LinkedHashSet<>();
        required.forEach(n -> requiredNames.add(n.asText()));
        List<Property> props = new ArrayList<>();
        properties.forEach(p -> props.add(new Property(p.path("id").asInt(), p.path("name").asText(),
                p.path("type").asText(), requiredNames.contains(p.path("name").asText()))));
        String idPath = null;
        List<PropertyMapping> mappings = new ArrayList<>();
        for (JsonNode m : propertyMappings) {
            int id = m.path("id").asInt();
            if ("constant".equals(m.path("type").asText())) {
                mappings.add(new ConstantMapping(id, m.path("value")));
            } else if (sourceId.equals(m.path("source").path("source_id").asText())) {
                String path = m.path("source").path("id_path").asText();
                if (idPath == null) idPath = path;
                mappings.add(new SimpleMapping(id, path, m.path("source").path("data_path").asText()));
            }
        }
        List<RelationshipMapping> links = new ArrayList<>();
        for (JsonNode m : relationshipMappings) {
            JsonNode source = m.path("source");
            if (!sourceId.equals(source.path("source_id").asText())) continue;
            String[] rel = relationships.get(m.path("relationship_id").asText());
            if (rel == null) continue; // the definitions refuse this on write; a deleted relationship links nothing
            List<RelatedIdPath> paths = new ArrayList<>();
            source.path("related_id_paths").forEach(p -> paths.add(new RelatedIdPath(p.path("identifier_type").asText(), p.path("path").asText())));
            String path = source.path("id_path").asText();
            if (idPath == null) idPath = path;
            links.add(new RelationshipMapping(m.path("relationship_id").asText(), rel[0], rel[1], rel[2], path,
                    source.path("related_id_path").isTextual() ? source.path("related_id_path").asText() : null,
                    paths, "additive".equals(source.path("update_strategy").asText())));
        }
        return new Current(typeId, schemaId, props, idPath, mappings, links);
    }

    /**
     * The schema's relationships by id: name, related kind, related object type (read with the schema, one statement
     * per chunk: {@code {id: [name, kind, type]}}).
     */
    private static Map<String, String[]> relationships(JsonNode byId) {
        Map<String, String[]> out = new LinkedHashMap<>();
        byId.properties().forEach(e -> out.put(e.getKey(), new String[] {e.getValue().get(0).asText(),
                e.getValue().get(1).asText(), e.getValue().get(2).isNull() ? null : e.getValue().get(2).asText()}));
        return out;
    }
}
