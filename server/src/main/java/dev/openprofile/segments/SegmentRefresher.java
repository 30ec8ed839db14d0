package dev.openprofile.segments;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings every account's segments up to date once a minute, whether or not anyone reads them: the
 * profiles writes recorded, and definitions relative to now ("in the last 30 days") as time passes. Reads
 * do the same first (SegmentMaintenance), so this only keeps stored membership fresh between reads.
 */
public final class SegmentRefresher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SegmentRefresher.class);

    private final SegmentMaintenance maintenance;
    private final Duration every;
    private final Thread thread;
    private volatile boolean running = true;

    SegmentRefresher(SegmentMaintenance maintenance, Duration every) {
        this.maintenance = maintenance;
        this.every = every;
        this.thread = Thread.ofPlatform().name("segment-refresher").daemon().unstarted(this::loop);
    }

    SegmentRefresher start() {
        thread.start();
        return this;
    }

    private void loop() {
        while (running) {
            try {
                Thread.sleep(every);
                maintenance.catchUpAll();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // the next pass tries again (a lost database, for instance: requests say so with a 503)
                if (running) log.warn("segment refresh failed: {}", e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
