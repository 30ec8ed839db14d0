package dev.openprofile.imports;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.http.ApiRequest;
import dev.openprofile.http.ApiResponse;
import dev.openprofile.http.Endpoint;
import dev.openprofile.jsonapi.Links;
import dev.openprofile.jsonapi.Resources;
import dev.openprofile.lists.ListService;
import dev.openprofile.profiles.ProfileDescriptor;
import dev.openprofile.profiles.ProfileService;
import dev.openprofile.store.Paging;
import java.util.List;
import java.util.Optional;

/** HTTP for the profile-bulk-import-jobs family of the Profiles tag. */
public final class ImportRoutes {
    private final ImportService service;
    private final ProfileService profiles;
    private final ListService lists;
    private final Links links;

    public ImportRoutes(ImportService service, ProfileService profiles, ListService lists, Links links) {
        this.service = service;
        this.profiles = profiles;
        this.lists = lists;
        this.links = links;
    }

    public List<Endpoint> endpoints() {
        return List.of(
                Endpoint.of("bulk_import_profiles", this::submit),
                Endpoint.of("get_bulk_import_profiles_jobs", this::list).sortedBy("created_at"),
                Endpoint.of("get_bulk_import_profiles_job", this::get),
                Endpoint.of("get_list_for_bulk_import_profiles_job", this::jobLists),
                Endpoint.of("get_list_ids_for_bulk_import_profiles_job", this::jobListIds),
                Endpoint.of("get_profiles_for_bulk_import_profiles_job", this::jobProfiles).sortedBy("idx"),
                Endpoint.of("get_profile_ids_for_bulk_import_profiles_job", this::jobProfileIds).sortedBy("idx"),
                Endpoint.of("get_errors_for_bulk_import_profiles_job", this::errors).sortedBy("idx"));
    }

    private ApiResponse submit(ApiRequest r) {
        ImportJob job = service.submit(r.accountId(), ImportInput.parse(r.data()));
        return new ApiResponse(202, Resources.single(ImportDescriptor.resource(job, r.query(), links)));
    }

    private ApiResponse list(ApiRequest r) {
        Paging.Page<ImportStore.Row> page = service.list(r.accountId(), r.query());
        List<ObjectNode> data = page.rows().stream().map(row -> ImportDescriptor.resource(row.job(), r.query(), links)).toList();
        return ApiResponse.ok(Resources.collection(data, collectionLinks(r, page)));
    }

    private ApiResponse get(ApiRequest r) {
        ImportJob job = service.get(r.accountId(), r.pathParam("job_id"));
        ObjectNode resource = ImportDescriptor.resource(job, r.query(), links);
        ObjectNode doc = Resources.single(resource);
        if (r.query().include().contains("lists")) {
            var included = doc.putArray("included");
            var linkage = ((ObjectNode) resource.get("relationships").get("lists")).putArray("data");
            for (ObjectNode l : lists.resources(r.accountId(), job.listIds(), r.query())) {
                included.add(l);
                linkage.addObject().put("type", "list").put("id", l.get("id").asText());
            }
        }
        return ApiResponse.ok(doc);
    }

    private ApiResponse jobLists(ApiRequest r) {
        ImportJob job = service.get(r.accountId(), r.pathParam("id"));
        return ApiResponse.ok(Resources.collection(lists.resources(r.accountId(), job.listIds(), r.query()), selfOnly(r)));
    }

    private ApiResponse jobListIds(ApiRequest r) {
        ImportJob job = service.get(r.accountId(), r.pathParam("id"));
        return ApiResponse.ok(Resources.collection(job.listIds().stream().map(ListService::identifier).toList(), selfOnly(r)));
    }

    private ApiResponse jobProfiles(ApiRequest r) {
        Paging.Page<String[]> page = service.profileIds(r.accountId(), r.pathParam("id"), r.query());
        List<ObjectNode> data = profiles.resources(r.accountId(), page.rows().stream()
                .map(row -> profiles.find(r.accountId(), row[1]))
                .flatMap(Optional::stream).toList(), r.query(), links);
        return ApiResponse.ok(Resources.collection(data, collectionLinks(r, page)));
    }

    private ApiResponse jobProfileIds(ApiRequest r) {
        Paging.Page<String[]> page = service.profileIds(r.accountId(), r.pathParam("id"), r.query());
        List<ObjectNode> data = page.rows().stream().map(row -> ProfileDescriptor.identifier(row[1])).toList();
        return ApiResponse.ok(Resources.collection(data, collectionLinks(r, page)));
    }

    private ApiResponse errors(ApiRequest r) {
        Paging.Page<ImportStore.ImportError> page = service.errors(r.accountId(), r.pathParam("id"), r.query());
        List<ObjectNode> data = page.rows().stream().map(e -> ImportDescriptor.error(e, r.query())).toList();
        return ApiResponse.ok(Resources.collection(data, collectionLinks(r, page)));
    }

    private ObjectNode selfOnly(ApiRequest r) {
        return links.collection(r.path(), r.query().raw(), Optional.empty(), Optional.empty());
    }

    private ObjectNode collectionLinks(ApiRequest r, Paging.Page<?> page) {
        return links.collection(r.path(), r.query().raw(), page.next().map(c -> c.encode()), page.prev().map(c -> c.encode()));
    }
}
