package dev.openprofile.outbox;

import dev.openprofile.config.OutboxSettings;
import dev.openprofile.http.AdminAccounts;
import dev.openprofile.http.AdminEndpoint;
import dev.openprofile.profiles.ProfileData;
import dev.openprofile.store.Jdbc;
import java.time.Clock;
import java.util.List;

/**
 * The outbox feature as App wires it: the {@link Outbox} a send job records into, the operator's endpoints, the
 * retention sweeper, and, when an SMTP server is configured, the relayer.
 */
public final class Outboxes implements AutoCloseable {
    private final Outbox outbox;
    private final List<AdminEndpoint> adminEndpoints;
    private final OutboxRetention retention;
    private final OutboxRelayer relayer;

    private Outboxes(Outbox outbox, List<AdminEndpoint> adminEndpoints, OutboxRetention retention, OutboxRelayer relayer) {
        this.outbox = outbox;
        this.adminEndpoints = adminEndpoints;
        this.retention = retention;
        this.relayer = relayer;
    }

    public static Outboxes start(Jdbc jdbc, Clock clock, OutboxSettings settings, AdminAccounts accounts) {
        OutboxRelayer relayer = settings.relay().map(r -> new OutboxRelayer(jdbc, new RelayStore(), clock, r)).orElse(null);
        return new Outboxes(new Outbox(relayer != null), new OutboxAdminRoutes(jdbc, new OutboxStore(), accounts).endpoints(),
                new OutboxRetention(jdbc, clock, settings), relayer);
    }

    /** Where a send job records what it sent, in its own transaction. */
    public Outbox outbox() {
        return outbox;
    }

    public List<AdminEndpoint> adminEndpoints() {
        return adminEndpoints;
    }

    /** What a profile merge and a data-privacy deletion do to the outbox. */
    public ProfileData profileData() {
        return new OutboxProfileData();
    }

    @Override
    public void close() {
        if (relayer != null) relayer.close();
        retention.close();
    }
}
