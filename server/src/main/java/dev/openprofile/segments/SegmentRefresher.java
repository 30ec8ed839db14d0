package dev.openprofile.segments;

import dev.openprofile.store.Background;
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

    private final Background loop;

    SegmentRefresher(SegmentMaintenance maintenance, Duration every) {
        this.loop = Background.start("segment-refresher", () -> {
            try {
                maintenance.catchUpAll();
            } catch (RuntimeException e) {
                // the next pass tries again (a lost database, for instance: requests say so with a 503)
                log.warn("segment refresh failed: {}", e.getMessage());
            }
            return every;
        });
    }

    @Override
    public void close() {
        loop.close();
    }
}
