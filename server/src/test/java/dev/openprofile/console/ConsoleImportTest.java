package dev.openprofile.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openprofile.config.ConsoleAccess;
import dev.openprofile.testing.ConsoleClient;
import dev.openprofile.testing.TestDatabase;
import dev.openprofile.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The CSV import page over HTTP: an uploaded CSV (multipart) becomes one bulk import job whose page reaches 100% with
 * the profiles then in the API; a bad row is the API's error with the CSV row it came from; an upload over 5 MB is
 * refused before any page sees it.
 */
class ConsoleImportTest {
    private static final String BOUNDARY = "----console-import-test";
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(TestDatabase.freshDatabase(), Map.of(ConsoleAccess.CONSOLE, "admin,accounts"), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    /** A multipart form as a browser sends it: the CSRF token, the list id, and the file. */
    static HttpResponse<String> upload(ConsoleClient browser, String path, String filename, byte[] file, String listId) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String csrf = browser.csrf();
        for (var field : Map.of("csrf", csrf, "list_id", listId).entrySet()) {
            body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + field.getKey() + "\"\r\n\r\n"
                    + field.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                + "\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(file);
        body.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return browser.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
    }

    static void until(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met in 20 s").isLessThan(end);
            Thread.sleep(50);
        }
    }

    @Test
    void aSmallCsvEndsWithItsProfilesInTheApiAndTheJobAtAHundredPercent() throws Exception {
        var account = server.newAccount("console-import-");
        var list = account.api().post("create_list", "/api/lists", "{\"data\":{\"type\":\"list\",\"attributes\":{\"name\":\"Imported\"}}}");
        String listId = list.data().get("id").asText();
        ConsoleClient browser = new ConsoleClient(server.baseUrl());
        String base = browser.loginHome(server.createKey(account.name(), Set.of("*")));
        HttpResponse<String> form = browser.get(base + "/import");
        assertThat(form.body()).contains("enctype=\"multipart/form-data\"").contains("type=\"file\" name=\"file\"")
                .contains("<option value=\"" + listId + "\">Imported</option>");

        String csv = "email,first_name,city,plan\nada@import.example,Ada,London,gold\n\"bob@import.example\",\"Bob, Jr.\",Paris,\n";
        HttpResponse<String> sent = upload(browser, base + "/import", "people.csv", csv.getBytes(StandardCharsets.UTF_8), listId);
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(303);
        String job = sent.headers().firstValue("Location").orElseThrow();
        assertThat(job).startsWith(base + "/import/");

        server.awaitJobs();
        until(() -> browser.get(job).body().contains("<strong id=\"percent\">100%</strong>"));
        HttpResponse<String> done = browser.get(job);
        assertThat(done.body()).contains("<progress id=\"progress\" max=\"2\" value=\"2\">").contains("id=\"status\">complete<")
                .contains("<dd id=\"completed\">2</dd>").contains("<dd id=\"failed\">0</dd>")
                .doesNotContain("hx-trigger"); // done: the page stops refreshing

        var profiles = account.api().get("get_profiles", "/api/profiles?sort=email").data();
        assertThat(profiles.findValuesAsText("email")).containsExactly("ada@import.example", "bob@import.example");
        assertThat(profiles.get(0).at("/attributes/first_name").asText()).isEqualTo("Ada");
        assertThat(profiles.get(0).at("/attributes/location/city").asText()).isEqualTo("London");
        assertThat(profiles.get(0).at("/attributes/properties/plan").asText()).isEqualTo("gold");
        assertThat(profiles.get(1).at("/attributes/first_name").asText()).isEqualTo("Bob, Jr.");
        assertThat(account.api().get("get_profiles_for_list", "/api/lists/" + listId + "/profiles").data()).hasSize(2);
    }

    @Test
    void aBadRowIsTheApisErrorWithItsCsvRow() {
        var account = server.newAccount("console-badimport-");
        ConsoleClient browser = new ConsoleClient(server.baseUrl());
        String base = browser.loginHome(server.createKey(account.name(), Set.of("*")));
        String csv = "email,first_name\nok@import.example,Ok\n\nnot-an-<email>,Bad\n";
        HttpResponse<String> page = upload(browser, base + "/import", "bad.csv", csv.getBytes(StandardCharsets.UTF_8), "");
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("class=\"api-errors\"").contains("pointer: /data/attributes/profiles/data/1/attributes/email")
                .contains("is row 2 of the CSV, after its header.").contains("Invalid email address.").doesNotContain("not-an-<email>");
        assertThat(account.api().get("get_profiles", "/api/profiles").data()).isEmpty();

        HttpResponse<String> quote = upload(browser, base + "/import", "quote.csv", "email\n\"open@import.example\n".getBytes(StandardCharsets.UTF_8), "");
        assertThat(quote.statusCode()).isEqualTo(400);
        assertThat(quote.body()).contains("The file is not a readable CSV");

        HttpResponse<String> list = upload(browser, base + "/import", "list.csv", "email\nx@import.example\n".getBytes(StandardCharsets.UTF_8), "NoSuchList");
        assertThat(list.statusCode()).isBetween(400, 404);
        assertThat(list.body()).contains("class=\"api-errors\"").contains("pointer: /data/relationships/lists");
        assertThat(upload(browser, base + "/import", "empty.csv", new byte[0], "").body()).contains("Choose a CSV file to import.");
    }

    @Test
    void anUploadOverFiveMegabytesIsRefused() {
        var account = server.newAccount("console-bigimport-");
        ConsoleClient browser = new ConsoleClient(server.baseUrl());
        String base = browser.loginHome(server.createKey(account.name(), Set.of("*")));
        byte[] big = ("email\n" + "x".repeat(5 * 1024 * 1024)).getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> refused = upload(browser, base + "/import", "big.csv", big, "");
        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(account.api().get("get_bulk_import_profiles_jobs", "/api/profile-bulk-import-jobs").data()).isEmpty();
        // A multipart form without the CSRF token is refused like any other.
        HttpResponse<String> noToken = browser.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + base + "/import"))
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofString("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\n"
                        + "email\na@import.example\r\n--" + BOUNDARY + "--\r\n")).build());
        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(account.api().get("get_bulk_import_profiles_jobs", "/api/profile-bulk-import-jobs").data()).isEmpty();
    }
}
