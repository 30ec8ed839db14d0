package dev.openprofile.store;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restarts the embedded PostgreSQL when it dies (killed, out of memory), with a growing pause between
 * failed attempts. Meanwhile requests fail fast with a 503 and job workers wait; when it is back the pool
 * reconnects and serving resumes without restarting OpenProfile.
 */
final class PostgresSupervisor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PostgresSupervisor.class);
    private static final Duration CHECK_EVERY = Duration.ofMillis(500);
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final EmbeddedCluster cluster;
    private final Background loop;
    private Duration backoff = FIRST_BACKOFF;

    private PostgresSupervisor(EmbeddedCluster cluster) {
        this.cluster = cluster;
        this.loop = Background.start("postgres-supervisor", this::check);
    }

    static PostgresSupervisor start(EmbeddedCluster cluster) {
        return new PostgresSupervisor(cluster);
    }

    /** One look at the postmaster; returns the pause before the next (longer after a failed restart). */
    private Duration check() {
        if (cluster.alive()) return CHECK_EVERY;
        log.error("the embedded PostgreSQL has stopped; restarting it (requests answer 503 meanwhile)");
        try {
            cluster.restartIfDead();
            log.info("the embedded PostgreSQL is running again");
            backoff = FIRST_BACKOFF;
            return CHECK_EVERY;
        } catch (RuntimeException e) {
            if (loop != null && !loop.running()) return CHECK_EVERY;
            log.warn("could not restart the embedded PostgreSQL ({}); next attempt in {} s", rootMessage(e), backoff.toSeconds());
            Duration pause = backoff;
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            return pause;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) t = t.getCause();
        return t.getMessage();
    }

    @Override
    public void close() {
        loop.close();
    }
}
