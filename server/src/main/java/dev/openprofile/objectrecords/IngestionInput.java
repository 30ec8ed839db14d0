package dev.openprofile.objectrecords;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * The bodies of create_data_source_record and bulk_create_data_source_records (DataSourceRecordCreateJobCreateQuery
 * and its bulk twin), and of bulk_delete_object_records: their shape, with a pointer at each fault.
 */
final class IngestionInput {
    static final String SINGLE = "data-source-record-create-job";
    static final String BULK = "data-source-record-bulk-create-job";
    static final String SINGLE_RECORD = "/data/attributes/data-source-record/data/attributes/record";
    static final int MAX_RECORDS = 500;
    static final int MAX_RECORD_BYTES = 512 * 1024;
    static final int MAX_BULK_BYTES = 4 * 1024 * 1024;
    static final int MAX_DELETES = 500;

    private IngestionInput() {}

    record Submission(String dataSourceId, List<JsonNode> records) {}

    static Submission single(JsonNode data) {
        requireObject(data, "/data");
        requireType(data, "/data", SINGLE);
        JsonNode member = data.path("attributes").path("data-source-record");
        requireObject(data.path("attributes"), "/data/attributes");
        if (!member.isObject()) throw ApiError.invalidPointer("/data/attributes/data-source-record", "'data-source-record' is a required field.");
        JsonNode record = record(member.path("data"), "/data/attributes/data-source-record/data");
        return new Submission(dataSource(data), List.of(record));
    }

    static Submission bulk(JsonNode data) {
        requireObject(data, "/data");
        requireType(data, "/data", BULK);
        requireObject(data.path("attributes"), "/data/attributes");
        String at = "/data/attributes/data-source-records";
        JsonNode member = data.path("attributes").path("data-source-records");
        if (!member.isObject()) throw ApiError.invalidPointer(at, "'data-source-records' is a required field.");
        JsonNode array = member.path("data");
        if (!array.isArray()) throw ApiError.invalidPointer(at + "/data", "'data' must be an array.");
        if (array.isEmpty()) throw ApiError.invalidPointer(at + "/data", "A bulk job needs at least one record.");
        if (array.size() > MAX_RECORDS) {
            throw ApiError.invalidPointer(at + "/data", "A bulk job accepts up to " + MAX_RECORDS + " records per request;"
                    + " this one has " + array.size() + ".");
        }
        List<JsonNode> records = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) records.add(record(array.get(i), at + "/data/" + i));
        return new Submission(dataSource(data), records);
    }

    /** A DataSourceRecordResourceObject: type data-source-record and an object record of at most 512KB. */
    private static JsonNode record(JsonNode resource, String at) {
        requireObject(resource, at);
        requireType(resource, at, "data-source-record");
        requireObject(resource.path("attributes"), at + "/attributes");
        JsonNode record = resource.path("attributes").path("record");
        if (!record.isObject()) throw ApiError.invalidPointer(at + "/attributes/record", "'record' must be an object.");
        if (Json.bytes(record).length > MAX_RECORD_BYTES) {
            throw new ApiError(413, "request_too_large", "Payload too large.",
                    "The maximum allowed payload size per record is 512KB.", ApiError.Source.pointer(at + "/attributes/record"), null);
        }
        return record;
    }

    private static String dataSource(JsonNode data) {
        String at = "/data/relationships/data-source/data";
        JsonNode linkage = data.path("relationships").path("data-source").path("data");
        if (!linkage.isObject()) throw ApiError.invalidPointer(at, "The data source the records belong to is required.");
        requireType(linkage, at, "data-source");
        JsonNode id = linkage.path("id");
        if (!id.isTextual() || id.asText().isEmpty()) throw ApiError.invalidPointer(at + "/id", "'id' must be a non-empty string.");
        return id.asText();
    }

    /** bulk_delete_object_records: 1 to 500 object-record identifiers with compound ids. */
    static List<ObjectRecordIds.Parts> deletions(JsonNode data) {
        requireObject(data, "/data");
        requireType(data, "/data", "object-record-bulk-delete-job");
        String at = "/data/relationships/object-records/data";
        JsonNode array = data.path("relationships").path("object-records").path("data");
        if (!array.isArray()) throw ApiError.invalidPointer(at, "'data' must be an array of object-record identifiers.");
        if (array.isEmpty()) throw ApiError.invalidPointer(at, "At least one object record is required.");
        if (array.size() > MAX_DELETES) {
            throw ApiError.invalidPointer(at, "Up to " + MAX_DELETES + " object records can be deleted per request; this one"
                    + " has " + array.size() + ".");
        }
        List<ObjectRecordIds.Parts> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode item = array.get(i);
            requireObject(item, at + "/" + i);
            requireType(item, at + "/" + i, "object-record");
            String id = item.path("id").isTextual() ? item.path("id").asText() : null;
            String pointer = at + "/" + i + "/id";
            out.add(ObjectRecordIds.parse(id).orElseThrow(() -> ApiError.invalidPointer(pointer,
                    "An object record id has the form {object_type_id}:::{record_id}.")));
        }
        return out;
    }

    private static void requireObject(JsonNode node, String at) {
        if (!node.isObject()) throw ApiError.invalidPointer(at, "'" + at.substring(at.lastIndexOf('/') + 1) + "' must be an object.");
    }

    private static void requireType(JsonNode node, String at, String type) {
        if (!type.equals(node.path("type").asText(null))) throw ApiError.invalidPointer(at + "/type", "'type' must be '" + type + "'.");
    }
}
