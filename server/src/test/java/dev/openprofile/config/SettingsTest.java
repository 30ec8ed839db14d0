package dev.openprofile.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Settings: defaults, flags over environment, and a named error for every bad value. */
class SettingsTest {
    @Test
    void defaults() {
        Settings s = Settings.resolve(Map.of(), Map.of());
        assertThat(s.port()).isEqualTo(8080);
        assertThat(s.dataDir()).isEqualTo(Path.of("./data").toAbsolutePath().normalize());
        assertThat(s.baseUrl()).isEqualTo("http://localhost:8080");
        assertThat(s.databaseUrl()).isEmpty();
        assertThat(s.apiKey()).isEmpty();
        assertThat(s.publicKey()).isEmpty();
        assertThat(s.jobWorkers()).isEqualTo(4);
        assertThat(s.adminKey()).isEmpty();
        assertThat(s.images().dir()).isEqualTo(s.dataDir().resolve("images"));
        assertThat(s.images().allowPrivateNetworks()).isFalse();
        assertThat(s.images().fetchTimeout()).isEqualTo(java.time.Duration.ofSeconds(10));
    }

    @Test
    void imageSettingsAreReadAndCheckedWithTheirNames() {
        Settings s = Settings.resolve(Map.of(ImageSettings.DIR, "/srv/images", ImageSettings.ALLOW_PRIVATE_NETWORKS, "true",
                ImageSettings.FETCH_TIMEOUT, "250"), Map.of());
        assertThat(s.images().dir()).isEqualTo(Path.of("/srv/images"));
        assertThat(s.images().allowPrivateNetworks()).isTrue();
        assertThat(s.images().fetchTimeout()).isEqualTo(java.time.Duration.ofMillis(250));
        Map.of(ImageSettings.ALLOW_PRIVATE_NETWORKS, "yes", ImageSettings.FETCH_TIMEOUT, "50").forEach((name, value) ->
                assertThatThrownBy(() -> Settings.resolve(Map.of(name, value), Map.of()))
                        .isInstanceOf(Settings.SettingsException.class).hasMessageContaining(name));
    }

    @Test
    void flagsWinOverEnvironmentAndBaseUrlFollowsThePort() {
        Settings s = Settings.resolve(Map.of(Settings.PORT, "9000", Settings.PUBLIC_KEY_VAR, "AbC123"),
                Map.of(Settings.PORT, "9100"));
        assertThat(s.port()).isEqualTo(9100);
        assertThat(s.baseUrl()).isEqualTo("http://localhost:9100");
        assertThat(s.publicKey()).contains("AbC123");
        assertThat(Settings.resolve(Map.of(Settings.BASE_URL, "https://klaviyo.internal/"), Map.of()).baseUrl())
                .isEqualTo("https://klaviyo.internal");
    }

    @Test
    void everyBadValueNamesItsSetting() {
        Map<String, String> bad = Map.of(
                Settings.PORT, "eighty",
                Settings.BASE_URL, "localhost:8080",
                Settings.DATABASE_URL, "postgres://x",
                Settings.API_KEY, "pk_short",
                Settings.PUBLIC_KEY_VAR, "1234567",
                Settings.JOB_WORKERS, "0",
                Settings.ADMIN_KEY, "too-short");
        bad.forEach((name, value) -> assertThatThrownBy(() -> Settings.resolve(Map.of(name, value), Map.of()))
                .isInstanceOf(Settings.SettingsException.class).hasMessageContaining(name));
    }
}
