package dev.openprofile.http;

import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Operation;
import dev.openprofile.ratelimit.RateLimiter;
import dev.openprofile.telemetry.RateLimitRejections;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/**
 * The rate-limit step of a request, once its account is known and before its handler (semantics §3): every
 * answer but a 429 carries the steady window's RateLimit-Limit, -Remaining and -Reset; a 429 carries
 * Retry-After instead, with Klaviyo's throttled error document (semantics §4).
 */
final class Throttle {
    private static final Map<String, String> RATE_LIMIT_DOCS =
            Map.of("type", "https://developers.klaviyo.com/en/docs/rate_limits_and_error_handling#rate-limits");

    private final RateLimiter limiter;
    private final RateLimitRejections rejections;

    Throttle(RateLimiter limiter, RateLimitRejections rejections) {
        this.limiter = limiter;
        this.rejections = rejections;
    }

    void check(Context ctx, String accountId, Operation op, List<Map.Entry<String, String>> query) {
        switch (limiter.draw(accountId, op, query)) {
            case null -> { }
            case RateLimiter.Admitted a -> {
                ctx.header("RateLimit-Limit", Long.toString(a.limit()));
                ctx.header("RateLimit-Remaining", Long.toString(a.remaining()));
                ctx.header("RateLimit-Reset", Long.toString(a.resetSeconds()));
            }
            case RateLimiter.Throttled t -> {
                ctx.header("Retry-After", Long.toString(t.retryAfterSeconds()));
                rejections.rejected(op.id(), window(t.retryAfterSeconds()));
                throw throttled(t.retryAfterSeconds());
            }
        }
    }

    /** The window a rejected client waits on, told by the length of its wait (a burst refills within a second). */
    private static String window(long retryAfterSeconds) {
        return retryAfterSeconds <= 1 ? "burst" : retryAfterSeconds <= 60 ? "steady" : "daily";
    }

    /** Klaviyo's observed body: "Request was throttled. Expected available in 1 second." (semantics §3). */
    static ApiError throttled(long seconds) {
        return new ApiError(429, "throttled", "Request was throttled.",
                "Request was throttled. Expected available in " + seconds + (seconds == 1 ? " second." : " seconds."),
                ApiError.Source.pointer("/data"), null).withLinks(RATE_LIMIT_DOCS);
    }
}
