package dev.openprofile.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.Pages;
import dev.openprofile.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** bulk_import_profiles and its reads: acceptance, synchronous validation, processing, errors, lists. */
class BulkImportTest {
    static TestServer server;
    static Api api;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = server.api();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String job(List<String> profiles, List<String> listIds) {
        String lists = listIds.isEmpty() ? "" : ",\"relationships\":{\"lists\":{\"data\":["
                + listIds.stream().map(id -> "{\"type\":\"list\",\"id\":\"" + id + "\"}").collect(Collectors.joining(",")) + "]}}";
        return "{\"data\":{\"type\":\"profile-bulk-import-job\",\"attributes\":{\"profiles\":{\"data\":["
                + String.join(",", profiles) + "]}}" + lists + "}}";
    }

    static String profile(String attributes) {
        return "{\"type\":\"profile\",\"attributes\":" + attributes + "}";
    }

    /** Waits for the job to finish: the workers give no other signal than its status. */
    static JsonNode awaitComplete(String jobId) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            JsonNode job = api.get("get_bulk_import_profiles_job", "/api/profile-bulk-import-jobs/" + jobId).data();
            if (job.at("/attributes/status").asText().equals("complete")) return job;
            Thread.sleep(50);
        }
        throw new AssertionError("job " + jobId + " did not complete");
    }

    static int jobCount() {
        return server.queryInt("select count(*) from job");
    }

    @Test
    void importsCreatesAndUpdatesAndAddsToLists() throws Exception {
        String existing = api.post("create_profile", "/api/profiles",
                "{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"old@import.example.com\",\"first_name\":\"Old\"}}}")
                .data().get("id").asText();
        String list = api.post("create_list", "/api/lists", "{\"data\":{\"type\":\"list\",\"attributes\":{\"name\":\"Imported\"}}}")
                .data().get("id").asText();
        var r = api.post("bulk_import_profiles", "/api/profile-bulk-import-jobs", job(List.of(
                profile("{\"email\":\"OLD@import.example.com\",\"last_name\":\"Updated\"}"),
                profile("{\"email\":\"new1@import.example.com\",\"properties\":{\"plan\":\"pro\"}}"),
                profile("{\"phone_number\":\"+14155550111\",\"external_id\":\"imp-3\"}")), List.of(list)));
        assertThat(r.status()).isEqualTo(202);
        assertThat(r.data().get("type").asText()).isEqualTo("profile-bulk-import-job");
        assertThat(r.data().at("/attributes/total_count").asInt()).isEqualTo(3);
        assertThat(r.data().at("/attributes/status").asText()).isIn("queued", "processing", "complete");
        String jobId = r.data().get("id").asText();

        JsonNode done = awaitComplete(jobId);
        assertThat(done.at("/attributes/completed_count").asInt()).isEqualTo(3);
        assertThat(done.at("/attributes/failed_count").asInt()).isZero();
        assertThat(done.at("/attributes/started_at").isNull()).isFalse();
        assertThat(done.at("/attributes/completed_at").isNull()).isFalse();
        assertThat(done.at("/attributes/expires_at").isNull()).isFalse();

        var ids = api.get("get_profile_ids_for_bulk_import_profiles_job", "/api/profile-bulk-import-jobs/" + jobId + "/relationships/profiles");
        assertThat(ids.data()).hasSize(3);
        assertThat(ids.data().get(0).get("id").asText()).isEqualTo(existing);
        var old = api.get("get_profile", "/api/profiles/" + existing).data().get("attributes");
        assertThat(old.get("first_name").asText()).isEqualTo("Old");
        assertThat(old.get("last_name").asText()).isEqualTo("Updated");
        var profiles = api.get("get_profiles_for_bulk_import_profiles_job", "/api/profile-bulk-import-jobs/" + jobId + "/profiles");
        assertThat(profiles.data().get(1).at("/attributes/properties/plan").asText()).isEqualTo("pro");
        var members = api.get("get_profile_ids_for_list", "/api/lists/" + list + "/relationships/profiles");
        assertThat(members.data()).extracting(d -> d.get("id").asText())
                .containsExactlyInAnyOrderElementsOf(ids.data().findValuesAsText("id"));

        // keyset pages over the submission order
        assertThat(dev.openprofile.testing.Pages.walk(api, "get_profile_ids_for_bulk_import_profiles_job",
                "/api/profile-bulk-import-jobs/" + jobId + "/relationships/profiles?page%5Bsize%5D=1"))
                .containsExactlyElementsOf(ids.data().findValuesAsText("id"));
        assertThat(dev.openprofile.testing.Pages.walk(api, "get_profiles_for_bulk_import_profiles_job",
                "/api/profile-bulk-import-jobs/" + jobId + "/profiles?page%5Bsize%5D=2"))
                .containsExactlyElementsOf(ids.data().findValuesAsText("id"));
        var withLists = api.get("get_bulk_import_profiles_job", "/api/profile-bulk-import-jobs/" + jobId + "?include=lists");
        assertThat(withLists.body().get("included").get(0).get("id").asText()).isEqualTo(list);
        assertThat(api.get("get_list_ids_for_bulk_import_profiles_job", "/api/profile-bulk-import-jobs/" + jobId + "/relationships/lists")
                .data().get(0).get("id").asText()).isEqualTo(list);
        assertThat(api.get("get_list_for_bulk_import_profiles_job", "/api/profile-bulk-import-jobs/" + jobId + "/lists")
                .data().get(0).at("/attributes/name").asText()).isEqualTo("Imported");
        assertThat(api.get("get_errors_for_bulk_import_profiles_job", "/api/profile-bulk-import-jobs/" + jobId + "/import-errors")
                .data()).isEmpty();
    }

    @Test
    void oneBadProfileRejectsTheBatchWithAnErrorPerFailingProfile() {
        int before = jobCount();
        var r = api.post("bulk_import_profiles", "/api/profile-bulk-import-jobs", job(List.of(
                profile("{\"email\":\"fine@import.example.com\"}"),
                profile("{\"email\":\"not-an-email\"}"),
                profile("{\"phone_number\":\"12\"}")), List.of()));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().get("errors")).extracting(e -> e.at("/source/pointer").asText()).containsExactly(
                "/data/attributes/profiles/data/1/attributes/email",
                "/data/attributes/profiles/data/2/attributes/phone_number");
        assertThat(jobCount()).isEqualTo(before);
        assertThat(api.get("get_profiles", "/api/profiles?filter=equals(email,%22fine@import.example.com%22)").data()).isEmpty();
    }

    @Test
    void limitsAndUnknownListsCreateNoJob() {
        int before = jobCount();
        List<String> tooMany = IntStream.range(0, 10_001).mapToObj(i -> profile("{\"email\":\"x" + i + "@e.co\"}")).toList();
        var many = api.post("bulk_import_profiles", "/api/profile-bulk-import-jobs", job(tooMany, List.of()));
        assertThat(many.status()).isEqualTo(400);
        assertThat(many.error().get("detail").asText()).contains("10000");
        var list = api.post("bulk_import_profiles", "/api/profile-bulk-import-jobs",
                job(List.of(profile("{\"email\":\"l@import.example.com\"}")), List.of("AAAAAA")));
        assertThat(list.status()).isEqualTo(404);
        assertThat(list.error().at("/source/pointer").asText()).isEqualTo("/data/relationships/lists/data/0/id");
        var big = api.post("bulk_import_profiles", "/api/profile-bulk-import-jobs", job(List.of(
                profile("{\"email\":\"big@import.example.com\",\"properties\":{\"x\":\"" + "a".repeat(101 * 1024) + "\"}}")), List.of()));
        assertThat(big.status()).isEqualTo(413);
        assertThat(jobCount()).isEqualTo(before);
    }

    @Test
    void aProfileThatFailsDuringProcessingBecomesAnImportError() throws Exception {
        api.post("create_profile", "/api/profiles", "{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"a@clash.example.com\"}}}");
        api.post("create_profile", "/api/profiles", "{\"data\":{\"type\":\"profile\",\"attributes\":{\"phone_number\":\"+14155550122\"}}}");
        String clash = profile("{\"email\":\"a@clash.example.com\",\"phone_number\":\"+14155550122\"}");
        var r = api.post("bulk_import_profiles", "/api/profile-bulk-import-jobs", job(List.of(
                profile("{\"email\":\"ok1@clash.example.com\"}"), clash, profile("{\"email\":\"ok2@clash.example.com\"}")), List.of()));
        String jobId = r.data().get("id").asText();
        JsonNode done = awaitComplete(jobId);
        assertThat(done.at("/attributes/completed_count").asInt()).isEqualTo(2);
        assertThat(done.at("/attributes/failed_count").asInt()).isEqualTo(1);
        var errors = api.get("get_errors_for_bulk_import_profiles_job", "/api/profile-bulk-import-jobs/" + jobId + "/import-errors");
        assertThat(errors.data()).hasSize(1);
        JsonNode e = errors.data().get(0);
        assertThat(e.get("type").asText()).isEqualTo("import-error");
        assertThat(e.at("/attributes/code").asText()).isEqualTo("duplicate_profile");
        assertThat(e.at("/attributes/source/pointer").asText()).isEqualTo("/data/attributes/profiles/data/1/attributes");
        assertThat(e.at("/attributes/original_payload/attributes/email").asText()).isEqualTo("a@clash.example.com");
    }

    @Test
    void theSameProfileTwiceInOneJobIsOneProfile() throws Exception {
        var r = api.post("bulk_import_profiles", "/api/profile-bulk-import-jobs", job(List.of(
                profile("{\"email\":\"twice@import.example.com\",\"first_name\":\"A\"}"),
                profile("{\"email\":\"twice@import.example.com\",\"last_name\":\"B\"}")), List.of()));
        awaitComplete(r.data().get("id").asText());
        var found = api.get("get_profiles", "/api/profiles?filter=equals(email,%22twice@import.example.com%22)");
        assertThat(found.data()).hasSize(1);
        assertThat(found.data().get(0).at("/attributes/first_name").asText()).isEqualTo("A");
        assertThat(found.data().get(0).at("/attributes/last_name").asText()).isEqualTo("B");
    }

    @Test
    void jobsAreListedNewestFirstAndFilteredByStatus() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(api.post("bulk_import_profiles", "/api/profile-bulk-import-jobs",
                    job(List.of(profile("{\"email\":\"listed" + i + "@import.example.com\"}")), List.of())).data().get("id").asText());
        }
        for (String id : ids) awaitComplete(id);
        var all = api.get("get_bulk_import_profiles_jobs", "/api/profile-bulk-import-jobs?sort=-created_at&page%5Bsize%5D=100");
        List<String> listed = all.data().findValuesAsText("id");
        assertThat(listed).containsAll(ids);
        var complete = api.get("get_bulk_import_profiles_jobs", "/api/profile-bulk-import-jobs?filter=equals(status,%22complete%22)");
        assertThat(complete.data()).allSatisfy(j -> assertThat(j.at("/attributes/status").asText()).isEqualTo("complete"));
        var badStatus = api.get("get_bulk_import_profiles_jobs", "/api/profile-bulk-import-jobs?filter=equals(status,%22exploded%22)");
        assertThat(badStatus.status()).isEqualTo(400);
        assertThat(api.get("get_bulk_import_profiles_job", "/api/profile-bulk-import-jobs/nope").status()).isEqualTo(404);
    }

    @Test
    void textWithTabsNewlinesAndBackslashesIsStoredExactly() throws Exception {
        String odd = "tab\\there\\nnew line \\\\ back\\\\slash \\\\N \\r";
        var r = api.post("bulk_import_profiles", "/api/profile-bulk-import-jobs", job(List.of(profile(
                "{\"email\":\"odd@import.example.com\",\"first_name\":\"" + odd + "\",\"properties\":{\"note\":\"" + odd + "\"}}")),
                List.of()));
        awaitComplete(r.data().get("id").asText());
        JsonNode p = api.get("get_profiles", "/api/profiles?filter=equals(email,%22odd@import.example.com%22)").data().get(0);
        String expected = dev.openprofile.jsonapi.Json.MAPPER.readTree("\"" + odd + "\"").asText();
        assertThat(expected).contains("\t", "\n", "\\N", "\r");
        assertThat(p.at("/attributes/first_name").asText()).isEqualTo(expected);
        assertThat(p.at("/attributes/properties/note").asText()).isEqualTo(expected);
    }

    /**
     * Single upserts of the same new emails race the job's chunks: whichever inserts first, the other
     * updates (a chunk that loses goes one profile at a time), so every email is one profile carrying
     * both writes, and the job's results page through every chunk in submission order.
     */
    @Test
    void singleUpsertsRacingAJobLeaveOneProfilePerEmail() throws Exception {
        int n = 2_000;
        List<String> profiles = IntStream.range(0, n)
                .mapToObj(i -> profile("{\"email\":\"race" + i + "@import.example.com\",\"first_name\":\"Job\"}")).toList();
        String jobId = api.post("bulk_import_profiles", "/api/profile-bulk-import-jobs", job(profiles, List.of()))
                .data().get("id").asText();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        List<java.util.concurrent.Future<Integer>> sent = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int first = t;
            sent.add(pool.submit(() -> {
                int ok = 0;
                for (int i = first; i < n; i += 8) {
                    var u = api.post("create_or_update_profile", "/api/profile-import", "{\"data\":{\"type\":\"profile\","
                            + "\"attributes\":{\"email\":\"race" + i + "@import.example.com\",\"last_name\":\"Single\"}}}");
                    if (u.status() == 200 || u.status() == 201) ok++;
                }
                return ok;
            }));
        }
        int ok = 0;
        for (var f : sent) ok += f.get();
        pool.shutdown();
        assertThat(ok).isEqualTo(n);
        JsonNode done = awaitComplete(jobId);
        assertThat(done.at("/attributes/completed_count").asInt()).isEqualTo(n);
        assertThat(done.at("/attributes/failed_count").asInt()).isZero();
        int[] counts = server.jdbc().read(c -> {
            try (var rs = c.createStatement().executeQuery("select count(*), count(distinct email_key), "
                    + "count(*) filter (where first_name = 'Job' and last_name = 'Single') from profile "
                    + "where email like 'race%@import.example.com'")) {
                rs.next();
                return new int[] {rs.getInt(1), rs.getInt(2), rs.getInt(3)};
            }
        });
        assertThat(counts).containsExactly(n, n, n);
        List<String> ids = Pages.walk(api, "get_profile_ids_for_bulk_import_profiles_job",
                "/api/profile-bulk-import-jobs/" + jobId + "/relationships/profiles?page%5Bsize%5D=100");
        assertThat(ids).hasSize(n).doesNotHaveDuplicates();
        JsonNode first = api.get("get_profile", "/api/profiles/" + ids.get(0)).data();
        JsonNode last = api.get("get_profile", "/api/profiles/" + ids.get(n - 1)).data();
        assertThat(first.at("/attributes/email").asText()).isEqualTo("race0@import.example.com");
        assertThat(last.at("/attributes/email").asText()).isEqualTo("race" + (n - 1) + "@import.example.com");
    }
}
