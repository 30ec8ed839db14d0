package dev.openprofile.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** OPENPROFILE_RATE_LIMITS and its backend: Klaviyo's numbers by default, off, xN; a bad value names its setting. */
class RateLimitSettingsTest {
    private static RateLimitSettings resolve(Map<String, String> env) {
        return Settings.resolve(env, Map.of()).rateLimits();
    }

    @Test
    void klaviyoNumbersInMemoryByDefault() {
        RateLimitSettings s = resolve(Map.of());
        assertThat(s.multiple()).isEqualTo(1);
        assertThat(s.off()).isFalse();
        assertThat(s.backend()).isEqualTo(RateLimitSettings.Backend.MEMORY);
    }

    @Test
    void offAndMultiples() {
        assertThat(resolve(Map.of(RateLimitSettings.RATE_LIMITS, "off")).off()).isTrue();
        assertThat(resolve(Map.of(RateLimitSettings.RATE_LIMITS, "x50")).multiple()).isEqualTo(50);
        assertThat(Settings.resolve(Map.of(RateLimitSettings.RATE_LIMITS, "off"),
                Map.of(RateLimitSettings.RATE_LIMITS, "klaviyo")).rateLimits().multiple()).as("the flag wins").isEqualTo(1);
    }

    @Test
    void sharedBackendWhenSeveralNodesCanShareTheDatabaseOrARedisIsNamed() {
        assertThat(resolve(Map.of(Settings.DATABASE_URL, "jdbc:postgresql://db/op")).backend())
                .isEqualTo(RateLimitSettings.Backend.POSTGRESQL);
        assertThat(resolve(Map.of(Settings.DATABASE_URL, "jdbc:postgresql://db/op", RateLimitSettings.REDIS_URL,
                "redis://127.0.0.1:6379")).backend()).isEqualTo(RateLimitSettings.Backend.REDIS);
        assertThat(resolve(Map.of(Settings.DATABASE_URL, "jdbc:postgresql://db/op", RateLimitSettings.BACKEND, "memory"))
                .backend()).isEqualTo(RateLimitSettings.Backend.MEMORY);
    }

    @Test
    void everyBadValueNamesItsSetting() {
        Map<String, String> bad = Map.of(
                RateLimitSettings.RATE_LIMITS, "x0",
                RateLimitSettings.BACKEND, "memcached",
                RateLimitSettings.REDIS_URL, "127.0.0.1:6379");
        bad.forEach((name, value) -> assertThatThrownBy(() -> resolve(Map.of(name, value)))
                .isInstanceOf(Settings.SettingsException.class).hasMessageContaining(name).hasMessageContaining(value));
        for (String value : new String[] {"Klaviyo", "2x", "x", "on"}) {
            assertThatThrownBy(() -> resolve(Map.of(RateLimitSettings.RATE_LIMITS, value)))
                    .hasMessageContaining(RateLimitSettings.RATE_LIMITS);
        }
        assertThatThrownBy(() -> resolve(Map.of(RateLimitSettings.BACKEND, "redis")))
                .hasMessageContaining(RateLimitSettings.REDIS_URL);
    }
}
