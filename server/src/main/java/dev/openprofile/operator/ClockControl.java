package dev.openprofile.operator;

import dev.openprofile.store.Jdbc;
import java.time.Instant;

/** Changes the shared clock setting and keeps this node's {@link OperatorClock} in step with it. */
final class ClockControl {
    private final Jdbc jdbc;
    private final ClockStore store = new ClockStore();
    private final OperatorClock clock;

    ClockControl(Jdbc jdbc, OperatorClock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    OperatorClock clock() {
        return clock;
    }

    /** Reads the setting another node may have changed. */
    void refresh() {
        clock.apply(jdbc.read(store::read));
    }

    void freeze(Instant at) {
        clock.apply(jdbc.inTransaction(c -> {
            store.freeze(c, at);
            return store.read(c);
        }));
    }

    void advance(long seconds) {
        clock.apply(jdbc.inTransaction(c -> {
            store.advance(c, seconds);
            return store.read(c);
        }));
    }

    void real() {
        clock.apply(jdbc.inTransaction(c -> {
            store.real(c);
            return store.read(c);
        }));
    }
}
