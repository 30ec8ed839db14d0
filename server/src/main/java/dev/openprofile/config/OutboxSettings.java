package dev.openprofile.config;

import java.time.Duration;
import java.util.Optional;

/**
 * The outbox of emulated messages (docs/compatibility.md, "Outbox (emulated sending)"): how long it keeps them and
 * how many per account, and the SMTP server emails are relayed to, if any (a local mail catcher such as Mailpit).
 *
 * @param retention   messages older than this (by their send time, on the server's clock) are deleted
 * @param maxMessages an account keeps at most this many, its newest
 * @param relay       empty: nothing is relayed (the default)
 */
public record OutboxSettings(Duration retention, int maxMessages, Optional<SmtpRelay> relay) {
    public static final String RETENTION_HOURS = "OPENPROFILE_OUTBOX_RETENTION_HOURS";
    public static final String MAX_MESSAGES = "OPENPROFILE_OUTBOX_MAX_MESSAGES";
    public static final String SMTP_HOST = "OPENPROFILE_OUTBOX_SMTP_HOST";
    public static final String SMTP_PORT = "OPENPROFILE_OUTBOX_SMTP_PORT";
    public static final String SMTP_USERNAME = "OPENPROFILE_OUTBOX_SMTP_USERNAME";
    public static final String SMTP_PASSWORD = "OPENPROFILE_OUTBOX_SMTP_PASSWORD";
    public static final String SMTP_STARTTLS = "OPENPROFILE_OUTBOX_SMTP_STARTTLS";
    public static final String SMTP_TIMEOUT_SECONDS = "OPENPROFILE_OUTBOX_SMTP_TIMEOUT_SECONDS";
    public static final String RELAY_MAX_ATTEMPTS = "OPENPROFILE_OUTBOX_RELAY_MAX_ATTEMPTS";
    /** The first retry of a refused relay; the wait doubles each time up to {@link #MAX_RETRY}. */
    public static final Duration FIRST_RETRY = Duration.ofSeconds(10);
    public static final Duration MAX_RETRY = Duration.ofHours(1);

    /** STARTTLS: never, when the server offers it, or required (a server without it is a failed attempt). */
    public enum StartTls { OFF, WHEN_OFFERED, REQUIRED }

    /**
     * Where emails are relayed: the default port 1025 is the one local mail catchers (Mailpit, MailHog) listen on.
     *
     * @param username empty: no authentication (with a username, a password is required too)
     */
    public record SmtpRelay(String host, int port, Optional<String> username, Optional<String> password, StartTls startTls,
                            Duration timeout, int maxAttempts) {
        @Override
        public String toString() { // never the password, should a relay ever be logged
            return "SmtpRelay[" + host + ":" + port + ", user " + username.orElse("-") + ", starttls " + startTls + "]";
        }

        /** How long a relayer holds a claimed email: one SMTP exchange (connect, then each command's timeout) and a margin. */
        public Duration lease() {
            return timeout.multipliedBy(2).plusSeconds(5);
        }

        /** The wait before attempt {@code attempt + 1}, after {@code attempt} (from 1) failed. */
        public Duration retryAfter(int attempt) {
            Duration d = FIRST_RETRY;
            for (int i = 1; i < attempt && d.compareTo(MAX_RETRY) < 0; i++) d = d.multipliedBy(2);
            return d.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : d;
        }
    }

    public static OutboxSettings defaults() {
        return new OutboxSettings(Duration.ofHours(168), 100_000, Optional.empty());
    }

    record Given(Optional<String> retentionHours, Optional<String> maxMessages, Optional<String> host, Optional<String> port,
                 Optional<String> username, Optional<String> password, Optional<String> startTls, Optional<String> timeoutSeconds,
                 Optional<String> maxAttempts) {}

    static OutboxSettings resolve(Given g) {
        Duration retention = Duration.ofHours(Settings.parseRange(RETENTION_HOURS, g.retentionHours().orElse("168"), 1, 87_600));
        int max = Settings.parseRange(MAX_MESSAGES, g.maxMessages().orElse("100000"), 1, 10_000_000);
        if (g.host().isEmpty()) {
            for (var unused : new Optional<?>[] {g.port(), g.username(), g.password(), g.startTls(), g.timeoutSeconds(), g.maxAttempts()}) {
                if (unused.isPresent()) {
                    throw new Settings.SettingsException("the OPENPROFILE_OUTBOX_SMTP_* and " + RELAY_MAX_ATTEMPTS
                            + " settings need " + SMTP_HOST + " (the SMTP server to relay emails to)");
                }
            }
            return new OutboxSettings(retention, max, Optional.empty());
        }
        if (g.username().isPresent() != g.password().isPresent()) {
            throw new Settings.SettingsException(SMTP_USERNAME + " and " + SMTP_PASSWORD + " go together: set both or neither");
        }
        StartTls startTls = switch (g.startTls().orElse("off")) {
            case "off" -> StartTls.OFF;
            case "when-offered" -> StartTls.WHEN_OFFERED;
            case "required" -> StartTls.REQUIRED;
            default -> throw new Settings.SettingsException(SMTP_STARTTLS + " must be off, when-offered or required, got '"
                    + g.startTls().get() + "'");
        };
        return new OutboxSettings(retention, max, Optional.of(new SmtpRelay(g.host().get(),
                Settings.parseRange(SMTP_PORT, g.port().orElse("1025"), 1, 65535), g.username(), g.password(), startTls,
                Duration.ofSeconds(Settings.parseRange(SMTP_TIMEOUT_SECONDS, g.timeoutSeconds().orElse("10"), 1, 120)),
                Settings.parseRange(RELAY_MAX_ATTEMPTS, g.maxAttempts().orElse("8"), 1, 50))));
    }
}
