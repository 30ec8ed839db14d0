package dev.openprofile.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openprofile.config.RateLimitSettings;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.MutableClock;
import dev.openprofile.testing.TestDatabase;
import dev.openprofile.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Klaviyo's rate limits over HTTP (semantics §3, §4): the headers of every answer, the 429, the windows moving. */
class RateLimitHttpTest {
    static TestServer server;
    static Api api;

    @BeforeAll
    static void start() {
        server = TestServer.start(TestDatabase.freshDatabase(), Map.of(RateLimitSettings.RATE_LIMITS, "klaviyo",
                RateLimitSettings.BACKEND, "memory"), new MutableClock(Instant.parse("2026-08-03T09:00:00Z")));
        api = server.api();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Each test starts in a fresh minute, so that no earlier test's requests count. */
    @BeforeEach
    void nextMinute() {
        MutableClock clock = server.clock();
        long intoMinute = clock.instant().getEpochSecond() % 60;
        clock.advance(Duration.ofSeconds(60 - intoMinute + 60));
    }

    private static void assertWindow(Api.Response r, long limit, long remaining, long reset) {
        assertThat(r.headers().firstValue("RateLimit-Limit")).contains(Long.toString(limit));
        assertThat(r.headers().firstValue("RateLimit-Remaining")).contains(Long.toString(remaining));
        assertThat(r.headers().firstValue("RateLimit-Reset")).contains(Long.toString(reset));
        assertThat(r.headers().firstValue("Retry-After")).isEmpty();
    }

    private static void assertThrottled(Api.Response r, long retryAfter) {
        assertThat(r.status()).isEqualTo(429);
        assertThat(r.headers().firstValue("Retry-After")).contains(Long.toString(retryAfter));
        // Klaviyo replaces the RateLimit-* headers with Retry-After on a 429 (semantics §3).
        assertThat(r.headers().map().keySet()).noneMatch(h -> h.toLowerCase().startsWith("ratelimit-"));
        assertThat(r.error().get("code").asText()).isEqualTo("throttled");
        assertThat(r.error().get("title").asText()).isEqualTo("Request was throttled.");
        assertThat(r.error().get("detail").asText()).isEqualTo("Request was throttled. Expected available in "
                + retryAfter + (retryAfter == 1 ? " second." : " seconds."));
        assertThat(r.error().get("status").asInt()).isEqualTo(429);
        assertThat(r.error().at("/source/pointer").asText()).isEqualTo("/data");
        assertThat(r.error().at("/links/type").asText())
                .isEqualTo("https://developers.klaviyo.com/en/docs/rate_limits_and_error_handling#rate-limits");
    }

    @Test
    void everyAnswerButA429DescribesTheSteadyWindow() {
        var ok = api.get("get_profiles", "/api/profiles");
        assertThat(ok.status()).isEqualTo(200);
        assertWindow(ok, 750, 749, 60);
        server.clock().advance(Duration.ofSeconds(5));
        var notFound = api.get("get_profile", "/api/profiles/01J0000000000000000000NONE");
        assertThat(notFound.status()).isEqualTo(404);
        assertWindow(notFound, 750, 749, 55);
        var badFilter = api.get("get_profiles", "/api/profiles?filter=equals(nonsense,1)");
        assertThat(badFilter.status()).isEqualTo(400);
        assertWindow(badFilter, 750, 748, 55);
        String listsOnly = server.createKey("rate-limit-scopes", Set.of("lists:read"));
        var forbidden = server.api(listsOnly).get("get_profiles", "/api/profiles");
        assertThat(forbidden.status()).isEqualTo(403);
        assertWindow(forbidden, 750, 749, 55); // another account: its own bucket
    }

    @Test
    void theOperatorsClockMovesTheWindowsToo() throws Exception {
        // Frozen by the admin API at a whole second: two requests in it meet the burst of 1/s, and advancing the
        // operator's clock by a second (the test's own clock stands still) opens the next burst window.
        String now = server.clock().instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        assertThat(dev.openprofile.testing.AdminApi.send(server, "POST", "/admin/clock", "{\"now\":\"" + now + "\"}")
                .statusCode()).isEqualTo(200);
        try {
            assertWindow(api.get("get_accounts", "/api/accounts"), 15, 14, 60);
            assertThrottled(api.get("get_accounts", "/api/accounts"), 1);
            assertThat(dev.openprofile.testing.AdminApi.send(server, "POST", "/admin/clock", "{\"advance_seconds\":1}")
                    .statusCode()).isEqualTo(200);
            assertWindow(api.get("get_accounts", "/api/accounts"), 15, 13, 59);
            // The 429 is counted where the operator watches: /metrics, by operation and the window waited on.
            String metrics = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(server.baseUrl() + "/metrics")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics.lines().filter(l -> l.startsWith("openprofile_rate_limit_rejections_total")
                    && l.contains("operation=\"get_accounts\"") && l.contains("window=\"burst\"")))
                    .singleElement().satisfies(l -> assertThat(Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                            .isGreaterThanOrEqualTo(1.0));
        } finally {
            assertThat(dev.openprofile.testing.AdminApi.send(server, "DELETE", "/admin/clock", null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void anUnknownKeyHasNoAccountAndSoNoWindow() {
        var r = server.api("pk_" + "u".repeat(34)).get("get_profiles", "/api/profiles");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.headers().firstValue("RateLimit-Limit")).isEmpty();
    }

    @Test
    void aSecondRequestInOneBurstSecondIsThrottledUntilTheNextSecond() {
        server.clock().advance(Duration.ofMillis(400));
        assertWindow(api.get("get_accounts", "/api/accounts"), 15, 14, 60); // get_accounts: 1/s, 15/m
        assertThrottled(api.get("get_accounts", "/api/accounts"), 1);
        server.clock().advance(Duration.ofMillis(600));
        assertWindow(api.get("get_accounts", "/api/accounts"), 15, 13, 59);
    }

    @Test
    void theSteadyWindowRunsOutAndComesBackWhenTheClockCrossesTheMinute() {
        for (int i = 0; i < 15; i++) {
            var r = api.get("get_accounts", "/api/accounts");
            assertThat(r.status()).isEqualTo(200);
            assertWindow(r, 15, 14 - i, 60 - i);
            server.clock().advance(Duration.ofSeconds(1));
        }
        assertThrottled(api.get("get_accounts", "/api/accounts"), 45);
        server.clock().advance(Duration.ofSeconds(30));
        assertThrottled(api.get("get_accounts", "/api/accounts"), 15);
        server.clock().advance(Duration.ofSeconds(15));
        assertWindow(api.get("get_accounts", "/api/accounts"), 15, 14, 60);
    }

    @Test
    void includeDrawsFromItsOwnStricterBucket() {
        var created = api.post("create_profile", "/api/profiles",
                "{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"rate@example.com\"}}}");
        assertThat(created.status()).isEqualTo(201);
        String path = "/api/profiles/" + created.data().get("id").asText();
        server.clock().advance(Duration.ofSeconds(1));
        assertWindow(api.get("get_profile", path + "?include=lists"), 750, 749, 59);
        assertThrottled(api.get("get_profile", path + "?include=lists"), 1); // include=lists: 1/s
        assertWindow(api.get("get_profile", path), 750, 747, 59);
    }

    @Test
    void clientRequestsDrawFromThePublicKeysAccount() {
        Api client = server.clientApi();
        String path = "/client/geofences?company_id=" + server.publicKey("default");
        for (int i = 0; i < 3; i++) assertWindow(client.get("get_client_geofences", path), 60, 59 - i, 60); // 3/s, 60/m
        var throttled = client.get("get_client_geofences", path);
        assertThrottled(throttled, 1);
        // A page's script may read them (CORS), to back off as the SDKs do.
        assertThat(throttled.headers().firstValue("Access-Control-Expose-Headers"))
                .contains("RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, Retry-After");
    }
}
