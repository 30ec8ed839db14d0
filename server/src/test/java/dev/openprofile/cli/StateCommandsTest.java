package dev.openprofile.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.testing.Cli;
import dev.openprofile.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** openprofile reset | export | import-state, against a running server's admin API. */
class StateCommandsTest {
    static TestServer server;
    static String key;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        key = server.createKey("fixture", Set.of("*"));
    }

    static void profile(String apiKey, String email) {
        assertThat(server.api(apiKey).post("create_profile", "/api/profiles", "{\"data\":{\"type\":\"profile\",\"attributes\":"
                + "{\"email\":\"" + email + "\"}}}").status()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Cli.Run run(String... args) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 4);
        System.arraycopy(new String[] {"--url", server.baseUrl(), "--admin-key", TestServer.ADMIN_KEY}, 0, all, args.length, 4);
        return Cli.run(all);
    }

    @Test
    void aFixtureSavedWithExportIsRestoredWithImportStateAfterAReset() throws Exception {
        profile(key, "cli-one@state.example");
        profile(key, "cli-two@state.example");
        profile(TestServer.API_KEY, "kept@state.example");
        Cli.Run export = run("export", "--account", "fixture");
        assertThat(export.exit()).isZero();
        assertThat(export.out()).startsWith("{\"openprofile_state\":1,").contains("cli-one@state.example");
        Path file = Files.createTempFile("fixture", ".ndjson");
        Files.writeString(file, export.out());

        Cli.Run reset = run("reset", "--account", "fixture");
        assertThat(reset.exit()).isZero();
        JsonNode answer = Json.MAPPER.readTree(reset.out());
        assertThat(answer.at("/deleted/profile").asInt()).isEqualTo(2);
        assertThat(answer.get("accounts")).hasSize(1);
        assertThat(server.api(key).get("get_profiles", "/api/profiles").data()).isEmpty();
        assertThat(server.api().get("get_profiles", "/api/profiles?filter=equals(email,%22kept@state.example%22)").data())
                .as("another account: untouched").hasSize(1);

        Cli.Run imported = run("import-state", "--account", "fixture", file.toString());
        assertThat(imported.exit()).isZero();
        assertThat(Json.MAPPER.readTree(imported.out()).at("/loaded/profile").asInt()).isEqualTo(2);
        assertThat(server.api(key).get("get_profiles", "/api/profiles").data()).hasSize(2);
        assertThat(run("export", "--account", "fixture").out()).isEqualTo(export.out());

        // Loading it again is refused (the account holds data): exit 1, nothing printed on standard output.
        Cli.Run again = run("import-state", "--account", "fixture", file.toString());
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.out()).isEmpty();
        assertThat(run("import-state", "--account", "fixture", file + ".missing").exit()).isEqualTo(2);
        assertThat(run("export", "--account", "nobody").exit()).isEqualTo(1);
    }

    @Test
    void resetWithoutAnAccountResetsEveryAccount() throws Exception {
        String other = server.createKey("other-cli", Set.of("*"));
        profile(other, "all@state.example");
        profile(TestServer.API_KEY, "all@state.example");
        // The same without the admin key: refused, nothing deleted.
        assertThat(Cli.run("reset", "--url", server.baseUrl(), "--admin-key", "wrong-admin-key-0123456789").exit()).isEqualTo(1);
        assertThat(server.api(other).get("get_profiles", "/api/profiles").data()).hasSize(1);
        Cli.Run reset = run("reset");
        assertThat(reset.exit()).isZero();
        assertThat(Json.MAPPER.readTree(reset.out()).get("accounts")).extracting(JsonNode::asText).contains("default", "other-cli");
        assertThat(server.api(other).get("get_profiles", "/api/profiles").data()).isEmpty();
        assertThat(server.api().get("get_profiles", "/api/profiles").data()).isEmpty();
    }
}
