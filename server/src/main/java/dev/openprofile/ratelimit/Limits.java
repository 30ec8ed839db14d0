package dev.openprofile.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import java.time.Duration;
import java.time.Instant;

/**
 * One bucket's numbers: Klaviyo's fixed windows of a second (burst), a minute (steady) and, for some
 * operations, a day (daily; null when none). The bandwidths are in that order: {@link #STEADY} indexes the
 * window the RateLimit-* headers describe.
 */
record Limits(long burst, long steady, Long daily) {
    static final int STEADY = 1;
    static final Duration SECOND = Duration.ofSeconds(1);
    static final Duration MINUTE = Duration.ofMinutes(1);
    static final Duration DAY = Duration.ofDays(1);

    Duration longestWindow() {
        return daily == null ? MINUTE : DAY;
    }

    Limits times(int multiple) {
        return new Limits(burst * multiple, steady * multiple, daily == null ? null : daily * multiple);
    }

    /**
     * A fixed window is a bucket refilled whole at each boundary: intervally, aligned to the clock's whole
     * seconds, minutes and (UTC) days, so that every node, and the Reset header, see the same windows.
     */
    BucketConfiguration configuration(Instant now) {
        var builder = BucketConfiguration.builder()
                .addLimit(window(burst, SECOND, now))
                .addLimit(window(steady, MINUTE, now));
        if (daily != null) builder.addLimit(window(daily, DAY, now));
        return builder.build();
    }

    private static Bandwidth window(long tokens, Duration length, Instant now) {
        return Bandwidth.builder().capacity(tokens).refillIntervallyAligned(tokens, length, nextBoundary(now, length)).build();
    }

    static Instant nextBoundary(Instant now, Duration length) {
        long ms = length.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), ms) * ms + ms);
    }

    /** Whole seconds until the current window of the given length ends (Klaviyo's RateLimit-Reset), at least 1. */
    static long secondsToBoundary(Instant now, Duration length) {
        long left = nextBoundary(now, length).toEpochMilli() - now.toEpochMilli();
        return Math.max(1, (left + 999) / 1000);
    }
}
