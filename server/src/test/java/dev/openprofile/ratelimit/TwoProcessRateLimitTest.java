package dev.openprofile.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openprofile.config.RateLimitSettings;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.testing.ServerProcess;
import dev.openprofile.testing.TestDatabase;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two server processes on one database (the shared PostgreSQL backend, chosen because the database is external):
 * whatever node a request reaches, one account's burst window admits one get_accounts a second in all.
 */
class TwoProcessRateLimitTest {
    @Test
    void twoNodesTogetherAdmitNoMoreThanOneAccountsWindow() throws Exception {
        String db = TestDatabase.freshDatabase();
        Map<String, String> settings = Map.of("OPENPROFILE_DATABASE_URL", db, RateLimitSettings.RATE_LIMITS, "klaviyo");
        ServerProcess a = ServerProcess.start(settings, Files.createTempDirectory("openprofile-rl-a").resolve("server.log"));
        ServerProcess b = null;
        try {
            b = ServerProcess.start(settings, Files.createTempDirectory("openprofile-rl-b").resolve("server.log"));
            ServerProcess[] nodes = {a, b};
            int[] admittedBy = new int[2];
            int throttled = 0;
            Instant start = Instant.now();
            Instant end = start.plus(Duration.ofSeconds(4));
            for (int i = 0; Instant.now().isBefore(end); i++) {
                HttpResponse<String> r = nodes[i % 2].call("GET", "/api/accounts", null);
                if (r.statusCode() == 200) {
                    admittedBy[i % 2]++;
                } else {
                    assertThat(r.statusCode()).as(r.body()).isEqualTo(429);
                    assertThat(Json.MAPPER.readTree(r.body()).at("/errors/0/code").asText()).isEqualTo("throttled");
                    throttled++;
                }
            }
            long seconds = Instant.now().getEpochSecond() - start.getEpochSecond() + 1;
            // get_accounts is 1/s per account: every burst window the run touched admits one request, on either node.
            // Each node counting alone would admit about two a second.
            assertThat(admittedBy[0] + admittedBy[1]).isBetween(2, (int) seconds);
            assertThat(throttled).isGreaterThan(10);
        } finally {
            a.stop();
            if (b != null) b.stop();
        }
    }
}
