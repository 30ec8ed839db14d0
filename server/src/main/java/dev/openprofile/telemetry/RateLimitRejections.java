package dev.openprofile.telemetry;

/** What the rate limiter reports: each request it answers 429 ({@code window}: burst, steady, daily, ...). */
@FunctionalInterface
public interface RateLimitRejections {
    void rejected(String operationId, String window);

    RateLimitRejections NONE = (operationId, window) -> { };
}
