package dev.openprofile.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openprofile.testing.TestServer;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * 100,000 profiles go out and come back through streams at both ends (the test holds neither the export nor
 * the import in memory either): the export is read through a cursor and the import inserted in batches.
 */
class StateVolumeTest {
    static final int PROFILES = 100_000;
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        server.createKey("big", Set.of("*"));
        server.createKey("big-copy", Set.of("*"));
        String big = StateChecks.accountId(server, "big");
        server.jdbc().inTransaction(c -> c.createStatement().executeUpdate("insert into profile (account_id, id, email, properties,"
                + " created, updated) select '" + big + "', 'P' || lpad(i::text, 8, '0'), 'p' || i || '@big.example',"
                + " jsonb_build_object('i', i, 'pad', repeat('x', 200)), now(), now() from generate_series(1, " + PROFILES + ") i"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void anAccountOf100000ProfilesIsExportedAndImportedAsStreams() throws Exception {
        Path file = Files.createTempFile("big", ".ndjson");
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<Path> export = http.send(request("/admin/export?account=big").GET().build(),
                HttpResponse.BodyHandlers.ofFile(file));
        assertThat(export.statusCode()).isEqualTo(200);
        try (var lines = Files.lines(file)) {
            assertThat(lines.count()).isEqualTo(PROFILES + 2);
        }
        HttpResponse<InputStream> imported = http.send(request("/admin/import?account=big-copy")
                .POST(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofInputStream());
        String body;
        try (InputStream in = imported.body()) {
            body = new String(in.readAllBytes());
        }
        assertThat(imported.statusCode()).as(body).isEqualTo(200);
        assertThat(body).contains("\"profile\":" + PROFILES);
        assertThat(server.queryInt("select count(*) from profile p join account a using (account_id) where a.name = 'big-copy'"))
                .isEqualTo(PROFILES);
        Path again = Files.createTempFile("big-copy", ".ndjson");
        http.send(request("/admin/export?account=big-copy").GET().build(), HttpResponse.BodyHandlers.ofFile(again));
        assertThat(Files.mismatch(file, again)).isEqualTo(-1);
        Files.delete(file);
        Files.delete(again);
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).header("Authorization", "Bearer " + TestServer.ADMIN_KEY);
    }
}
