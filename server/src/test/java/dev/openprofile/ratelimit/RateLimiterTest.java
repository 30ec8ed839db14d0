package dev.openprofile.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openprofile.jsonapi.OperationCatalog;
import dev.openprofile.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The window arithmetic of Klaviyo's fixed windows (semantics §3), on a clock the test moves. */
class RateLimiterTest {
    private static final OperationCatalog CATALOG = OperationCatalog.load();
    private static final List<Map.Entry<String, String>> NO_QUERY = List.of();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-07-15T10:00:00Z"));

    private RateLimiter limiter(int multiple) {
        return RateLimiter.of(CATALOG, multiple, BucketStore.memory(new ClockTimeMeter(clock)), clock);
    }

    private static RateLimiter.Decision draw(RateLimiter limiter, String op, List<Map.Entry<String, String>> query) {
        return limiter.draw("acct-1", CATALOG.get(op), query);
    }

    @Test
    void burstWindowRefillsAtTheNextWholeSecondNotASecondAfterTheFirstRequest() {
        RateLimiter limiter = limiter(1); // get_accounts: 1/s, 15/m
        clock.advance(Duration.ofMillis(700));
        assertThat(draw(limiter, "get_accounts", NO_QUERY)).isInstanceOf(RateLimiter.Admitted.class);
        assertThat(draw(limiter, "get_accounts", NO_QUERY)).isEqualTo(new RateLimiter.Throttled(1));
        clock.advance(Duration.ofMillis(299));
        assertThat(draw(limiter, "get_accounts", NO_QUERY)).isInstanceOf(RateLimiter.Throttled.class);
        clock.advance(Duration.ofMillis(1)); // 10:00:01.000: a new burst window
        assertThat(draw(limiter, "get_accounts", NO_QUERY)).isInstanceOf(RateLimiter.Admitted.class);
    }

