package dev.openprofile.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openprofile.testing.Api;
import dev.openprofile.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every operation docs/operation-status.tsv calls implemented answers a well-formed request with its
 * documented success status and a body valid against the official schema (stripe-mock's sweep).
 */
class OperationSweepTest {
    static TestServer server;
    static String profileId;

    /** operationId -> {method, path with {id}, body or null, expected status} */
    static final Map<String, String[]> REQUESTS = new LinkedHashMap<>();

    static {
        REQUESTS.put("create_profile", new String[] {"POST", "/api/profiles",
                "{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"sweep-create@example.com\"}}}", "201"});
        REQUESTS.put("get_profiles", new String[] {"GET", "/api/profiles?page%5Bsize%5D=1", null, "200"});
        REQUESTS.put("get_profile", new String[] {"GET", "/api/profiles/{id}", null, "200"});
        REQUESTS.put("update_profile", new String[] {"PATCH", "/api/profiles/{id}",
                "{\"data\":{\"type\":\"profile\",\"id\":\"{id}\",\"attributes\":{\"first_name\":\"Sweep\"}}}", "200"});
        REQUESTS.put("create_or_update_profile", new String[] {"POST", "/api/profile-import",
                "{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"sweep-upsert@example.com\"}}}", "201"});
    }

    @BeforeAll
    static void start() {
        server = TestServer.start();
        profileId = server.api().post("create_profile", "/api/profiles",
                "{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"sweep@example.com\"}}}").data().get("id").asText();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Set<String> implemented() throws IOException {
        Set<String> ops = new TreeSet<>();
        for (String line : Files.readAllLines(Path.of("../docs/operation-status.tsv"))) {
            String[] cols = line.split("\t");
            if (cols.length >= 2 && cols[1].startsWith("implemented")) ops.add(cols[0]);
        }
        return ops;
    }

    @Test
    void everyImplementedOperationIsSwept() throws IOException {
        assertThat(REQUESTS.keySet()).containsExactlyInAnyOrderElementsOf(implemented());
    }

    static Stream<String> operations() {
        return REQUESTS.keySet().stream();
    }

    @ParameterizedTest
    @MethodSource("operations")
    void answersWithASchemaValidBody(String operationId) {
        String[] r = REQUESTS.get(operationId);
        String path = r[1].replace("{id}", profileId);
        String body = r[2] == null ? null : r[2].replace("{id}", profileId);
        Api.Response response = server.api().send(operationId, r[0], path, body, Map.of());
        assertThat(response.status()).isEqualTo(Integer.parseInt(r[3]));
        assertThat(response.body().get("data")).isNotNull();
    }
}
