package dev.openprofile.segments;

import dev.openprofile.store.Jdbc;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Keeps stored membership equal to what the definitions select, before anyone reads it. The writes
 * themselves record which profiles changed (segment_pending, filled by triggers in their transactions);
 * {@link #catchUp} re-evaluates those profiles against the account's active segments, and re-evaluates in
 * full the segments whose definitions move with time once their last full evaluation is a minute old.
 * So a membership read reflects every write committed before it began (docs/compatibility.md).
 */
final class SegmentMaintenance {
    /** How stale a time-relative segment ("in the last 30 days") may get before a read re-evaluates it. */
    static final Duration TIME_GRANULARITY = Duration.ofMinutes(1);
    /** Beyond this many changed profiles, evaluating each segment in full is cheaper than by id. */
    private static final int FULL_REFRESH_ABOVE = 10_000;

    private final Jdbc jdbc;
    private final SegmentStore store;
    private final SegmentDefinitions definitions;
    private final Clock clock;

    SegmentMaintenance(Jdbc jdbc, SegmentStore store, SegmentDefinitions definitions, Clock clock) {
        this.jdbc = jdbc;
        this.store = store;
        this.definitions = definitions;
        this.clock = clock;
    }

    /** {@link #catchUp} for every account with an active segment or recorded changes. */
    void catchUpAll() {
        for (String accountId : jdbc.read(store::accountsToMaintain)) catchUp(accountId);
    }

    /** Brings the account's segments up to date; a concurrent call waits for this one and finds little left. */
    void catchUp(String accountId) {
        jdbc.inTransaction(c -> {
            store.lockMaintenance(c, accountId);
            List<String> changed = store.takePending(c, accountId);
            OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);
            for (SegmentStore.Active segment : store.active(c, accountId)) {
                SegmentDefinitions.Parsed definition =
                        definitions.stored(accountId, segment.id(), segment.definition(), segment.updated());
                // A refresh "in the future" is one the operator's clock has since been moved back from (DELETE /admin/clock).
                boolean timeIsUp = definition.definition().changesWithTime() && (segment.refreshedAt() == null
                        || !segment.refreshedAt().plus(TIME_GRANULARITY).isAfter(now) || segment.refreshedAt().isAfter(now));
                if (timeIsUp || changed.size() > FULL_REFRESH_ABOVE) {
                    definitions.refresh(c, accountId, segment.id(), definition, now);
                    store.markRefreshed(c, accountId, segment.id(), now);
                } else if (!changed.isEmpty()) {
                    definitions.refreshProfiles(c, accountId, segment.id(), definition, changed, now);
                }
            }
            return null;
        });
    }
}