    @Test
    void steadyWindowCountsDownInTheHeadersAndRefillsAtTheMinute() {
        RateLimiter limiter = limiter(1);
        for (int i = 0; i < 15; i++) {
            // One a second keeps clear of the burst window; Remaining and Reset describe the minute.
            assertThat(draw(limiter, "get_accounts", NO_QUERY)).isEqualTo(new RateLimiter.Admitted(15, 14 - i, 60 - i));
            clock.advance(Duration.ofSeconds(1));
        }
        // 10:00:15: the minute is spent; Retry-After says when it ends (45 s), not the burst's second.
        assertThat(draw(limiter, "get_accounts", NO_QUERY)).isEqualTo(new RateLimiter.Throttled(45));
        clock.advance(Duration.ofSeconds(44));
        assertThat(draw(limiter, "get_accounts", NO_QUERY)).isEqualTo(new RateLimiter.Throttled(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(draw(limiter, "get_accounts", NO_QUERY)).isEqualTo(new RateLimiter.Admitted(15, 14, 60));
    }

    @Test
    void dailyLimitHoldsAcrossMinutesUntilUtcMidnight() {
        RateLimiter limiter = limiter(1); // query_campaign_values: 1/s, 2/m, 225/d
        int admitted = 0;
        for (int minute = 0; minute < 120; minute++) {
            for (int i = 0; i < 2; i++) {
                if (draw(limiter, "query_campaign_values", NO_QUERY) instanceof RateLimiter.Admitted) admitted++;
                clock.advance(Duration.ofSeconds(1));
            }
            clock.advance(Duration.ofSeconds(58));
        }
        assertThat(admitted).isEqualTo(225);
        // 12:00:00: 12 hours to the day's end.
        assertThat(draw(limiter, "query_campaign_values", NO_QUERY)).isEqualTo(new RateLimiter.Throttled(12 * 3600));
        clock.advance(Duration.ofHours(12));
        assertThat(draw(limiter, "query_campaign_values", NO_QUERY)).isInstanceOf(RateLimiter.Admitted.class);
    }

    @Test
    void aClockSetBackStartsFreshWindows() {
        RateLimiter limiter = limiter(1);
        for (int i = 0; i < 15; i++) {
            draw(limiter, "get_accounts", NO_QUERY);
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(draw(limiter, "get_accounts", NO_QUERY)).isInstanceOf(RateLimiter.Throttled.class);
        clock.advance(Duration.ofHours(-1)); // the operator turns the clock back
        assertThat(draw(limiter, "get_accounts", NO_QUERY)).isEqualTo(new RateLimiter.Admitted(15, 14, 45));
        assertThat(draw(limiter, "get_accounts", NO_QUERY)).isEqualTo(new RateLimiter.Throttled(1));
    }

    @Test
    void aMultipleScalesEveryWindow() {
        RateLimiter limiter = limiter(3);
        for (int i = 0; i < 3; i++) assertThat(draw(limiter, "get_accounts", NO_QUERY)).isInstanceOf(RateLimiter.Admitted.class);
        assertThat(draw(limiter, "get_accounts", NO_QUERY)).isInstanceOf(RateLimiter.Throttled.class);
        clock.advance(Duration.ofSeconds(1));
        assertThat(draw(limiter, "get_accounts", NO_QUERY)).isEqualTo(new RateLimiter.Admitted(45, 41, 59));
    }

    @Test
    void offAdmitsEverythingAndDescribesNoWindow() {
        for (int i = 0; i < 100; i++) assertThat(RateLimiter.OFF.draw("acct-1", CATALOG.get("get_accounts"), NO_QUERY)).isNull();
    }

    @Test
    void anUnreachableSharedBackendLetsRequestsThroughUncounted() {
        BucketStore down = new BucketStore() {
            @Override
            public io.github.bucket4j.Bucket bucket(String key,
                                                    java.util.function.Supplier<io.github.bucket4j.BucketConfiguration> c) {
                throw new IllegalStateException("connection refused");
            }

            @Override
            public void forget(String key) {}
        };
        RateLimiter limiter = RateLimiter.of(CATALOG, 1, down, clock);
        for (int i = 0; i < 3; i++) assertThat(draw(limiter, "get_accounts", NO_QUERY)).isNull();
    }

    @Test
    void accountsAndOperationsHaveTheirOwnBuckets() {
        RateLimiter limiter = limiter(1);
        assertThat(draw(limiter, "get_accounts", NO_QUERY)).isInstanceOf(RateLimiter.Admitted.class);
        assertThat(draw(limiter, "get_accounts", NO_QUERY)).isInstanceOf(RateLimiter.Throttled.class);
        assertThat(limiter.draw("acct-2", CATALOG.get("get_accounts"), NO_QUERY)).isInstanceOf(RateLimiter.Admitted.class);
        assertThat(draw(limiter, "get_account", NO_QUERY)).isInstanceOf(RateLimiter.Admitted.class);
    }

    @Test
    void includeDrawsFromItsStricterBucketToo() {
        RateLimiter limiter = limiter(1); // get_profile: 75/s; with include=lists 1/s, 15/m
        var lists = List.of(Map.entry("include", "lists"));
        assertThat(draw(limiter, "get_profile", lists)).isEqualTo(new RateLimiter.Admitted(750, 749, 60));
        assertThat(draw(limiter, "get_profile", lists)).isEqualTo(new RateLimiter.Throttled(1));
        // The operation's own bucket still has room: without the include the request goes through.
        assertThat(draw(limiter, "get_profile", NO_QUERY)).isInstanceOf(RateLimiter.Admitted.class);
        // include=segments is its own bucket; a combined include draws from both (semantics §3: "three calls").
        assertThat(draw(limiter, "get_profile", List.of(Map.entry("include", "segments")))).isInstanceOf(RateLimiter.Admitted.class);
        clock.advance(Duration.ofSeconds(1));
        assertThat(draw(limiter, "get_profile", List.of(Map.entry("include", "segments,lists"))))
                .isInstanceOf(RateLimiter.Admitted.class);
        assertThat(draw(limiter, "get_profile", lists)).isInstanceOf(RateLimiter.Throttled.class);
        // include=lists of an import job is not the profile's include bucket.
        for (int i = 0; i < 3; i++) {
            assertThat(draw(limiter, "get_bulk_import_profiles_job", lists)).isInstanceOf(RateLimiter.Admitted.class);
        }
    }

    @Test
    void additionalFieldsBucketIsSharedAcrossEndpoints() {
        RateLimiter limiter = limiter(1); // predictive_analytics: 10/s, 150/m wherever it is asked for
        var predictive = List.of(Map.entry("additional-fields[profile]", "subscriptions,predictive_analytics"));
        for (int i = 0; i < 5; i++) assertThat(draw(limiter, "get_profiles", predictive)).isInstanceOf(RateLimiter.Admitted.class);
        for (int i = 0; i < 5; i++) {
            assertThat(draw(limiter, "get_profiles_for_segment", predictive)).isInstanceOf(RateLimiter.Admitted.class);
        }
        assertThat(draw(limiter, "get_profile", predictive)).isInstanceOf(RateLimiter.Throttled.class);
        assertThat(draw(limiter, "get_profiles", List.of(Map.entry("additional-fields[profile]", "subscriptions"))))
                .as("subscriptions has no bucket of its own").isInstanceOf(RateLimiter.Admitted.class);
        clock.advance(Duration.ofSeconds(1));
        assertThat(draw(limiter, "get_profile", predictive)).isInstanceOf(RateLimiter.Admitted.class);
    }
}
