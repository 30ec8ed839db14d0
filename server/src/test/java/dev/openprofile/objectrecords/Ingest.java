package dev.openprofile.objectrecords;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.testing.Api;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Requests of the ingestion operations, as a test writes them. */
final class Ingest {
    private Ingest() {}

    static String single(String sourceId, String record) {
        return "{\"data\":{\"type\":\"data-source-record-create-job\",\"attributes\":{\"data-source-record\":{\"data\":"
                + "{\"type\":\"data-source-record\",\"attributes\":{\"record\":" + record + "}}}},\"relationships\":"
                + "{\"data-source\":{\"data\":{\"type\":\"data-source\",\"id\":\"" + sourceId + "\"}}}}}";
    }

    static String bulk(String sourceId, List<String> records) {
        StringBuilder data = new StringBuilder();
        for (String r : records) {
            if (!data.isEmpty()) data.append(',');
            data.append("{\"type\":\"data-source-record\",\"attributes\":{\"record\":").append(r).append("}}");
        }
        return "{\"data\":{\"type\":\"data-source-record-bulk-create-job\",\"attributes\":{\"data-source-records\":{\"data\":["
                + data + "]}},\"relationships\":{\"data-source\":{\"data\":{\"type\":\"data-source\",\"id\":\"" + sourceId + "\"}}}}}";
    }

    static Api.Response one(Api api, String sourceId, String record) {
        return api.post("create_data_source_record", "/api/data-source-record-create-jobs", single(sourceId, record));
    }

    static Api.Response many(Api api, String sourceId, List<String> records) {
        return api.post("bulk_create_data_source_records", "/api/data-source-record-bulk-create-jobs", bulk(sourceId, records));
    }

    static Api.Response delete(Api api, List<String> ids) {
        StringBuilder data = new StringBuilder();
        for (String id : ids) {
            if (!data.isEmpty()) data.append(',');
            data.append("{\"type\":\"object-record\",\"id\":").append(Json.MAPPER.valueToTree(id).toString()).append('}');
        }
        return api.post("bulk_delete_object_records", "/api/object-record-bulk-delete-jobs",
                "{\"data\":{\"type\":\"object-record-bulk-delete-job\",\"relationships\":{\"object-records\":{\"data\":[" + data + "]}}}}");
    }

    static Api.Response record(Api api, String typeId, String recordId) {
        return api.get("get_object_record", "/api/object-records/" + q(typeId + ":::" + recordId));
    }

    static Api.Response logs(Api api, String typeId, String query) {
        return api.get("get_ingestion_logs_for_object_type", "/api/object-types/" + typeId + "/object-ingestion-logs" + query);
    }

    static JsonNode properties(Api api, String typeId, String recordId) {
        Api.Response r = record(api, typeId, recordId);
        if (r.status() == 404) return null;
        if (r.status() != 200) throw new AssertionError(r.text());
        return r.data().at("/attributes/record_properties");
    }

    static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
