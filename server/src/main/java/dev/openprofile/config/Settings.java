package dev.openprofile.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Every setting of the server, read once and validated (a bad value stops startup with its name).
 * Nothing outside this package reads the environment.
 */
public record Settings(
        int port,
        Path dataDir,
        String baseUrl,
        Optional<String> databaseUrl,
        String databaseSchema,
        Optional<String> apiKey,
        Optional<String> publicKey,
        java.time.Duration jobLease,
        int jobWorkers,
        Optional<String> adminKey,
        int journalSize,
        boolean jsonLog,
        RateLimitSettings rateLimits,
        ImageSettings images, WebhookSettings webhooks, OutboxSettings outbox, ConsoleAccess console) {

    private static final Pattern PRIVATE_KEY = Pattern.compile("pk_[A-Za-z0-9]{34}");
    private static final Pattern PUBLIC_KEY = Pattern.compile("[A-Za-z0-9]{6}");
    /** An unquoted PostgreSQL identifier, so it needs no quoting wherever it is named. */
    private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    public static final String PORT = "OPENPROFILE_PORT";
    public static final String DATA_DIR = "OPENPROFILE_DATA_DIR";
    public static final String BASE_URL = "OPENPROFILE_BASE_URL";
    public static final String DATABASE_URL = "OPENPROFILE_DATABASE_URL";
    public static final String DATABASE_SCHEMA = "OPENPROFILE_DATABASE_SCHEMA";
    public static final String API_KEY = "OPENPROFILE_API_KEY";
    public static final String PUBLIC_KEY_VAR = "OPENPROFILE_PUBLIC_KEY";
    public static final String JOB_LEASE = "OPENPROFILE_JOB_LEASE_SECONDS";
    public static final String JOB_WORKERS = "OPENPROFILE_JOB_WORKERS";
    public static final String ADMIN_KEY = "OPENPROFILE_ADMIN_KEY";
    public static final String JOURNAL_SIZE = "OPENPROFILE_JOURNAL_SIZE";
    public static final String LOG_FORMAT = "OPENPROFILE_LOG_FORMAT";

    /** Flags win over the environment; {@code flags} holds only the flags that were given. */
    public static Settings resolve(Map<String, String> env, Map<String, String> flags) {
        int port = parsePort(pick(PORT, env, flags).orElse("8080"));
        Path dataDir = Path.of(pick(DATA_DIR, env, flags).orElse("./data")).toAbsolutePath().normalize();
        String baseUrl = pick(BASE_URL, env, flags).orElse("http://localhost:" + port);
        if (!baseUrl.startsWith("http://") && !baseUrl.startsWith("https://")) {
            throw new SettingsException(BASE_URL + " must be an http:// or https:// URL, got '" + baseUrl + "'");
        }
        Optional<String> databaseUrl = pick(DATABASE_URL, env, flags);
        databaseUrl.ifPresent(url -> {
            if (!url.startsWith("jdbc:postgresql:")) {
                throw new SettingsException(DATABASE_URL + " must be a jdbc:postgresql: URL");
            }
        });
        String schema = pick(DATABASE_SCHEMA, env, flags).orElse("openprofile");
        if (!SCHEMA.matcher(schema).matches() || schema.startsWith("pg_")) {
            throw new SettingsException(DATABASE_SCHEMA + " must be a lower-case PostgreSQL name (letters, digits, _; "
                    + "not starting with pg_), got '" + schema + "'");
        }
        Optional<String> apiKey = pick(API_KEY, env, flags);
        apiKey.ifPresent(k -> {
            if (!PRIVATE_KEY.matcher(k).matches()) {
                throw new SettingsException(API_KEY + " must be pk_ followed by 34 letters or digits");
            }
        });
        Optional<String> publicKey = pick(PUBLIC_KEY_VAR, env, flags);
        publicKey.ifPresent(k -> {
            if (!PUBLIC_KEY.matcher(k).matches()) {
                throw new SettingsException(PUBLIC_KEY_VAR + " must be 6 letters or digits");
            }
        });
        java.time.Duration lease = java.time.Duration.ofSeconds(
                parseRange(JOB_LEASE, pick(JOB_LEASE, env, flags).orElse("30"), 1, 3600));
        // Four per node: a worker waits on PostgreSQL and on its commits about half the time, so two
        // cores stay busy with four (docs/benchmarks.md, bulk import).
        int workers = parseRange(JOB_WORKERS, pick(JOB_WORKERS, env, flags).orElse("4"), 1, 64);
        Optional<String> adminKey = pick(ADMIN_KEY, env, flags);
        adminKey.ifPresent(k -> {
            if (k.length() < 16) throw new SettingsException(ADMIN_KEY + " must be at least 16 characters");
        });
        // Requests kept per account by the request journal; 0 turns it off.
        int journalSize = parseRange(JOURNAL_SIZE, pick(JOURNAL_SIZE, env, flags).orElse("1000"), 0, 100_000);
        String logFormat = pick(LOG_FORMAT, env, flags).orElse("text");
        if (!logFormat.equals("text") && !logFormat.equals("json")) {
            throw new SettingsException(LOG_FORMAT + " must be text or json, got '" + logFormat + "'");
        }
        RateLimitSettings rateLimits = RateLimitSettings.resolve(pick(RateLimitSettings.RATE_LIMITS, env, flags),
                pick(RateLimitSettings.BACKEND, env, flags), pick(RateLimitSettings.REDIS_URL, env, flags), databaseUrl.isPresent());
        ImageSettings images = ImageSettings.resolve(dataDir, pick(ImageSettings.DIR, env, flags),
                pick(ImageSettings.ALLOW_PRIVATE_NETWORKS, env, flags), pick(ImageSettings.FETCH_TIMEOUT, env, flags));
        WebhookSettings webhooks = WebhookSettings.resolve(pick(WebhookSettings.REQUIRE_HTTPS, env, flags),
                pick(WebhookSettings.MAX_ATTEMPTS, env, flags), pick(WebhookSettings.RETRY_SECONDS, env, flags),
                pick(WebhookSettings.TIMEOUT_SECONDS, env, flags));
        OutboxSettings outbox = OutboxSettings.resolve(new OutboxSettings.Given(pick(OutboxSettings.RETENTION_HOURS, env, flags),
                pick(OutboxSettings.MAX_MESSAGES, env, flags), pick(OutboxSettings.SMTP_HOST, env, flags),
                pick(OutboxSettings.SMTP_PORT, env, flags), pick(OutboxSettings.SMTP_USERNAME, env, flags),
                pick(OutboxSettings.SMTP_PASSWORD, env, flags), pick(OutboxSettings.SMTP_STARTTLS, env, flags),
                pick(OutboxSettings.SMTP_TIMEOUT_SECONDS, env, flags), pick(OutboxSettings.RELAY_MAX_ATTEMPTS, env, flags)));
        ConsoleAccess console = ConsoleAccess.resolve(pick(ConsoleAccess.CONSOLE, env, flags), adminKey);
        return new Settings(port, dataDir, stripSlash(baseUrl), databaseUrl, schema, apiKey, publicKey, lease, workers, adminKey,
                journalSize, logFormat.equals("json"), rateLimits, images, webhooks, outbox, console);
    }

    public Settings withPort(int actualPort) {
        String url = baseUrl.equals("http://localhost:" + port) ? "http://localhost:" + actualPort : baseUrl;
        return new Settings(actualPort, dataDir, url, databaseUrl, databaseSchema, apiKey, publicKey, jobLease, jobWorkers, adminKey,
                journalSize, jsonLog, rateLimits, images, webhooks, outbox, console);
    }

    private static Optional<String> pick(String name, Map<String, String> env, Map<String, String> flags) {
        String v = flags.containsKey(name) ? flags.get(name) : env.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
    }

    private static int parsePort(String v) {
        return parseRange(PORT, v, 0, 65535);
    }

    static int parseRange(String name, String v, int min, int max) {
        try {
            int p = Integer.parseInt(v);
            if (p < min || p > max) throw new NumberFormatException();
            return p;
        } catch (NumberFormatException e) {
            throw new SettingsException(name + " must be a whole number from " + min + " to " + max + ", got '" + v + "'");
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public static final class SettingsException extends RuntimeException {
        public SettingsException(String message) { super(message); }
    }
}
