package dev.openprofile.consent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.jsonapi.Links;
import dev.openprofile.jsonapi.Query;
import dev.openprofile.jsonapi.Resources;
import dev.openprofile.jsonapi.Rfc3339;

/** The wire shape of the suppression jobs (the subscription jobs answer 202 with no body). */
final class ConsentDescriptor {
    private ConsentDescriptor() {}

    static String path(ConsentJob.Kind kind) {
        return "/api/profile-" + (kind == ConsentJob.Kind.SUPPRESS ? "suppression-bulk-create-jobs" : "suppression-bulk-delete-jobs");
    }

    static ObjectNode resource(ConsentJob j, Query query, Links links) {
        ObjectNode a = Json.MAPPER.createObjectNode();
        a.put("status", j.job().status());
        a.put("created_at", Rfc3339.format(j.job().createdAt()));
        a.put("total_count", j.totalCount());
        a.put("completed_count", j.completedCount());
        a.put("completed_at", Rfc3339.format(j.job().completedAt()));
        a.put("skipped_count", j.skippedCount());
        String id = j.job().id();
        ObjectNode node = Resources.resource(j.kind().type, id, a, query, links.resource(path(j.kind()), id));
        // The jobs have no relationship endpoints, so the relationships carry their linkage only.
        ObjectNode relationships = node.putObject("relationships");
        var lists = relationships.putObject("lists").putArray("data");
        if (j.listId() != null) lists.addObject().put("type", "list").put("id", j.listId());
        var segments = relationships.putObject("segments").putArray("data");
        if (j.segmentId() != null) segments.addObject().put("type", "segment").put("id", j.segmentId());
        node.set("links", node.remove("links"));
        return node;
    }
}
