package dev.openprofile.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The OPENPROFILE_OUTBOX_* settings: defaults (no relay), the relay's, the backoff, and bad values naming their setting. */
class OutboxSettingsTest {
    private static OutboxSettings resolve(Map<String, String> env) {
        return Settings.resolve(env, Map.of()).outbox();
    }

    @Test
    void defaultsKeepAWeekAndAHundredThousandPerAccountAndRelayNothing() {
        OutboxSettings s = resolve(Map.of());
        assertThat(s).isEqualTo(OutboxSettings.defaults());
        assertThat(s.retention()).isEqualTo(Duration.ofHours(168));
        assertThat(s.maxMessages()).isEqualTo(100_000);
        assertThat(s.relay()).isEmpty();
    }

    @Test
    void aHostTurnsTheRelayOnWithAMailCatchersPort() {
        OutboxSettings.SmtpRelay r = resolve(Map.of(OutboxSettings.SMTP_HOST, "mailpit")).relay().orElseThrow();
        assertThat(r.host()).isEqualTo("mailpit");
        assertThat(r.port()).isEqualTo(1025);
        assertThat(r.username()).isEmpty();
        assertThat(r.startTls()).isEqualTo(OutboxSettings.StartTls.OFF);
        assertThat(r.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(r.maxAttempts()).isEqualTo(8);
        assertThat(r.lease()).isEqualTo(Duration.ofSeconds(25));
        OutboxSettings.SmtpRelay full = resolve(Map.of(OutboxSettings.SMTP_HOST, "smtp.example", OutboxSettings.SMTP_PORT, "587",
                OutboxSettings.SMTP_USERNAME, "u", OutboxSettings.SMTP_PASSWORD, "secret-pw", OutboxSettings.SMTP_STARTTLS, "required",
                OutboxSettings.RELAY_MAX_ATTEMPTS, "3")).relay().orElseThrow();
        assertThat(full.port()).isEqualTo(587);
        assertThat(full.username()).isEqualTo(Optional.of("u"));
        assertThat(full.startTls()).isEqualTo(OutboxSettings.StartTls.REQUIRED);
        assertThat(full.maxAttempts()).isEqualTo(3);
        assertThat(full.toString()).doesNotContain("secret-pw");
    }

    @Test
    void theBackoffDoublesFromTenSecondsUpToAnHour() {
        OutboxSettings.SmtpRelay r = resolve(Map.of(OutboxSettings.SMTP_HOST, "h")).relay().orElseThrow();
        assertThat(r.retryAfter(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(r.retryAfter(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(r.retryAfter(9)).isEqualTo(Duration.ofSeconds(2560));
        assertThat(r.retryAfter(10)).isEqualTo(Duration.ofHours(1));
        assertThat(r.retryAfter(49)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void badValuesStopStartupWithTheSettingsName() {
        Map<String, String> bad = Map.of(OutboxSettings.RETENTION_HOURS, "0", OutboxSettings.MAX_MESSAGES, "x",
                OutboxSettings.SMTP_PORT, "70000", OutboxSettings.SMTP_STARTTLS, "yes", OutboxSettings.SMTP_TIMEOUT_SECONDS, "0",
                OutboxSettings.RELAY_MAX_ATTEMPTS, "51");
        bad.forEach((name, value) -> assertThatThrownBy(() -> resolve(Map.of(OutboxSettings.SMTP_HOST, "h", name, value)))
                .as(name).hasMessageContaining(name));
        assertThatThrownBy(() -> resolve(Map.of(OutboxSettings.SMTP_HOST, "h", OutboxSettings.SMTP_USERNAME, "u")))
                .hasMessageContaining(OutboxSettings.SMTP_PASSWORD);
        // A relay setting without a host would be silently unused: it says what is missing.
        assertThatThrownBy(() -> resolve(Map.of(OutboxSettings.SMTP_PORT, "1025"))).hasMessageContaining(OutboxSettings.SMTP_HOST);
    }
}
