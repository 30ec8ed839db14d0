package dev.openprofile.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.Cli;
import dev.openprofile.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** openprofile faults add|list|clear and clock set|advance|real drive a running server's admin API. */
class OperatorCommandsTest {
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
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--url";
        all[args.length + 1] = server.baseUrl();
        all[args.length + 2] = "--admin-key";
        all[args.length + 3] = TestServer.ADMIN_KEY;
        return Cli.run(all);
    }

    @Test
    void faultsAreAddedListedAndCleared() throws Exception {
        Cli.Run added = run("faults", "add", "--operation", "get_lists", "--status", "503", "--count", "1");
        assertThat(added.exit()).isZero();
        JsonNode fault = Json.MAPPER.readTree(added.out());
        assertThat(fault.get("status").asInt()).isEqualTo(503);
        assertThat(fault.get("account").asText()).isEqualTo("default");
        assertThat(Json.MAPPER.readTree(run("faults", "list").out()).get("data").findValuesAsText("id"))
                .containsExactly(fault.get("id").asText());
        Api api = server.api();
        assertThat(api.get("get_lists", "/api/lists").status()).isEqualTo(503);
        run("faults", "add", "--status", "500");
        assertThat(Json.MAPPER.readTree(run("faults", "clear").out()).get("deleted").asInt()).isEqualTo(1);
        assertThat(api.get("get_lists", "/api/lists").status()).isEqualTo(200);
        assertThat(run("faults", "add", "--status", "418").exit()).as("refused by the server").isEqualTo(1);
    }

    @Test
    void theClockIsSetAdvancedAndReleased() throws Exception {
        assertThat(Json.MAPPER.readTree(run("clock", "set", "2027-06-01T00:00:00Z").out()).get("now").asText())
                .isEqualTo("2027-06-01T00:00:00+00:00");
        JsonNode advanced = Json.MAPPER.readTree(run("clock", "advance", "90").out());
        assertThat(advanced.get("now").asText()).isEqualTo("2027-06-01T00:01:30+00:00");
        assertThat(advanced.get("frozen").asBoolean()).isTrue();
        assertThat(Json.MAPPER.readTree(run("clock", "real").out()).get("frozen").asBoolean()).isFalse();
    }
}
