package dev.openprofile.objectrecords;

import dev.openprofile.store.Background;
import dev.openprofile.store.Jdbc;
import dev.openprofile.store.Statements;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes ingestion log entries older than 14 days (on the operator's clock: moving it ages them; reads already hide
 * them) and the finished ingestion jobs once their retention ends (nothing reads them: the operations answer 204),
 * a batch per transaction, every minute.
 */
final class ObjectRecordRetention implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ObjectRecordRetention.class);
    static final Duration EVERY = Duration.ofMinutes(1);
    private static final int BATCH = 5000;

    private final Jdbc jdbc;
    private final Clock clock;
    private final Background loop;

    ObjectRecordRetention(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.loop = Background.start("object-record-retention", () -> {
            try {
                sweep();
            } catch (RuntimeException e) {
                LOG.warn("object record retention: {}", e.toString());
            }
            return EVERY;
        });
    }

    void sweep() {
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        OffsetDateTime cutoff = now.minus(ObjectRecordService.LOG_RETENTION);
        while (jdbc.inTransaction(c -> Statements.update(c, """
                delete from object_ingestion_log where (account_id, object_type_id, id) in (
                  select account_id, object_type_id, id from object_ingestion_log where logged_at < ? limit ?)""",
                cutoff, BATCH)) == BATCH) {
            // the next batch
        }
        jdbc.inTransaction(c -> Statements.update(c, """
                delete from job where kind = any(?) and status in ('complete', 'cancelled') and expires_at < ?""",
                List.of(IngestionJobs.BULK, IngestionJobs.BACKFILL), now));
    }

    @Override
    public void close() {
        loop.close();
    }
}
