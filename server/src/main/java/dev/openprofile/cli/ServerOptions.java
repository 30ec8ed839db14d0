package dev.openprofile.cli;

import dev.openprofile.config.ImageSettings;
import dev.openprofile.config.OutboxSettings;
import dev.openprofile.config.RateLimitSettings;
import dev.openprofile.config.Settings;
import dev.openprofile.config.WebhookSettings;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The flags that mirror the OPENPROFILE_* environment variables; a flag wins over its variable. */
final class ServerOptions {
    @Option(names = "--port", description = "HTTP port (env OPENPROFILE_PORT, default 8080)")
    String port;
    @Option(names = "--data-dir", description = "data directory (env OPENPROFILE_DATA_DIR, default ./data)")
    String dataDir;
    @Option(names = "--base-url", description = "URL used in links (env OPENPROFILE_BASE_URL, default http://localhost:PORT)")
    String baseUrl;
    @Option(names = "--database-url", description = "JDBC URL of an external PostgreSQL (env OPENPROFILE_DATABASE_URL; unset: embedded)")
    String databaseUrl;
    @Option(names = "--database-schema", description = "PostgreSQL schema that holds every OpenProfile table (env OPENPROFILE_DATABASE_SCHEMA, default openprofile)")
    String databaseSchema;
    @Option(names = "--api-key", description = "private key of the default account (env OPENPROFILE_API_KEY)")
    String apiKey;
    @Option(names = "--public-key", description = "6-character public key of the default account (env OPENPROFILE_PUBLIC_KEY)")
    String publicKey;
    @Option(names = "--job-lease-seconds", description = "how long a crashed node's job waits before another worker resumes it (env OPENPROFILE_JOB_LEASE_SECONDS, default 30)")
    String jobLeaseSeconds;

    @Option(names = "--job-workers", description = "job workers on this node (env OPENPROFILE_JOB_WORKERS, default 4)")
    String jobWorkers;

    @Option(names = "--admin-key", description = "the key of the operator API under /admin (env OPENPROFILE_ADMIN_KEY; unset: disabled)")
    String adminKey;

    @Option(names = "--console", description = "who may log in to the web console at /console: off, admin, accounts or admin,accounts "
            + "(env OPENPROFILE_CONSOLE; default admin when an admin key is set, else off)")
    String console;

    @Option(names = "--journal-size", description = "requests the journal keeps per account (env OPENPROFILE_JOURNAL_SIZE, default 1000; 0: off)")
    String journalSize;
    @Option(names = "--log-format", description = "request log lines as text or json (env OPENPROFILE_LOG_FORMAT, default text)")
    String logFormat;
    @Option(names = "--rate-limits", description = "klaviyo (Klaviyo's numbers), off, or xN: N times them (env OPENPROFILE_RATE_LIMITS, default klaviyo)")
    String rateLimits;
    @Option(names = "--rate-limit-backend", description = "auto, memory, postgresql or redis (env OPENPROFILE_RATE_LIMIT_BACKEND, default auto)")
    String rateLimitBackend;
    @Option(names = "--redis-url", description = "redis:// URL of a Redis the nodes share rate-limit buckets in (env OPENPROFILE_REDIS_URL)")
    String redisUrl;
    @Option(names = "--images-dir", description = "where uploaded images are stored (env OPENPROFILE_IMAGES_DIR, default DATA_DIR/images)")
    String imagesDir;
    @Option(names = "--images-allow-private-networks", description = "let image imports fetch from loopback, private and link-local addresses: true or false (env OPENPROFILE_IMAGES_ALLOW_PRIVATE_NETWORKS, default false)")
    String imagesAllowPrivateNetworks;
    @Option(names = "--images-fetch-timeout-ms", description = "how long an image import's fetch may take in all (env OPENPROFILE_IMAGES_FETCH_TIMEOUT_MS, default 10000)")
    String imagesFetchTimeoutMs;
    @Option(names = "--webhooks-require-https", description = "refuse http:// webhook endpoints, true or false (env OPENPROFILE_WEBHOOKS_REQUIRE_HTTPS, default false)")
    String webhooksRequireHttps;
    @Option(names = "--webhooks-max-attempts", description = "attempts per webhook delivery before it fails (env OPENPROFILE_WEBHOOKS_MAX_ATTEMPTS, default 8)")
    String webhooksMaxAttempts;
    @Option(names = "--webhooks-retry-seconds", description = "wait before a delivery's first retry, doubling up to an hour (env OPENPROFILE_WEBHOOKS_RETRY_SECONDS, default 10)")
    String webhooksRetrySeconds;
    @Option(names = "--webhooks-timeout-seconds", description = "how long a webhook POST may take (env OPENPROFILE_WEBHOOKS_TIMEOUT_SECONDS, default 10)")
    String webhooksTimeoutSeconds;

