package dev.openprofile.custommetrics;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.jsonapi.ApiError;
import java.util.Set;

/**
 * An update_mapped_metric body: {@code type}, {@code id} (the URL's) and optional {@code relationships.metric} and
 * {@code relationships.custom-metric}, each {@code {"data": {"type", "id"}}} to map, or with {@code data} null (or its
 * {@code id} null, as the spec words it: "A null value will unset the mapping") to unset.
 */
record MappedMetricBody(MappedMetrics.Change metric, MappedMetrics.Change customMetric) {

    static MappedMetricBody parse(JsonNode data, String pathId) {
        if (!data.isObject()) throw ApiError.invalidPointer("/data", "'data' must be an object.");
        only(data, "/data", Set.of("type", "id", "relationships"));
        if (!"mapped-metric".equals(data.path("type").asText(null))) {
            throw ApiError.invalidPointer("/data/type", "'type' must be 'mapped-metric'.");
        }
        if (!data.path("id").isTextual() || data.get("id").asText().isEmpty()) {
            throw ApiError.invalidPointer("/data/id", "'id' must be a non-empty string.");
        }
        if (!data.get("id").asText().equals(pathId)) throw ApiError.idMismatch(data.get("id").asText(), pathId);
        JsonNode relationships = data.get("relationships");
        if (relationships == null || relationships.isNull()) return new MappedMetricBody(null, null);
        if (!relationships.isObject()) throw ApiError.invalidPointer("/data/relationships", "'relationships' must be an object.");
        only(relationships, "/data/relationships", Set.of("metric", "custom-metric"));
        MappedMetrics.Change metric = change(relationships.get("metric"), "metric");
        MappedMetrics.Change customMetric = change(relationships.get("custom-metric"), "custom-metric");
        if (metric != null && metric.id() != null && customMetric != null && customMetric.id() != null) {
            throw ApiError.invalidPointer("/data/relationships", "A mapped metric maps to a metric or a custom metric, not both.");
        }
        return new MappedMetricBody(metric, customMetric);
    }

    private static MappedMetrics.Change change(JsonNode relationship, String type) {
        if (relationship == null) return null;
        String at = "/data/relationships/" + type;
        if (!relationship.isObject() || !relationship.has("data")) {
            throw ApiError.invalidPointer(at + "/data", "'data' must be a resource identifier or null.");
        }
        only(relationship, at, Set.of("data"));
        JsonNode data = relationship.get("data");
        if (data.isNull()) return new MappedMetrics.Change(null);
        if (!data.isObject()) throw ApiError.invalidPointer(at + "/data", "'data' must be a resource identifier or null.");
        only(data, at + "/data", Set.of("type", "id"));
        if (!type.equals(data.path("type").asText(null))) throw ApiError.invalidPointer(at + "/data/type", "'type' must be '" + type + "'.");
        JsonNode id = data.get("id");
        if (id == null) throw ApiError.invalidPointer(at + "/data/id", "'id' is required (null unsets the mapping).");
        if (id.isNull()) return new MappedMetrics.Change(null);
        if (!id.isTextual() || id.asText().isEmpty()) {
            throw ApiError.invalidPointer(at + "/data/id", "'id' must be a non-empty string or null.");
        }
        return new MappedMetrics.Change(id.asText());
    }

    private static void only(JsonNode node, String at, Set<String> members) {
        for (var it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!members.contains(key)) throw ApiError.invalidPointer(at + "/" + key, "'" + key + "' is not allowed here.");
        }
    }
}
