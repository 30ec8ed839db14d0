package dev.openprofile.http;

import dev.openprofile.telemetry.RateLimitRejections;
import java.util.function.Supplier;

/**
 * What the operator's controls hang on the request path: a listener told of every answered request
 * (journal, metrics, log line), the faults that strike authenticated requests, the metrics text
 * served at {@code GET /metrics}, and the counter of the rate limiter's 429s.
 */
public record OperatorHooks(RequestListener listener, FaultSource faults, Supplier<String> metrics,
                            RateLimitRejections rejections) {
    public static final OperatorHooks NONE = new OperatorHooks(r -> { }, FaultSource.NONE, () -> "", RateLimitRejections.NONE);
}
