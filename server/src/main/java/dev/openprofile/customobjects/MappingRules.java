package dev.openprofile.customobjects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.customobjects.Definition.SchemaRelationship;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Json;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a source mapping must be, beyond the spec's shapes: each property mapping names a property of the schema, once;
 * each data source named exists; every JSONPath is valid; the mappings of one data source agree on where a record's id
 * is (one id_path per source, relationship mappings included: a record has one id); a relationship mapping names a
 * relationship of the schema whose kind matches its source's type. Answers the arrays as stored (update_strategy filled).
 */
final class MappingRules {
    static final String REPLACE = "replace_from_origin";

    private MappingRules() {}

    /** The checked mapping's two arrays. */
    record Checked(ArrayNode propertyMappings, ArrayNode relationshipMappings) {}

    /**
     * @param pointer the mapping's attributes in the body; {@code propertyPointer}/{@code relationshipPointer} say where
     *                each list is ({@code null}: the stored list, not in the body: its faults point at {@code pointer})
     */
    static Checked check(Connection c, String accountId, JsonNode propertyMappings, JsonNode relationshipMappings, JsonNode properties,
                         List<SchemaRelationship> relationships, String propertyPointer, String relationshipPointer, String pointer)
            throws SQLException {
        Map<Integer, JsonNode> byId = new HashMap<>();
        properties.forEach(p -> byId.put(p.get("id").asInt(), p));
        Map<String, String> idPaths = new HashMap<>();
        Map<String, String> sources = new LinkedHashMap<>();   // source id -> pointer of its first use
        ArrayNode props = Json.MAPPER.createArrayNode();
        Set<Integer> mapped = new HashSet<>();
        for (int i = 0; i < propertyMappings.size(); i++) {
            String at = (propertyPointer == null ? pointer : propertyPointer + "/" + i);
            JsonNode m = propertyMappings.get(i);
            if (m == null || !m.isObject()) throw ApiError.invalidPointer(at, "A property mapping must be an object.");
            int id = m.get("id").asInt();
            JsonNode property = byId.get(id);
            if (property == null) throw ApiError.invalidPointer(sub(at, propertyPointer, "/id"), "Property id " + id + " is no property of the schema.");
            if (!mapped.add(id)) throw ApiError.invalidPointer(sub(at, propertyPointer, "/id"), "Property id " + id + " is mapped twice.");
            if (m.get("type").asText().equals("constant")) {
                constantFits(m.get("value"), property, sub(at, propertyPointer, "/value"));
                props.add(m.deepCopy());
                continue;
            }
            JsonNode source = m.get("source");
            String sourceId = source.get("source_id").asText();
            sources.putIfAbsent(sourceId, sub(at, propertyPointer, "/source/source_id"));
            path(source.get("id_path").asText(), sub(at, propertyPointer, "/source/id_path"));
            path(source.get("data_path").asText(), sub(at, propertyPointer, "/source/data_path"));
            sameIdPath(idPaths, sourceId, source.get("id_path").asText(), sub(at, propertyPointer, "/source/id_path"));
            props.add(m.deepCopy());
        }
        Map<String, SchemaRelationship> relationshipsById = new HashMap<>();
        relationships.forEach(r -> relationshipsById.put(r.id(), r));
        ArrayNode rels = Json.MAPPER.createArrayNode();
        for (int i = 0; i < relationshipMappings.size(); i++) {
            String at = relationshipPointer == null ? pointer : relationshipPointer + "/" + i;
            JsonNode m = relationshipMappings.get(i);
            if (m == null || !m.isObject()) throw ApiError.invalidPointer(at, "A relationship mapping must be an object.");
            String relationshipId = m.get("relationship_id").asText();
            SchemaRelationship r = relationshipsById.get(relationshipId);
            if (r == null) {
                throw ApiError.invalidPointer(sub(at, relationshipPointer, "/relationship_id"), "'" + relationshipId
                        + "' is no relationship of the schema.");
            }
            JsonNode source = m.get("source");
            String kind = source.get("type").asText().equals("profile") ? SchemaRelationship.PROFILE : SchemaRelationship.OBJECT;
            if (!kind.equals(r.relatedKind())) {
                throw ApiError.invalidPointer(sub(at, relationshipPointer, "/source/type"), "Relationship '" + r.name() + "' relates to "
                        + (r.relatedKind().equals(SchemaRelationship.PROFILE) ? "profiles: its source's type is 'profile'." : "an object type: its source's type is 'custom-object'."));
            }
            String sourceId = source.get("source_id").asText();
            sources.putIfAbsent(sourceId, sub(at, relationshipPointer, "/source/source_id"));
            path(source.get("id_path").asText(), sub(at, relationshipPointer, "/source/id_path"));
            sameIdPath(idPaths, sourceId, source.get("id_path").asText(), sub(at, relationshipPointer, "/source/id_path"));
            if (kind.equals(SchemaRelationship.OBJECT)) {
                path(source.get("related_id_path").asText(), sub(at, relationshipPointer, "/source/related_id_path"));
            } else {
                JsonNode paths = source.get("related_id_paths");
                if (paths.isEmpty()) {
                    throw ApiError.invalidPointer(sub(at, relationshipPointer, "/source/related_id_paths"), "A profile relationship needs at least one related id path.");
                }
                for (int j = 0; j < paths.size(); j++) path(paths.get(j).get("path").asText(), sub(at, relationshipPointer, "/source/related_id_paths/" + j + "/path"));
            }
            ObjectNode stored = m.deepCopy();
            ObjectNode storedSource = (ObjectNode) stored.get("source");
            if (!storedSource.hasNonNull("update_strategy")) storedSource.put("update_strategy", REPLACE);
            rels.add(stored);
        }
        List<String> unknown = DefinitionStore.unknownSources(c, accountId, sources.keySet());
        if (!unknown.isEmpty()) {
            throw ApiError.invalidPointer(sources.get(unknown.getFirst()), "Data source '" + unknown.getFirst() + "' does not exist.");
        }
        return new Checked(props, rels);
    }

