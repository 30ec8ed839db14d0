package dev.openprofile.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.jsonapi.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * openprofile import FILE.csv|FILE.jsonl: streams the file through the bulk import API in jobs of
 * 10,000 profiles, shows progress, and reports every failing profile by its line number. A batch
 * rejected by synchronous validation is sent again without its failing profiles, as integrators do.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import profiles from a CSV or JSON Lines file through the bulk import API.")
final class ImportCommand implements Callable<Integer> {
    static final int JOB_SIZE = 10_000;
    private static final int MAX_JOB_BYTES = 4 * 1024 * 1024; // under Klaviyo's 5 MB per request
    private static final Pattern ITEM = Pattern.compile("^/data/attributes/profiles/data/(\\d+)");

    @Parameters(index = "0", description = "a .csv file (header row) or a .jsonl file (one profile per line)")
    Path file;
    @Option(names = "--list", description = "add every imported profile to this list")
    String listId;
    @Option(names = "--url", description = "the server (default ${DEFAULT-VALUE})", defaultValue = "http://localhost:8080")
    String url;
    @Option(names = "--key", description = "a private API key (default: env OPENPROFILE_API_KEY)",
            defaultValue = "${env:OPENPROFILE_API_KEY}")
    String key;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final PrintStream out = System.out;
    private final TreeMap<Long, String> failures = new TreeMap<>();

    @Override
    public Integer call() throws Exception {
        if (key == null || key.isBlank()) {
            System.err.println("openprofile: give --key or set OPENPROFILE_API_KEY");
            return 2;
        }
        long total = ProfileFile.count(file);
        long imported = 0;
        try (ProfileFile profiles = new ProfileFile(file);
             ProgressBar bar = new ProgressBarBuilder().setTaskName("import").setInitialMax(total)
                     .setStyle(ProgressBarStyle.ASCII).setUnit(" profiles", 1).showSpeed().build()) {
            List<ProfileFile.Entry> batch = new ArrayList<>();
            long bytes = 0;
            while (profiles.hasNext()) {
                ProfileFile.Entry e = profiles.next();
                batch.add(e);
                bytes += e.profile().toString().length();
                if (batch.size() == JOB_SIZE || bytes > MAX_JOB_BYTES) {
                    imported += importBatch(batch, bar);
                    batch = new ArrayList<>();
                    bytes = 0;
                }
            }
            if (!batch.isEmpty()) imported += importBatch(batch, bar);
        }
        out.printf("imported %d of %d profiles from %s%n", imported, total, file);
        failures.forEach((line, why) -> out.printf("  line %d: %s%n", line, why));
        return failures.isEmpty() ? 0 : 1;
    }

    /** One job: submit (dropping profiles the server rejects up front), wait, collect import errors. */
    private long importBatch(List<ProfileFile.Entry> batch, ProgressBar bar) throws Exception {
        List<ProfileFile.Entry> sending = new ArrayList<>(batch);
        while (!sending.isEmpty()) {
            HttpResponse<String> r = send("POST", "/api/profile-bulk-import-jobs", body(sending));
            JsonNode doc = Json.MAPPER.readTree(r.body());
            if (r.statusCode() == 202) return await(doc.at("/data/id").asText(), sending, bar);
            if (r.statusCode() != 400) throw new IOException("the server answered " + r.statusCode() + ": " + r.body());
            List<ProfileFile.Entry> rejected = new ArrayList<>();
            for (JsonNode error : doc.get("errors")) {
                Matcher m = ITEM.matcher(error.at("/source/pointer").asText(""));
                if (!m.find()) throw new IOException("the server rejected the batch: " + error.path("detail").asText());
                ProfileFile.Entry e = sending.get(Integer.parseInt(m.group(1)));
                failures.put(e.line(), error.path("detail").asText());
                rejected.add(e);
            }
            sending.removeAll(rejected);
            bar.stepBy(rejected.size());
        }
        return 0;
    }

    private long await(String jobId, List<ProfileFile.Entry> sent, ProgressBar bar) throws Exception {
        long shown = 0;
        JsonNode job;
        while (true) {
            job = Json.MAPPER.readTree(send("GET", "/api/profile-bulk-import-jobs/" + jobId, null).body()).get("data");
            long done = job.at("/attributes/completed_count").asLong() + job.at("/attributes/failed_count").asLong();
            bar.stepBy(done - shown);
            shown = done;
            if (job.at("/attributes/status").asText().equals("complete")) break;
            Thread.sleep(200); // the job has no other signal than its status
        }
        String next = "/api/profile-bulk-import-jobs/" + jobId + "/import-errors?page%5Bsize%5D=100";
        while (next != null) {
            JsonNode page = Json.MAPPER.readTree(send("GET", next, null).body());
            for (JsonNode e : page.get("data")) {
                Matcher m = ITEM.matcher(e.at("/attributes/source/pointer").asText(""));
                long line = m.find() ? sent.get(Integer.parseInt(m.group(1))).line() : -1;
                failures.put(line, e.at("/attributes/detail").asText());
            }
            JsonNode link = page.at("/links/next");
            next = link.isNull() || link.isMissingNode() ? null : URI.create(link.asText()).getRawPath() + "?" + URI.create(link.asText()).getRawQuery();
        }
        return job.at("/attributes/completed_count").asLong();
    }

    private String body(List<ProfileFile.Entry> entries) {
        return ProfileFile.importJob(entries, listId).toString();
    }

    private HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
        String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(2))
                .header("Authorization", "Klaviyo-API-Key " + key).header("revision", "2026-07-15")
                .header("Accept", "application/vnd.api+json");
        if (body != null) {
            b.header("Content-Type", "application/vnd.api+json").method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpRequest request = b.build();
        while (true) {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            // Throttled (the job polls draw from get_bulk_import_profiles_job's 150/m): wait as told, then again.
            if (r.statusCode() != 429) return r;
            Thread.sleep(1000 * r.headers().firstValueAsLong("Retry-After").orElse(1));
        }
    }
}
