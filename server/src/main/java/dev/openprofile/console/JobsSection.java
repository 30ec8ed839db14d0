package dev.openprofile.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.http.SessionPageRoute.Request;
import dev.openprofile.http.SessionPageRoute.Response;
import dev.openprofile.jobs.Job;
import dev.openprofile.jobs.JobQueue;
import dev.openprofile.jsonapi.Rfc3339;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every asynchronous job of an account (issue 18), newest 100 first: what the job queue knows of each (kind, status,
 * times), and, for the kinds the API publishes as counted jobs, their progress and errors read through the API's own
 * get operation. The block reloads every 2 seconds (htmx, {@code ?fragment=1}) while any job is unfinished.
 */
public final class JobsSection implements Console.Section {
    static final int NEWEST = 100;
    /** How many of a job's errors its row shows. */
    static final int ERRORS_SHOWN = 5;
    /**
     * The kinds whose job id is the id of a resource with total/completed/failed counts, and the operation that reads
     * it ({job_id}). The other kinds (consent subscriptions, event bulk creates, data source records, campaign sends
     * and estimations, profile merges and deletions) publish no counts under their job id: status and times only.
     */
    static final Map<String, String> PROGRESS = Map.ofEntries(
            Map.entry("profile-bulk-import", "get_bulk_import_profiles_job"),
            Map.entry("profile-suppression-bulk-create-job", "get_bulk_suppress_profiles_job"),
            Map.entry("profile-suppression-bulk-delete-job", "get_bulk_unsuppress_profiles_job"),
            Map.entry("catalog-item-bulk-create-job", "get_bulk_create_catalog_items_job"),
            Map.entry("catalog-item-bulk-update-job", "get_bulk_update_catalog_items_job"),
            Map.entry("catalog-item-bulk-delete-job", "get_bulk_delete_catalog_items_job"),
            Map.entry("catalog-variant-bulk-create-job", "get_bulk_create_variants_job"),
            Map.entry("catalog-variant-bulk-update-job", "get_bulk_update_variants_job"),
            Map.entry("catalog-variant-bulk-delete-job", "get_bulk_delete_variants_job"),
            Map.entry("catalog-category-bulk-create-job", "get_bulk_create_categories_job"),
            Map.entry("catalog-category-bulk-update-job", "get_bulk_update_categories_job"),
            Map.entry("catalog-category-bulk-delete-job", "get_bulk_delete_categories_job"),
            Map.entry("coupon-code-bulk-create-job", "get_bulk_create_coupon_codes_job"));

    private final Console.Kit kit;
    private final JobQueue jobs;

    public JobsSection(Console.Kit kit, JobQueue jobs) {
        this.kit = kit;
        this.jobs = jobs;
    }

    @Override
    public List<Console.Route> routes() {
        return List.of(new Console.Route("GET", Console.ACCOUNT + "/jobs", Console.Access.ACCOUNT, this::jobs));
    }

    /**
     * A job as its row shows it; the counts are null for a kind that publishes none.
     *
     * @param errors each a line: the error's detail and where it is (pointer), as the API gave it
     */
    record Row(String id, String kind, String status, String created, String completed, Integer total, Integer done,
               Integer failed, List<String> errors) {
        public boolean finished() {
            return status.equals(Job.COMPLETE) || status.equals(Job.CANCELLED);
        }
    }

    private Response jobs(Request request, ConsoleSessions.Session session) {
        var account = kit.account(request);
        List<Row> rows = new ArrayList<>();
        for (Job job : jobs.recent(account.accountId(), NEWEST)) rows.add(row(session, account.accountId(), job));
        Map<String, Object> values = new HashMap<>();
        values.put("rows", rows);
        values.put("live", rows.stream().anyMatch(r -> !r.finished()));
        boolean fragment = "1".equals(request.query().get("fragment"));
        return Response.page(200, kit.pages().render(fragment ? "jobs-table" : "jobs", session, account, values));
    }

    private Row row(ConsoleSessions.Session session, String accountId, Job job) {
        String created = Rfc3339.format(job.createdAt());
        String completed = job.completedAt() == null ? "" : Rfc3339.format(job.completedAt());
        String operation = PROGRESS.get(job.kind());
        if (operation == null || !(kit.api().call(session, accountId, operation, Map.of("job_id", job.id()), List.of(), null)
                instanceof ConsoleApi.Ok ok)) {
            return new Row(job.id(), job.kind(), job.status(), created, completed, null, null, null, List.of());
        }
        JsonNode a = ok.body().path("data").path("attributes");
        int failed = a.path("failed_count").asInt();
        List<String> errors = new ArrayList<>();
        // A catalog or coupon job carries its errors; an import's are a relationship of their own.
        for (JsonNode e : a.path("errors")) if (errors.size() < ERRORS_SHOWN) errors.add(line(e));
        if (job.kind().equals("profile-bulk-import") && failed > 0 && kit.api().call(session, accountId,
                "get_errors_for_bulk_import_profiles_job", Map.of("id", job.id()),
                ConsoleApi.query("page[size]", String.valueOf(ERRORS_SHOWN)), null) instanceof ConsoleApi.Ok found) {
            for (JsonNode e : found.body().path("data")) errors.add(line(e.path("attributes")));
        }
        return new Row(job.id(), job.kind(), a.path("status").asText(job.status()), created, completed,
                a.path("total_count").asInt(), a.path("completed_count").asInt(), failed, errors);
    }

    private static String line(JsonNode error) {
        String detail = error.path("detail").asText(error.path("title").asText(""));
        String pointer = error.path("source").path("pointer").asText("");
        return pointer.isEmpty() ? detail : detail + " (" + pointer + ")";
    }
}
