package dev.openprofile.catalogs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.http.ApiRequest;
import dev.openprofile.http.ApiResponse;
import dev.openprofile.http.Endpoint;
import dev.openprofile.jobs.JobProgress;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.jsonapi.Links;
import dev.openprofile.jsonapi.Query;
import dev.openprofile.jsonapi.Resources;
import dev.openprofile.jsonapi.Rfc3339;
import dev.openprofile.resource.ResourceRenderer;
import dev.openprofile.resource.ResourceRow;
import dev.openprofile.store.Paging;
import java.util.ArrayList;
import java.util.List;

/** The HTTP of the catalog bulk jobs: submit, list and get, for every family, and the job's wire shape. */
public final class CatalogBulkRoutes {
    private final CatalogBulkJobs jobs;
    private final ResourceRenderer renderer;
    private final Links links;

    public CatalogBulkRoutes(CatalogBulkJobs jobs, ResourceRenderer renderer, Links links) {
        this.jobs = jobs;
        this.renderer = renderer;
        this.links = links;
    }

    public List<Endpoint> endpoints() {
        List<Endpoint> out = new ArrayList<>();
        for (BulkFamily f : jobs.families()) {
            out.add(Endpoint.of(f.submitOperation(), r -> submit(f, r)));
            out.add(Endpoint.of(f.listOperation(), r -> list(f, r)).sortedBy("created_at"));
            out.add(Endpoint.of(f.getOperation(), r -> get(f, r)));
        }
        return out;
    }

    private ApiResponse submit(BulkFamily f, ApiRequest r) {
        BulkJob job = jobs.submit(f, r.accountId(), r.data());
        return new ApiResponse(202, Resources.single(resource(f, job, r.query())));
    }

    private ApiResponse list(BulkFamily f, ApiRequest r) {
        Paging.Page<CatalogBulkStore.Row> page = jobs.list(f, r.accountId(), r.query());
        List<ObjectNode> data = page.rows().stream().map(row -> resource(f, row.job(), r.query())).toList();
        return ApiResponse.ok(Resources.collection(data, links.collection(r.path(), r.query().raw(),
                page.next().map(c -> c.encode()), page.prev().map(c -> c.encode()))));
    }

    /** One job; with {@code include=items} (variants, categories) the resources it wrote, as they are now. */
    private ApiResponse get(BulkFamily f, ApiRequest r) {
        BulkJob job = jobs.get(f, r.accountId(), r.pathParam("job_id"));
        ObjectNode doc = Resources.single(resource(f, job, r.query()));
        if (f.includes() && r.query().include().contains(f.member())) {
            ArrayNode included = doc.putArray("included");
            List<ResourceRow> rows = f.records().findAll(r.accountId(), job.resourceIds());
            renderer.resources(r.accountId(), f.records().kind(), rows, r.query()).forEach(included::add);
        }
        return ApiResponse.ok(doc);
    }

    /** The spec's job resource: the progress attributes, and the written resources' ids as the relationship's data. */
    private ObjectNode resource(BulkFamily f, BulkJob j, Query query) {
        ObjectNode a = JobProgress.attributes(j.job(), j.totalCount(), j.completedCount(), j.failedCount());
        a.set("errors", j.errors());
        a.put("expires_at", Rfc3339.format(j.job().expiresAt()));
        String id = j.job().id();
        ObjectNode node = Resources.resource(f.type(), id, a, query, links.resource(f.path(), id));
        ArrayNode linkage = node.putObject("relationships").putObject(f.member()).putArray("data");
        String type = f.records().kind().type();
        j.resourceIds().stream().distinct().forEach(rid -> linkage.add(Resources.identifier(type, rid)));
        node.set("links", node.remove("links"));
        return node;
    }
}
