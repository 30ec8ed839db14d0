package dev.openprofile.jsonapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Renders errors in Klaviyo's shape: {"errors":[{id,status,code,title,detail,source,links,meta}]}. */
public final class ErrorDocument {
    private ErrorDocument() {}

    public static ObjectNode of(ApiError error) {
        return of(List.of(error));
    }

    /** Several errors share one status, the first one's (bulk validation reports one per failing item). */
    public static ObjectNode of(List<ApiError> errors) {
        ObjectNode doc = Json.MAPPER.createObjectNode();
        ArrayNode list = doc.putArray("errors");
        for (ApiError e : errors) {
            ObjectNode node = list.addObject();
            node.put("id", UUID.randomUUID().toString());
            node.put("status", e.status());
            node.put("code", e.code());
            node.put("title", e.title());
            node.put("detail", e.detail());
            ObjectNode source = node.putObject("source");
            if (e.source() != null && e.source().pointer() != null) source.put("pointer", e.source().pointer());
            if (e.source() != null && e.source().parameter() != null) source.put("parameter", e.source().parameter());
            // Klaviyo's errors always name a source; where nothing is more precise it uses "/data/"
            // (its observed 401, 403 and 429 bodies, semantics §1 and §3).
            if (source.isEmpty()) source.put("pointer", "/data/");
            if (!e.links().isEmpty()) e.links().forEach(node.putObject("links")::put);
            ObjectNode meta = node.putObject("meta");
            for (Map.Entry<String, Object> m : e.meta().entrySet()) meta.set(m.getKey(), Json.MAPPER.valueToTree(m.getValue()));
        }
        return doc;
    }
}
