package dev.openprofile.operator;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The clock every component reads "now" from: the real (given) clock, or the operator's setting —
 * frozen at an instant, or moved by an offset. The setting is shared by all nodes through
 * {@code operator_clock}; {@link ClockControl} keeps this node's copy current.
 */
public final class OperatorClock extends Clock {
    /** @param frozenAt the instant the clock stands at, null when it runs; offsetMillis moves a running clock */
    record Setting(Instant frozenAt, long offsetMillis) {
        static final Setting REAL = new Setting(null, 0);
    }

    private final Clock base;
    private volatile Setting setting = Setting.REAL;

    public OperatorClock(Clock base) {
        this.base = base;
    }

    /** The clock underneath, unmoved by the operator: for what measures the servers themselves (job leases). */
    public Clock base() {
        return base;
    }

    void apply(Setting next) {
        setting = next;
    }

    boolean frozen() {
        return setting.frozenAt() != null;
    }

    @Override
    public Instant instant() {
        Setting s = setting;
        if (s.frozenAt() != null) return s.frozenAt();
        Instant now = base.instant();
        return s.offsetMillis() == 0 ? now : now.plusMillis(s.offsetMillis());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** The operator's clock is one clock; a zone changes only how it is read, which nothing here does. */
    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the operator's clock is UTC");
    }
}
