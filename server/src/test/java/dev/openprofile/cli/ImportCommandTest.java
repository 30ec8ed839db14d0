package dev.openprofile.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openprofile.testing.Cli;
import dev.openprofile.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** openprofile import: CSV and JSON Lines through the bulk API, failures reported by line, exit status. */
class ImportCommandTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Cli.Run run(String... args) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 4);
        String[] more = {"--url", server.baseUrl(), "--key", TestServer.API_KEY};
        System.arraycopy(more, 0, all, args.length, more.length);
        return Cli.run(all);
    }

    @Test
    void csvImportReportsFailingLinesAndExitsNonZero() throws Exception {
        String list = server.api().post("create_list", "/api/lists", "{\"data\":{\"type\":\"list\",\"attributes\":{\"name\":\"CSV\"}}}")
                .data().get("id").asText();
        // taken: an email of one profile and a phone number of another, which fails during processing.
        server.api().post("create_profile", "/api/profiles", "{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"taken@csv.example.com\"}}}");
        server.api().post("create_profile", "/api/profiles", "{\"data\":{\"type\":\"profile\",\"attributes\":{\"phone_number\":\"+14155550177\"}}}");
        String rows = IntStream.range(0, 20).mapToObj(i -> "user" + i + "@csv.example.com,First" + i + ",,Oslo,gold")
                .collect(Collectors.joining("\n"));
        Path csv = Files.createTempFile("profiles", ".csv");
        Files.writeString(csv, "email,first_name,phone_number,city,tier\n" + rows
                + "\nnot-an-email,Bad,,,\n\"taken@csv.example.com\",Clash,+14155550177,,\n");
        Cli.Run r = run("import", csv.toString(), "--list", list);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("imported 20 of 22 profiles");
        assertThat(r.out()).contains("line 22: Invalid email address.");
        assertThat(r.out()).contains("line 23: A profile already exists with one of these identifiers.");
        var p = server.api().get("get_profiles", "/api/profiles?filter=equals(email,%22user7@csv.example.com%22)").data().get(0);
        assertThat(p.at("/attributes/first_name").asText()).isEqualTo("First7");
        assertThat(p.at("/attributes/location/city").asText()).isEqualTo("Oslo");
        assertThat(p.at("/attributes/properties/tier").asText()).isEqualTo("gold");
        var members = server.api().get("get_list", "/api/lists/" + list + "?additional-fields%5Blist%5D=profile_count");
        assertThat(members.data().at("/attributes/profile_count").asInt()).isEqualTo(20);
    }

    @Test
    void jsonLinesImportSucceedsWithExitZero() throws Exception {
        Path jsonl = Files.createTempFile("profiles", ".jsonl");
        Files.writeString(jsonl, "{\"email\":\"j1@jsonl.example.com\",\"properties\":{\"n\":1}}\n\n"
                + "{\"type\":\"profile\",\"attributes\":{\"email\":\"j2@jsonl.example.com\"}}\n");
        Cli.Run r = run("import", jsonl.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("imported 2 of 2 profiles");
        var p = server.api().get("get_profiles", "/api/profiles?filter=equals(email,%22j1@jsonl.example.com%22)").data().get(0);
        assertThat(p.at("/attributes/properties/n").asInt()).isEqualTo(1);
    }

    @Test
    void otherFileTypesAreRefused() throws Exception {
        Path txt = Files.createTempFile("profiles", ".txt");
        assertThat(run("import", txt.toString()).exit()).isNotZero();
    }
}
