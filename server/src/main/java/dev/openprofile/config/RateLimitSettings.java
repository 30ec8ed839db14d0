package dev.openprofile.config;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How requests are rate limited: {@code OPENPROFILE_RATE_LIMITS} is {@code klaviyo} (Klaviyo's numbers, the
 * default), {@code off}, or {@code xN} (N times Klaviyo's numbers, for load tests); where the buckets live is
 * {@code OPENPROFILE_RATE_LIMIT_BACKEND}: {@code auto} (the default: Redis when {@code OPENPROFILE_REDIS_URL}
 * is set, else PostgreSQL when the database is external, since only then can several nodes share it, else
 * memory), {@code memory}, {@code postgresql} or {@code redis}.
 *
 * @param multiple 0 when off, 1 for Klaviyo's numbers, N for xN
 */
public record RateLimitSettings(int multiple, Backend backend, Optional<String> redisUrl) {
    public static final String RATE_LIMITS = "OPENPROFILE_RATE_LIMITS";
    public static final String BACKEND = "OPENPROFILE_RATE_LIMIT_BACKEND";
    public static final String REDIS_URL = "OPENPROFILE_REDIS_URL";
    private static final Pattern MULTIPLE = Pattern.compile("x([1-9][0-9]{0,5})");

    public enum Backend { MEMORY, POSTGRESQL, REDIS }

    public boolean off() {
        return multiple == 0;
    }

    static RateLimitSettings resolve(Optional<String> limits, Optional<String> backend, Optional<String> redisUrl,
                                     boolean externalDatabase) {
        int multiple = limits.map(RateLimitSettings::multiple).orElse(1);
        redisUrl.ifPresent(url -> {
            if (!url.startsWith("redis://") && !url.startsWith("rediss://")) {
                throw new Settings.SettingsException(REDIS_URL + " must be a redis:// or rediss:// URL, got '" + url + "'");
            }
        });
        Backend chosen = switch (backend.orElse("auto")) {
            case "auto" -> redisUrl.isPresent() ? Backend.REDIS : externalDatabase ? Backend.POSTGRESQL : Backend.MEMORY;
            case "memory" -> Backend.MEMORY;
            case "postgresql" -> Backend.POSTGRESQL;
            case "redis" -> Backend.REDIS;
            default -> throw new Settings.SettingsException(BACKEND + " must be auto, memory, postgresql or redis, got '"
                    + backend.get() + "'");
        };
        if (chosen == Backend.REDIS && redisUrl.isEmpty()) {
            throw new Settings.SettingsException(BACKEND + "=redis needs " + REDIS_URL);
        }
        return new RateLimitSettings(multiple, chosen, redisUrl);
    }

    private static int multiple(String value) {
        if (value.equals("klaviyo")) return 1;
        if (value.equals("off")) return 0;
        Matcher m = MULTIPLE.matcher(value);
        if (m.matches()) return Integer.parseInt(m.group(1));
        throw new Settings.SettingsException(RATE_LIMITS + " must be klaviyo, off or xN (N a whole number from 1 to 999999), got '"
                + value + "'");
    }
}