    /** Every property of {@code required} has a mapping (a record could never have it otherwise). */
    static void mapsRequired(JsonNode propertyMappings, JsonNode properties, JsonNode required, String pointer) {
        Set<Integer> mapped = new HashSet<>();
        propertyMappings.forEach(m -> mapped.add(m.get("id").asInt()));
        Map<String, JsonNode> byName = SchemaRules.names(properties);
        for (JsonNode r : required) {
            JsonNode p = byName.get(r.asText());
            if (p != null && !mapped.contains(p.get("id").asInt())) {
                throw ApiError.invalidPointer(pointer, "Required property '" + r.asText() + "' (id " + p.get("id").asInt()
                        + ") has no mapping in the schema's source mapping.");
            }
        }
    }

    private static String sub(String at, String listPointer, String member) {
        return listPointer == null ? at : at + member;
    }

    private static void path(String path, String pointer) {
        JsonPaths.problem(path).ifPresent(p -> {
            throw ApiError.invalidPointer(pointer, "'" + path + "' " + p + ".");
        });
    }

    private static void sameIdPath(Map<String, String> idPaths, String sourceId, String idPath, String pointer) {
        String first = idPaths.putIfAbsent(sourceId, idPath);
        if (first != null && !first.equals(idPath)) {
            throw ApiError.invalidPointer(pointer, "The mappings of data source '" + sourceId + "' read the record id at '" + first
                    + "': every mapping of one data source must use the same id_path.");
        }
    }

    /** A constant must be a value of its property's type (a timestamp: a date-time string or epoch seconds). */
    private static void constantFits(JsonNode value, JsonNode property, String pointer) {
        String type = property.get("type").asText();
        boolean fits = switch (type) {
            case "string" -> value.isTextual();
            case "int" -> value.isIntegralNumber() || (value.isNumber() && value.decimalValue().stripTrailingZeros().scale() <= 0);
            case "float" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            default -> value.isTextual() || value.isNumber();
        };
        if (!fits) {
            throw ApiError.invalidPointer(pointer, "The constant for property '" + property.get("name").asText() + "' must be a value of its type ("
                    + type + ").");
        }
    }
}
