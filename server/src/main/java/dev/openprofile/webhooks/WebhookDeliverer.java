package dev.openprofile.webhooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.config.WebhookSettings;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.jsonapi.Rfc3339;
import dev.openprofile.store.Jdbc;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background sender: workers claim due deliveries from the outbox, POST each to its webhook's endpoint as
 * Klaviyo does (body, headers, signature), and record the attempt; a failure is retried with backoff on the
 * server's clock until the attempts are used up. A webhook disabled or deleted since gets nothing. Never runs on a
 * request's thread.
 */
final class WebhookDeliverer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookDeliverer.class);
    /** The revision the body's meta names: the API revision OpenProfile speaks. */
    static final String VERSION = "2026-07-15";
    private static final int BATCH = 20;

    private final Jdbc jdbc;
    private final DeliveryStore deliveries;
    private final Clock clock;
    private final WebhookSettings settings;
    private final Function<String, Optional<String>> publicKeys;
    private final DeliveryWakeup wakeup;
    private final HttpClient http;
    private final List<Thread> workers = new ArrayList<>();
    /** Public keys by account id, read again after a minute (one changes only when a node starts with another). */
    private final java.util.concurrent.ConcurrentHashMap<String, PublicKey> publicKeyCache = new java.util.concurrent.ConcurrentHashMap<>();

    private record PublicKey(String value, long readAtNanos) {}
    private volatile boolean running = true;

    /** @param publicKeys an account's public key, which Klaviyo's body calls the account id */
    WebhookDeliverer(Jdbc jdbc, DeliveryStore deliveries, Clock clock, WebhookSettings settings,
                     Function<String, Optional<String>> publicKeys, DeliveryWakeup wakeup) {
        this.jdbc = jdbc;
        this.deliveries = deliveries;
        this.clock = clock;
        this.settings = settings;
        this.publicKeys = publicKeys;
        this.wakeup = wakeup;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    WebhookDeliverer start(int count) {
        for (int i = 0; i < count; i++) workers.add(Thread.ofVirtual().name("webhook-deliverer-" + i).start(this::work));
        return this;
    }

    private void work() {
        while (running) {
            try {
                long seen = wakeup.seen();
                OffsetDateTime now = now();
                OffsetDateTime leaseNow = leaseNow();
                OffsetDateTime leaseUntil = leaseNow.plus(settings.lease());
                List<DeliveryStore.Claimed> batch = jdbc.inTransaction(c -> {
                    DeliveryStore.relaxCommit(c);
                    return deliveries.claim(c, now, leaseNow, leaseUntil, BATCH);
                });
                if (batch.isEmpty()) {
                    wakeup.await(seen);
                    continue;
                }
                if (batch.size() == BATCH) wakeup.signal(); // more may be due: another deliverer helps
                deliverAll(batch, leaseUntil);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) return;
                LOG.warn("webhook deliverer: {}", e.toString());
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    /**
     * Sends a claimed batch in order. Each send may take up to the timeout, so a slow receiver could outlast the
     * batch's lease: once half of it is used, the rest of the batch is renewed, and what another deliverer took over
     * in the meantime is left to it.
     */
    private void deliverAll(List<DeliveryStore.Claimed> batch, OffsetDateTime leaseUntil) {
        OffsetDateTime held = leaseUntil;
        java.util.Set<String> kept = null;
        for (int i = 0; i < batch.size(); i++) {
            if (!running) return;
            DeliveryStore.Claimed next = batch.get(i);
            if (leaseNow().isAfter(held.minus(settings.lease().dividedBy(2)))) {
                OffsetDateTime from = held;
                OffsetDateTime until = leaseNow().plus(settings.lease());
                List<Delivery> rest = batch.subList(i, batch.size()).stream().map(DeliveryStore.Claimed::delivery).toList();
                kept = jdbc.inTransaction(c -> deliveries.renew(c, rest, from, until));
                held = until;
            }
            if (kept == null || kept.contains(next.delivery().id())) deliver(next);
        }
    }

    private void deliver(DeliveryStore.Claimed claimed) {
        Delivery d = claimed.delivery();
        if (claimed.enabled() == null || !claimed.enabled()) {
            OffsetDateTime now = now();
            jdbc.inTransaction(c -> {
                deliveries.cancelPending(c, d.accountId(), d.webhookId(), now,
                        claimed.enabled() == null ? "webhook deleted" : "webhook disabled");
                return null;
            });
            return;
        }
        Instant sentAt = clock.instant();
        byte[] body = body(d, sentAt);
        String timestamp = WebhookSignature.timestamp(sentAt);
        int number = d.attempts() + 1;
        long start = System.nanoTime();
        Integer status = null;
        String error = null;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(claimed.endpointUrl())).timeout(settings.timeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "OpenProfile-Webhooks")
                    .header("Klaviyo-Webhook-Id", d.webhookId())
                    .header("Klaviyo-Timestamp", timestamp)
                    .header("Klaviyo-Signature", WebhookSignature.sign(body, timestamp, claimed.secretKey()))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (InterruptedException e) {
            // The server is stopping: nothing is recorded, and the lease brings the delivery back after a restart.
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        Attempt attempt = new Attempt(number, sentAt.atOffset(ZoneOffset.UTC), status, error, ms);
        OffsetDateTime retryAt = attempt.succeeded() || number >= settings.maxAttempts() ? null
                : now().plus(settings.retryAfter(number));
        jdbc.inTransaction(c -> {
            DeliveryStore.relaxCommit(c);
            deliveries.recordAttempt(c, d, attempt, retryAt);
            return null;
        });
    }

    /** The documented body: data[] (topic, external id, payload) and meta (webhook, account, send time, version). */
    private byte[] body(Delivery d, Instant sentAt) {
        ObjectNode doc = Json.MAPPER.createObjectNode();
        ObjectNode event = doc.putArray("data").addObject();
        event.put("topic", d.topic()).put("external_id", d.externalId());
        event.set("payload", d.payload());
        ObjectNode meta = doc.putObject("meta");
        meta.put("klaviyo_webhook_id", d.webhookId());
        meta.put("klaviyo_account_id", publicKey(d.accountId()));
        meta.put("timestamp", Rfc3339.format(sentAt.atOffset(ZoneOffset.UTC)));
        meta.put("version", VERSION);
        return Json.bytes(doc);
    }

    private String publicKey(String accountId) {
        PublicKey cached = publicKeyCache.get(accountId);
        if (cached == null || System.nanoTime() - cached.readAtNanos() > 60_000_000_000L) {
            cached = new PublicKey(publicKeys.apply(accountId).orElse(accountId), System.nanoTime());
            publicKeyCache.put(accountId, cached);
        }
        return cached.value();
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    /** Real time, unmoved by the operator's clock: what leases are measured by. */
    private static OffsetDateTime leaseNow() {
        return Instant.now().atOffset(ZoneOffset.UTC);
    }

    @Override
    public void close() {
        running = false;
        wakeup.close();
        for (Thread t : workers) t.interrupt();
        for (Thread t : workers) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
