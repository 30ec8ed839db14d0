package dev.openprofile.webhooks;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes the deliverers when deliveries are committed, on this node or any other on the same database: a connection
 * LISTENs on {@link DeliveryStore#CHANNEL}, whose NOTIFY PostgreSQL sends at commit (never for a rollback). Waiting
 * also ends after {@code poll}, so due retries, an advanced operator clock and a lost listener are noticed anyway.
 */
final class DeliveryWakeup implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryWakeup.class);
    private final DataSource dataSource;
    private final Duration poll;
    private final Object lock = new Object();
    private volatile boolean running = true;
    private long signals;
    private Thread listener;

    DeliveryWakeup(DataSource dataSource, Duration poll) {
        this.dataSource = dataSource;
        this.poll = poll;
    }

    DeliveryWakeup start() {
        listener = Thread.ofPlatform().daemon().name("webhook-listen").start(this::listen);
        return this;
    }

    /** The number of signals so far: pass it to {@link #await} to wait for a later one. */
    long seen() {
        synchronized (lock) {
            return signals;
        }
    }

    /** Waits until a signal after {@code seen}, or the poll interval passes. */
    void await(long seen) throws InterruptedException {
        synchronized (lock) {
            if (signals == seen && running) lock.wait(poll.toMillis());
        }
    }

    /** Wakes one waiting deliverer: it claims a whole batch, and wakes another when the batch was full. */
    void signal() {
        synchronized (lock) {
            signals++;
            lock.notify();
        }
    }

    private void listen() {
        boolean warned = false;
        while (running) {
            try (Connection c = dataSource.getConnection()) {
                try (Statement s = c.createStatement()) {
                    s.execute("listen " + DeliveryStore.CHANNEL);
                }
                warned = false;
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] got = pg.getNotifications((int) poll.toMillis());
                    if (got != null && got.length > 0) signal();
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) return;
                if (!warned) LOG.warn("webhook delivery listener lost its connection; polling until it is back: {}", e.getMessage());
                warned = true;
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        running = false;
        synchronized (lock) {
            signals++;
            lock.notifyAll();
        }
        if (listener != null) {
            listener.interrupt();
            try {
                listener.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
