package dev.openprofile.webhooks;

import dev.openprofile.config.WebhookSettings;
import dev.openprofile.http.AdminAccounts;
import dev.openprofile.http.AdminEndpoint;
import dev.openprofile.http.Endpoint;
import dev.openprofile.jsonapi.Links;
import dev.openprofile.store.Jdbc;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;

/** The webhooks feature as App wires it: its endpoints, the outbox other features emit into, and the deliverer. */
public final class Webhooks implements AutoCloseable {
    /** Workers posting deliveries: each claims a batch and posts it in order. */
    private static final int DELIVERERS = 4;
    /** The longest a committed delivery waits when its NOTIFY is lost, and how often due retries are looked for. */
    private static final Duration POLL = Duration.ofMillis(500);

    private final WebhookOutbox outbox;
    private final List<Endpoint> endpoints;
    private final List<AdminEndpoint> adminEndpoints;
    private final WebhookDeliverer deliverer;

    private Webhooks(WebhookOutbox outbox, List<Endpoint> endpoints, List<AdminEndpoint> adminEndpoints, WebhookDeliverer deliverer) {
        this.outbox = outbox;
        this.endpoints = endpoints;
        this.adminEndpoints = adminEndpoints;
        this.deliverer = deliverer;
    }

    /**
     * @param listenDataSource where the deliverers' wake-up LISTENs (one connection held)
     * @param publicKeys       an account id's public key (the account id Klaviyo's bodies show)
     */
    public static Webhooks start(Jdbc jdbc, DataSource listenDataSource, Clock clock, Supplier<String> ids, Links links,
                                 WebhookSettings settings, Function<String, Optional<String>> publicKeys, AdminAccounts accounts) {
        DeliveryStore deliveries = new DeliveryStore();
        WebhookService service = new WebhookService(jdbc, deliveries, clock, ids);
        WebhookDeliverer deliverer = new WebhookDeliverer(jdbc, deliveries, clock, settings, publicKeys,
                new DeliveryWakeup(listenDataSource, POLL).start()).start(DELIVERERS);
        return new Webhooks(new WebhookOutbox(deliveries, ids),
                new WebhookRoutes(service, new WebhookInput(settings.requireHttps()), links).endpoints(),
                new WebhookAdminRoutes(jdbc, deliveries, accounts).endpoints(), deliverer);
    }

    public WebhookOutbox outbox() {
        return outbox;
    }

    public List<Endpoint> endpoints() {
        return endpoints;
    }

    public List<AdminEndpoint> adminEndpoints() {
        return adminEndpoints;
    }

    @Override
    public void close() {
        deliverer.close();
    }
}
