package dev.openprofile.objectrecords;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.customobjects.ObjectTypes;
import dev.openprofile.http.ApiRequest;
import dev.openprofile.http.ApiResponse;
import dev.openprofile.http.Endpoint;
import dev.openprofile.jsonapi.Cursor;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.jsonapi.Links;
import dev.openprofile.jsonapi.Query;
import dev.openprofile.jsonapi.Resources;
import dev.openprofile.jsonapi.Rfc3339;
import dev.openprofile.store.Paging;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** The HTTP of ingestion, object records and ingestion logs, and their wire shapes. */
final class ObjectRecordRoutes {
    static final String RECORD = "object-record";
    static final String LOG = "object-ingestion-log";
    static final String TYPE = "object-type";
    private static final String RECORDS_PATH = "/api/object-records";
    // The spec has no endpoint of a log entry of its own; self links name where one would be.
    private static final String LOGS_PATH = "/api/object-ingestion-logs";

    private final ObjectRecordService service;
    private final ObjectTypes types;
    private final Links links;

    ObjectRecordRoutes(ObjectRecordService service, ObjectTypes types, Links links) {
        this.service = service;
        this.types = types;
        this.links = links;
    }

    List<Endpoint> endpoints() {
        return List.of(
                Endpoint.of("create_data_source_record", r -> {
                    service.createOne(r.accountId(), r.data());
                    return ApiResponse.noContent();
                }),
                Endpoint.of("bulk_create_data_source_records", r -> {
                    service.createMany(r.accountId(), r.data());
                    return ApiResponse.noContent();
                }).limitBody(IngestionInput.MAX_BULK_BYTES),
                Endpoint.of("bulk_delete_object_records", r -> {
                    service.deleteMany(r.accountId(), r.data());
                    return ApiResponse.accepted();
                }),
                Endpoint.of("get_object_record", r -> ApiResponse.ok(Resources.single(
                        record(service.get(r.accountId(), r.pathParam("id")), r.query())))),
                Endpoint.of("get_records_for_object_type", r -> records(r, x -> record(x, r.query()))),
                Endpoint.of("get_record_ids_for_object_type", r -> records(r, x -> Resources.identifier(RECORD, x.id()))),
                Endpoint.of("get_ingestion_logs_for_object_type", this::logs),
                Endpoint.of("get_ingestion_log_ids_for_object_type", r -> {
                    var page = service.logs(r.accountId(), r.pathParam("id"), r.query());
                    return collection(r, page, page.rows().stream().map(l -> Resources.identifier(LOG, l.id())).toList());
                }));
    }

    private ApiResponse records(ApiRequest r, Function<ObjectRecordQueries.ObjectRecord, ObjectNode> render) {
        var page = service.records(r.accountId(), r.pathParam("id"), r.query());
        return collection(r, page, page.rows().stream().map(render).toList());
    }

    /** The entries, and with include the records they name that exist and their object type. */
    private ApiResponse logs(ApiRequest r) {
        String typeId = r.pathParam("id");
        Query query = r.query();
        var page = service.logs(r.accountId(), typeId, query);
        ApiResponse response = collection(r, page, page.rows().stream().map(l -> log(l, query)).toList());
        if (query.include().isEmpty()) return response;
        ArrayNode included = ((ObjectNode) response.body()).putArray("included");
        if (query.include().contains(TYPE) && !page.rows().isEmpty()) {
            types.resource(r.accountId(), typeId, query).ifPresent(included::add);
        }
        if (query.include().contains(RECORD)) {
            Set<String> ids = new LinkedHashSet<>();
            page.rows().stream().filter(l -> l.recordId() != null)
                    .forEach(l -> ids.add(ObjectRecordIds.compound(l.objectTypeId(), l.recordId())));
            service.findAll(r.accountId(), List.copyOf(ids)).forEach(x -> included.add(record(x, query)));
        }
        return response;
    }

    private <T> ApiResponse collection(ApiRequest r, Paging.Page<T> page, List<ObjectNode> data) {
        return ApiResponse.ok(Resources.collection(data, links.collection(r.path(), r.query().raw(),
                page.next().map(Cursor::encode), page.prev().map(Cursor::encode))));
    }

    private ObjectNode record(ObjectRecordQueries.ObjectRecord x, Query query) {
        ObjectNode a = Json.MAPPER.createObjectNode();
        a.set("record_properties", x.properties());
        return Resources.resource(RECORD, x.id(), a, query, links.resource(RECORDS_PATH, encode(x.id())));
    }

    private ObjectNode log(ObjectRecordQueries.Log l, Query query) {
        ObjectNode a = Json.MAPPER.createObjectNode();
        a.put("status", l.status());
        a.put("event_type", l.eventType());
        a.put("timestamp", Rfc3339.format(l.at()));
        a.put("summary", l.summary());
        a.set("errors", l.errors());
        ObjectNode node = Resources.resource(LOG, l.id(), a, query, links.resource(LOGS_PATH, l.id()));
        ObjectNode relationships = node.putObject("relationships");
        relationships.putObject(TYPE).set("data", Resources.identifier(TYPE, l.objectTypeId()));
        if (l.recordId() != null) {
            relationships.putObject(RECORD).set("data",
                    Resources.identifier(RECORD, ObjectRecordIds.compound(l.objectTypeId(), l.recordId())));
        }
        node.set("links", node.remove("links"));
        return node;
    }

    private static String encode(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
