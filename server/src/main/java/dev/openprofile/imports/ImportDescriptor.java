package dev.openprofile.imports;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.jobs.JobProgress;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.jsonapi.Links;
import dev.openprofile.jsonapi.Query;
import dev.openprofile.jsonapi.Resources;
import dev.openprofile.jsonapi.Rfc3339;

/** The wire shapes of a bulk import job and of its import errors. */
final class ImportDescriptor {
    static final String PATH = "/api/profile-bulk-import-jobs";
    static final String ERROR_TYPE = "import-error";

    private ImportDescriptor() {}

    static ObjectNode resource(ImportJob j, Query query, Links links) {
        ObjectNode a = JobProgress.attributes(j.job(), j.totalCount(), j.completedCount(), j.failedCount());
        a.put("expires_at", Rfc3339.format(j.job().expiresAt()));
        a.put("started_at", Rfc3339.format(j.job().startedAt()));
        String id = j.job().id();
        ObjectNode node = Resources.resource(ImportJob.TYPE, id, a, query, links.resource(PATH, id));
        ObjectNode relationships = node.putObject("relationships");
        relationships.set("lists", Resources.relationshipLinks(links, PATH, id, "lists"));
        relationships.set("profiles", Resources.relationshipLinks(links, PATH, id, "profiles"));
        relationships.putObject("import-errors").putObject("links").put("related", links.path(PATH + "/" + id + "/import-errors"));
        node.set("links", node.remove("links"));
        return node;
    }

    static ObjectNode error(ImportStore.ImportError e, Query query) {
        ObjectNode a = Json.MAPPER.createObjectNode();
        a.put("code", e.code());
        a.put("title", e.title());
        a.put("detail", e.detail());
        a.putObject("source").put("pointer", e.pointer());
        try {
            a.set("original_payload", e.payload() == null ? null : Json.MAPPER.readTree(e.payload()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException x) {
            throw new IllegalStateException("stored payloads are JSON", x);
        }
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("type", ERROR_TYPE);
        node.put("id", e.id());
        node.set("attributes", query.fieldsFor(ERROR_TYPE).map(f -> dev.openprofile.jsonapi.Fieldsets.select(a, f)).orElse(a));
        return node;
    }
}
