package dev.openprofile.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The OPENPROFILE_WEBHOOKS_* settings: their defaults, the backoff they make, and a bad value naming its setting. */
class WebhookSettingsTest {
    private static WebhookSettings resolve(Map<String, String> env) {
        return Settings.resolve(env, Map.of()).webhooks();
    }

    @Test
    void defaultsAcceptHttpAndTryEightTimesOverAboutTwentyOneMinutes() {
        WebhookSettings s = resolve(Map.of());
        assertThat(s).isEqualTo(WebhookSettings.defaults());
        assertThat(s.requireHttps()).isFalse();
        assertThat(s.lease()).isEqualTo(Duration.ofSeconds(15));
        Duration total = Duration.ZERO;
        for (int attempt = 1; attempt < s.maxAttempts(); attempt++) total = total.plus(s.retryAfter(attempt));
        assertThat(total).isEqualTo(Duration.ofSeconds(10 + 20 + 40 + 80 + 160 + 320 + 640));
    }

    @Test
    void theBackoffDoublesUpToAnHour() {
        WebhookSettings s = resolve(Map.of(WebhookSettings.RETRY_SECONDS, "600", WebhookSettings.MAX_ATTEMPTS, "50"));
        assertThat(s.retryAfter(1)).isEqualTo(Duration.ofMinutes(10));
        assertThat(s.retryAfter(2)).isEqualTo(Duration.ofMinutes(20));
        assertThat(s.retryAfter(3)).isEqualTo(Duration.ofMinutes(40));
        assertThat(s.retryAfter(4)).isEqualTo(Duration.ofHours(1));
        assertThat(s.retryAfter(49)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void flagsWinAndBadValuesStopStartupWithTheSettingsName() {
        assertThat(Settings.resolve(Map.of(WebhookSettings.REQUIRE_HTTPS, "false"), Map.of(WebhookSettings.REQUIRE_HTTPS, "true"))
                .webhooks().requireHttps()).isTrue();
        assertThatThrownBy(() -> resolve(Map.of(WebhookSettings.REQUIRE_HTTPS, "yes"))).hasMessageContaining(WebhookSettings.REQUIRE_HTTPS);
        assertThatThrownBy(() -> resolve(Map.of(WebhookSettings.MAX_ATTEMPTS, "0"))).hasMessageContaining(WebhookSettings.MAX_ATTEMPTS);
        assertThatThrownBy(() -> resolve(Map.of(WebhookSettings.RETRY_SECONDS, "x"))).hasMessageContaining(WebhookSettings.RETRY_SECONDS);
        assertThatThrownBy(() -> resolve(Map.of(WebhookSettings.TIMEOUT_SECONDS, "121"))).hasMessageContaining(WebhookSettings.TIMEOUT_SECONDS);
    }
}
