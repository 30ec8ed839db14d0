package dev.openprofile.config;

import java.time.Duration;
import java.util.Optional;

/**
 * How webhooks are delivered. Klaviyo documents no retry policy for system webhooks, so these are ours
 * (docs/compatibility.md, "Webhooks"): a failed POST (no 2xx, or no answer within the timeout) is tried again
 * after {@code firstRetry}, doubling each time up to an hour, until {@code maxAttempts} attempts were made.
 *
 * @param requireHttps refuse http:// endpoint URLs, as Klaviyo does ("Must be https"); off by default, since an
 *                     emulator's receivers are usually local
 */
public record WebhookSettings(boolean requireHttps, int maxAttempts, Duration firstRetry, Duration timeout) {
    public static final String REQUIRE_HTTPS = "OPENPROFILE_WEBHOOKS_REQUIRE_HTTPS";
    public static final String MAX_ATTEMPTS = "OPENPROFILE_WEBHOOKS_MAX_ATTEMPTS";
    public static final String RETRY_SECONDS = "OPENPROFILE_WEBHOOKS_RETRY_SECONDS";
    public static final String TIMEOUT_SECONDS = "OPENPROFILE_WEBHOOKS_TIMEOUT_SECONDS";
    /** The longest wait between two attempts. */
    public static final Duration MAX_RETRY = Duration.ofHours(1);

    public static WebhookSettings defaults() {
        return new WebhookSettings(false, 8, Duration.ofSeconds(10), Duration.ofSeconds(10));
    }

    static WebhookSettings resolve(Optional<String> requireHttps, Optional<String> maxAttempts, Optional<String> retrySeconds,
                                   Optional<String> timeoutSeconds) {
        boolean https = switch (requireHttps.orElse("false")) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new Settings.SettingsException(REQUIRE_HTTPS + " must be true or false, got '" + requireHttps.get() + "'");
        };
        return new WebhookSettings(https, Settings.parseRange(MAX_ATTEMPTS, maxAttempts.orElse("8"), 1, 50),
                Duration.ofSeconds(Settings.parseRange(RETRY_SECONDS, retrySeconds.orElse("10"), 1, 3600)),
                Duration.ofSeconds(Settings.parseRange(TIMEOUT_SECONDS, timeoutSeconds.orElse("10"), 1, 120)));
    }

    /** How long a deliverer holds a claimed delivery: its POST's timeout and a margin. */
    public Duration lease() {
        return timeout.plusSeconds(5);
    }

    /** The wait before attempt {@code attempt + 1}, after {@code attempt} (from 1) failed. */
    public Duration retryAfter(int attempt) {
        Duration d = firstRetry;
        for (int i = 1; i < attempt && d.compareTo(MAX_RETRY) < 0; i++) d = d.multipliedBy(2);
        return d.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : d;
    }
}
