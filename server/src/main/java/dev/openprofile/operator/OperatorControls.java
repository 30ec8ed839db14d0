package dev.openprofile.operator;

import dev.openprofile.auth.AccountStore;
import dev.openprofile.http.AdminEndpoint;
import dev.openprofile.http.OperatorHooks;
import dev.openprofile.http.RequestListener;
import dev.openprofile.http.RequestLog;
import dev.openprofile.jsonapi.OperationCatalog;
import dev.openprofile.store.Background;
import dev.openprofile.store.Jdbc;
import dev.openprofile.telemetry.Telemetry;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's controls, built once by App: the controllable clock every component is given, the
 * faults and the journal on the request path, their admin routes, and the refresh that picks up
 * another node's change to the clock or the faults within a second.
 */
public final class OperatorControls implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OperatorControls.class);
    static final Duration REFRESH = Duration.ofSeconds(1);

    private final ClockControl clock;
    private final Faults faults;
    private final RequestJournal journal;
    private final int journalSize;
    private Background refresher;

    private OperatorControls(ClockControl clock, Faults faults, RequestJournal journal, int journalSize) {
        this.clock = clock;
        this.faults = faults;
        this.journal = journal;
        this.journalSize = journalSize;
    }

    /** Reads the shared clock and faults before anything else reads "now", and starts refreshing them. */
    public static OperatorControls start(Jdbc jdbc, Clock realClock, int journalSize) {
        OperatorControls controls = new OperatorControls(new ClockControl(jdbc, new OperatorClock(realClock)),
                new Faults(jdbc, () -> ThreadLocalRandom.current().nextDouble()), new RequestJournal(journalSize), journalSize);
        controls.clock.refresh();
        controls.faults.refresh();
        controls.refresher = Background.start("operator-controls", () -> {
            try {
                controls.clock.refresh();
                controls.faults.refresh();
            } catch (Jdbc.StoreException e) {
                // The last known setting stays in force; the request path reports the outage itself.
                Background b = controls.refresher;
                if (b == null || b.running()) log.debug("operator controls not refreshed: {}", e.getMessage());
            }
            return REFRESH;
        });
        return controls;
    }

    /** The clock every component reads "now" from. */
    public OperatorClock clock() {
        return clock.clock();
    }

    /** What the HTTP server calls on every request: faults, and the journal, metrics and log line after each answer. */
    public OperatorHooks hooks(Telemetry telemetry, boolean jsonLog) {
        RequestLog requestLog = new RequestLog(jsonLog);
        RequestListener listener = r -> {
            journal.finished(r);
            telemetry.request(r.operationId(), r.method(), r.status(), r.duration());
            requestLog.finished(r);
        };
        return new OperatorHooks(listener, faults, telemetry::scrape, telemetry);
    }

    public List<AdminEndpoint> adminEndpoints(AccountStore accounts, OperationCatalog catalog, Supplier<String> ids) {
        List<AdminEndpoint> out = new ArrayList<>(new JournalAdminRoutes(journal, accounts, journalSize).endpoints());
        out.addAll(new FaultAdminRoutes(faults, accounts, id -> {
            try {
                catalog.get(id);
                return true;
            } catch (IllegalArgumentException e) {
                return false;
            }
        }, clock.clock(), ids).endpoints());
        out.addAll(new ClockAdminRoutes(clock, LocalDate.parse(catalog.revision())).endpoints());
        return out;
    }

    @Override
    public void close() {
        if (refresher != null) refresher.close();
    }
}
