package dev.openprofile.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Where uploaded images live and how {@code upload_image_from_url} fetches: {@code OPENPROFILE_IMAGES_DIR}
 * (default {@code <data dir>/images}), {@code OPENPROFILE_IMAGES_ALLOW_PRIVATE_NETWORKS} ({@code false}: a URL
 * whose host resolves to a loopback, private, link-local or metadata address is refused) and
 * {@code OPENPROFILE_IMAGES_FETCH_TIMEOUT_MS} (default 10000: the whole fetch, every redirect included).
 */
public record ImageSettings(Path dir, boolean allowPrivateNetworks, Duration fetchTimeout) {
    public static final String DIR = "OPENPROFILE_IMAGES_DIR";
    public static final String ALLOW_PRIVATE_NETWORKS = "OPENPROFILE_IMAGES_ALLOW_PRIVATE_NETWORKS";
    public static final String FETCH_TIMEOUT = "OPENPROFILE_IMAGES_FETCH_TIMEOUT_MS";

    static ImageSettings resolve(Path dataDir, Optional<String> dir, Optional<String> allowPrivate, Optional<String> timeoutMs) {
        Path images = dir.map(d -> Path.of(d).toAbsolutePath().normalize()).orElse(dataDir.resolve("images"));
        boolean allow = switch (allowPrivate.orElse("false")) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new Settings.SettingsException(ALLOW_PRIVATE_NETWORKS + " must be true or false, got '"
                    + allowPrivate.get() + "'");
        };
        long ms;
        try {
            ms = Long.parseLong(timeoutMs.orElse("10000"));
        } catch (NumberFormatException e) {
            ms = -1;
        }
        if (ms < 100 || ms > 120_000) {
            throw new Settings.SettingsException(FETCH_TIMEOUT + " must be a whole number of milliseconds from 100 to 120000, got '"
                    + timeoutMs.orElse("") + "'");
        }
        return new ImageSettings(images, allow, Duration.ofMillis(ms));
    }
}
