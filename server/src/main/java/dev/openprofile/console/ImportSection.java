package dev.openprofile.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.auth.AccountStore;
import dev.openprofile.cli.ProfileFile;
import dev.openprofile.console.Console.Access;
import dev.openprofile.console.Console.Route;
import dev.openprofile.http.MultipartForm;
import dev.openprofile.http.SessionPageRoute.Request;
import dev.openprofile.http.SessionPageRoute.Response;
import dev.openprofile.jobs.Job;
import dev.openprofile.jsonapi.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CSV import page: an uploaded CSV of profiles (columns as {@code openprofile import} reads them: email,
 * phone_number, external_id, first_name, ...; location columns; any other column a custom property) becomes ONE
 * bulk_import_profiles request, so the API's own validation answers a bad row; then the job's page, its progress bar
 * refreshed every second until the job is done, with its counts and errors.
 */
public final class ImportSection implements Console.Section {
    /** Where the API points at a profile of the request: the CSV row it came from is shown beside it. */
    private static final Pattern PROFILE = Pattern.compile("^/data/attributes/profiles/data/(\\d+)(/.*)?$");
    private static final Set<String> DONE = Set.of(Job.COMPLETE, Job.CANCELLED);
    private final Console.Kit kit;

    public ImportSection(Console.Kit kit) {
        this.kit = kit;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                new Route("GET", Console.ACCOUNT + "/import", Access.ACCOUNT, (r, s) -> form(r, s, 200, List.of(), List.of())),
                new Route("POST", Console.ACCOUNT + "/import", Access.ACCOUNT, this::upload),
                new Route("GET", Console.ACCOUNT + "/import/{job_id}", Access.ACCOUNT, this::job));
    }

    private Response upload(Request r, ConsoleSessions.Session s) {
        MultipartForm.Part file = r.files().get("file");
        if (file == null || file.bytes().length == 0) return form(r, s, 400, List.of(local("Choose a CSV file to import.")), List.of());
        List<ProfileFile.Entry> entries = new ArrayList<>();
        try (ProfileFile profiles = new ProfileFile(new InputStreamReader(new ByteArrayInputStream(file.bytes()), StandardCharsets.UTF_8), "upload.csv")) {
            while (profiles.hasNext()) entries.add(profiles.next());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            // commons-csv's words for a header or quoting it cannot read (a duplicate column, an unclosed quote)
            return form(r, s, 400, List.of(local("The file is not a readable CSV: " + e.getMessage())), List.of());
        }
        String list = r.form().getOrDefault("list_id", "").strip();
        ObjectNode body = ProfileFile.importJob(entries, list.isEmpty() ? null : list);
        AccountStore.Account account = kit.account(r);
        return switch (kit.api().call(s, account.accountId(), "bulk_import_profiles", Map.of(), List.of(), body)) {
            case ConsoleApi.Ok ok -> Response.redirect(Console.accountPath(account.accountId()) + "/import/"
                    + java.net.URLEncoder.encode(ok.body().at("/data/id").asText(), StandardCharsets.UTF_8), List.of());
            case ConsoleApi.Failed f -> form(r, s, f.status(), f.errors(), lines(f.errors(), entries));
        };
    }

    /** For each error at a profile of the request, the CSV row that profile came from. */
    private static List<String> lines(List<ConsoleApi.Shown> errors, List<ProfileFile.Entry> entries) {
        List<String> out = new ArrayList<>();
        for (ConsoleApi.Shown e : errors) {
            Matcher m = e.pointer() == null ? null : PROFILE.matcher(e.pointer());
            if (m == null || !m.matches()) continue;
            int index = Integer.parseInt(m.group(1));
            // Rows, not lines: blank lines are skipped and a quoted value may span lines.
            if (index < entries.size()) out.add(e.pointer() + " is row " + (index + 1) + " of the CSV, after its header.");
        }
        return out;
    }

    private static ConsoleApi.Shown local(String detail) {
        return new ConsoleApi.Shown("invalid", "Invalid file.", detail, null, null);
    }

    private Response form(Request r, ConsoleSessions.Session s, int status, List<ConsoleApi.Shown> errors, List<String> lines) {
        AccountStore.Account account = kit.account(r);
        // The first page of the account's lists to pick from (any list id may be typed); none when the key reads no lists.
        List<Object> lists = switch (kit.api().call(s, account.accountId(), "get_lists", Map.of(),
                ConsoleApi.query("fields[list]", "name"), null)) {
            case ConsoleApi.Ok ok -> Json.MAPPER.convertValue(ok.body().get("data"), List.class);
            case ConsoleApi.Failed f -> List.of();
        };
        return Response.page(status, kit.pages().render("import", s, account, Map.of("errors", errors, "lines", lines, "lists", lists)));
    }

    private Response job(Request r, ConsoleSessions.Session s) {
        AccountStore.Account account = kit.account(r);
        Map<String, String> id = Map.of("job_id", r.pathParams().get("job_id"));
        JsonNode job;
        switch (kit.api().call(s, account.accountId(), "get_bulk_import_profiles_job", id, List.of(), null)) {
            case ConsoleApi.Ok ok -> job = ok.body().get("data");
            case ConsoleApi.Failed f -> {
                return Response.page(f.status(), kit.pages().render("error", s, account,
                        Map.of("title", "Not found", "message", f.errors().get(0).detail())));
            }
        }
        JsonNode a = job.get("attributes");
        Map<String, Object> values = new HashMap<>();
        values.put("id", job.get("id").asText());
        values.put("job", Json.MAPPER.convertValue(a, Map.class));
        values.put("done", DONE.contains(a.get("status").asText()));
        int total = a.get("total_count").asInt();
        int processed = a.get("completed_count").asInt() + a.get("failed_count").asInt();
        values.put("total", Math.max(total, 1));
        values.put("processed", processed);
        values.put("percent", total == 0 ? 100 : processed * 100 / total);
        List<Object> failures = List.of();
        if (a.get("failed_count").asInt() > 0) {
            switch (kit.api().call(s, account.accountId(), "get_errors_for_bulk_import_profiles_job",
                    Map.of("id", job.get("id").asText()), List.of(), null)) {
                case ConsoleApi.Ok ok -> failures = Json.MAPPER.convertValue(ok.body().get("data"), List.class);
                case ConsoleApi.Failed f -> values.put("errors", f.errors());
            }
        }
        values.put("failures", failures);
        values.putIfAbsent("errors", List.of());
        return Response.page(200, kit.pages().render("import-job", s, account, values));
    }
}
