package dev.openprofile.http;

import dev.openprofile.jsonapi.ApiError;
import io.javalin.http.Context;

/**
 * The gates' one call after authentication: records the request's account for the operator's view,
 * then lets an injected fault strike. An injected error is exactly the answer Klaviyo sends for its
 * status, so that SDK retry logic meets the real shapes (a 429's Retry-After and throttled body,
 * semantics §3; a 503's Retry-After).
 */
final class FaultInjection {
    /** Whole seconds, as Klaviyo sends it; one second keeps an SDK's retries of a counted fault short. */
    static final int RETRY_AFTER_SECONDS = 1;
    private final FaultSource faults;

    FaultInjection(FaultSource faults) {
        this.faults = faults;
    }

    void authenticated(Context ctx, String accountId, String operationId) throws InterruptedException {
        RequestTrace.of(ctx).accountId = accountId;
        var strike = faults.strike(accountId, operationId);
        if (strike.isEmpty()) return;
        if (strike.get().latencyMs() > 0) Thread.sleep(strike.get().latencyMs());
        int status = strike.get().status();
        if (status == 0) return;
        if (status == 429 || status == 503) ctx.header("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
        throw error(status);
    }

    /** Klaviyo's error for each status a fault may inject (FaultStatus lists them). */
    static ApiError error(int status) {
        return switch (status) {
            case 429 -> Throttle.throttled(RETRY_AFTER_SECONDS);
            case 502 -> new ApiError(502, "bad_gateway", "Bad gateway.", "The server received an invalid response upstream; retry later.",
                    null, null);
            case 503 -> new ApiError(503, "service_unavailable", "Service unavailable.",
                    "The service is temporarily unavailable; retry later.", null, null);
            case 504 -> new ApiError(504, "gateway_timeout", "Gateway timeout.", "The request timed out upstream; retry later.",
                    null, null);
            default -> new ApiError(status, "error", "A server error occurred.", "A server error occurred.", null, null);
        };
    }
}
