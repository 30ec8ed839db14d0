package dev.openprofile.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openprofile.config.RateLimitSettings;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.MutableClock;
import dev.openprofile.testing.TestDatabase;
import dev.openprofile.testing.TestServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Two nodes on one database draw from the same buckets: Bucket4j's PostgreSQL backend (V20), and Redis when one
 * can be had. Both nodes run on one MutableClock, so the counts are exact.
 */
class SharedBucketsTest {
    /** Both nodes answer get_accounts (1/s, 15/m) over two minutes; together they may admit 15 a minute, no more. */
    private static void nodesShareTheAccountsBuckets(String backend, Map<String, String> extra) {
        MutableClock clock = new MutableClock(Instant.parse("2026-08-03T09:00:00Z"));
        String db = TestDatabase.freshDatabase();
        Map<String, String> settings = new java.util.HashMap<>(extra);
        settings.put(RateLimitSettings.RATE_LIMITS, "klaviyo");
        settings.put(RateLimitSettings.BACKEND, backend);
        try (TestServer a = TestServer.start(db, settings, clock); TestServer b = TestServer.start(db, settings, clock)) {
            Api[] nodes = {a.api(), b.api()};
            int admitted = 0;
            int throttled = 0;
            for (int second = 0; second < 120; second++) {
                for (int i = 0; i < 2; i++) {
                    Api.Response r = nodes[(second + i) % 2].get("get_accounts", "/api/accounts");
                    if (r.status() == 200) admitted++;
                    else if (r.status() == 429) throttled++;
                }
                clock.advance(Duration.ofSeconds(1));
            }
            // Alone, each node would admit 1 a second up to 15 a minute: 60 in all.
            assertThat(admitted).isEqualTo(30);
            assertThat(throttled).isEqualTo(240 - 30);
            if (backend.equals("postgresql")) {
                assertThat(a.queryInt("select count(*) from rate_limit_bucket")).isEqualTo(1);
            }
        }
    }

    @Test
    void postgresqlBackendSharesBucketsBetweenNodes() {
        nodesShareTheAccountsBuckets("postgresql", Map.of());
    }

    @Test
    void redisBackendSharesBucketsBetweenNodes() throws Exception {
        Path dir = Files.createTempDirectory("openprofile-redis");
        Process redis = startRedis(dir);
        try {
            String url = redis != null ? "redis://127.0.0.1:" + redisPort : findRedis();
            if (url == null) {
                System.err.println("*** REDIS BACKEND TEST SKIPPED: no redis-server on PATH and none at 127.0.0.1:6379 ***");
                Assumptions.assumeTrue(false, "REDIS BACKEND TEST SKIPPED: no Redis");
            }
            nodesShareTheAccountsBuckets("redis", Map.of(RateLimitSettings.REDIS_URL, url));
        } finally {
            if (redis != null) {
                redis.destroy();
                redis.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private int redisPort;

    /** A private redis-server on a free port (nothing persisted), or null when there is none on PATH. */
    private Process startRedis(Path dir) throws Exception {
        if (!onPath("redis-server")) return null;
        try (ServerSocket s = new ServerSocket(0)) {
            redisPort = s.getLocalPort();
        }
        Process p = new ProcessBuilder("redis-server", "--port", Integer.toString(redisPort), "--save", "",
                "--appendonly", "no", "--dir", dir.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.log").toFile()).start();
        for (int i = 0; i < 100; i++) {
            if (listening(redisPort)) return p;
            TimeUnit.MILLISECONDS.sleep(50);
        }
        p.destroyForcibly();
        return null;
    }

    /** A Redis already running where one usually is. */
    private static String findRedis() {
        return listening(6379) ? "redis://127.0.0.1:6379" : null;
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean onPath(String executable) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isBlank() && Files.isExecutable(Path.of(dir, executable))) return true;
        }
        return false;
    }
}