    @Option(names = "--outbox-retention-hours", description = "how long the outbox keeps a message (env OPENPROFILE_OUTBOX_RETENTION_HOURS, default 168)")
    String outboxRetentionHours;
    @Option(names = "--outbox-max-messages", description = "messages the outbox keeps per account, the newest (env OPENPROFILE_OUTBOX_MAX_MESSAGES, default 100000)")
    String outboxMaxMessages;
    @Option(names = "--outbox-smtp-host", description = "relay the outbox's emails to this SMTP server, e.g. a local Mailpit (env OPENPROFILE_OUTBOX_SMTP_HOST; unset: no relay)")
    String outboxSmtpHost;
    @Option(names = "--outbox-smtp-port", description = "the relay's SMTP port (env OPENPROFILE_OUTBOX_SMTP_PORT, default 1025)")
    String outboxSmtpPort;
    @Option(names = "--outbox-smtp-username", description = "the relay's SMTP user; its password only from env OPENPROFILE_OUTBOX_SMTP_PASSWORD (env OPENPROFILE_OUTBOX_SMTP_USERNAME)")
    String outboxSmtpUsername;
    @Option(names = "--outbox-smtp-starttls", description = "off, when-offered or required (env OPENPROFILE_OUTBOX_SMTP_STARTTLS, default off)")
    String outboxSmtpStarttls;
    @Option(names = "--outbox-smtp-timeout-seconds", description = "how long the relay's SMTP connect and each command may take (env OPENPROFILE_OUTBOX_SMTP_TIMEOUT_SECONDS, default 10)")
    String outboxSmtpTimeoutSeconds;
    @Option(names = "--outbox-relay-max-attempts", description = "attempts to relay an email before it is marked failed (env OPENPROFILE_OUTBOX_RELAY_MAX_ATTEMPTS, default 8)")
    String outboxRelayMaxAttempts;

    Settings settings() {
        Map<String, String> flags = new HashMap<>();
        put(flags, Settings.PORT, port);
        put(flags, Settings.DATA_DIR, dataDir);
        put(flags, Settings.BASE_URL, baseUrl);
        put(flags, Settings.DATABASE_URL, databaseUrl);
        put(flags, Settings.DATABASE_SCHEMA, databaseSchema);
        put(flags, Settings.API_KEY, apiKey);
        put(flags, Settings.PUBLIC_KEY_VAR, publicKey);
        put(flags, Settings.JOB_LEASE, jobLeaseSeconds);
        put(flags, Settings.JOB_WORKERS, jobWorkers);
        put(flags, Settings.ADMIN_KEY, adminKey);
        put(flags, dev.openprofile.config.ConsoleAccess.CONSOLE, console);
        put(flags, Settings.JOURNAL_SIZE, journalSize);
        put(flags, Settings.LOG_FORMAT, logFormat);
        put(flags, RateLimitSettings.RATE_LIMITS, rateLimits);
        put(flags, RateLimitSettings.BACKEND, rateLimitBackend);
        put(flags, RateLimitSettings.REDIS_URL, redisUrl);
        put(flags, ImageSettings.DIR, imagesDir);
        put(flags, ImageSettings.ALLOW_PRIVATE_NETWORKS, imagesAllowPrivateNetworks);
        put(flags, ImageSettings.FETCH_TIMEOUT, imagesFetchTimeoutMs);
        put(flags, WebhookSettings.REQUIRE_HTTPS, webhooksRequireHttps);
        put(flags, WebhookSettings.MAX_ATTEMPTS, webhooksMaxAttempts);
        put(flags, WebhookSettings.RETRY_SECONDS, webhooksRetrySeconds);
        put(flags, WebhookSettings.TIMEOUT_SECONDS, webhooksTimeoutSeconds);
        put(flags, OutboxSettings.RETENTION_HOURS, outboxRetentionHours);
        put(flags, OutboxSettings.MAX_MESSAGES, outboxMaxMessages);
        put(flags, OutboxSettings.SMTP_HOST, outboxSmtpHost);
        put(flags, OutboxSettings.SMTP_PORT, outboxSmtpPort);
        put(flags, OutboxSettings.SMTP_USERNAME, outboxSmtpUsername);
        put(flags, OutboxSettings.SMTP_STARTTLS, outboxSmtpStarttls);
        put(flags, OutboxSettings.SMTP_TIMEOUT_SECONDS, outboxSmtpTimeoutSeconds);
        put(flags, OutboxSettings.RELAY_MAX_ATTEMPTS, outboxRelayMaxAttempts);
        return Settings.resolve(System.getenv(), flags);
    }

    private static void put(Map<String, String> flags, String name, String value) {
        if (value != null) flags.put(name, value);
    }
}
