package dev.openprofile.segments.engine;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;

/**
 * The moments of the randomized test: a fixed {@link #NOW}, the window lengths and static dates the
 * definitions use, and data times that often sit exactly on (or a microsecond beside) those edges.
 */
final class Moments {
    static final OffsetDateTime NOW = OffsetDateTime.parse("2026-07-15T14:30:00Z");
    /** The quantities of the relative date filters. */
    static final List<Integer> QUANTITIES = List.of(0, 1, 2, 3, 7, 30, 90, 365);
    /** The dates of the static date filters. */
    static final List<OffsetDateTime> STATIC = List.of(NOW.minusDays(30), NOW.minusDays(365), NOW, NOW.plusDays(7),
            OffsetDateTime.parse("2025-01-01T00:00:00Z"), OffsetDateTime.parse("2026-07-01T00:00:00Z"));

    private Moments() {}

    /** A moment before {@link #NOW}, in microseconds as PostgreSQL keeps them. */
    static OffsetDateTime past(Random r) {
        return switch (r.nextInt(5)) {
            case 0 -> edge(r, -1);
            case 1 -> edge(r, -1).plus(r.nextBoolean() ? 1 : -1, ChronoUnit.MICROS);
            case 2 -> RandomDataSets.pick(r, STATIC).plus(r.nextInt(3) - 1, ChronoUnit.MICROS);
            default -> NOW.minus(Duration.ofSeconds((long) (r.nextDouble() * 800 * 86_400), r.nextInt(1_000_000) * 1000L));
        };
    }

    /** Any moment: mostly past, some in the next weeks, some on this day or month of an earlier year. */
    static OffsetDateTime any(Random r) {
        return switch (r.nextInt(6)) {
            case 0 -> r.nextBoolean() ? edge(r, 1) : NOW.plusSeconds((long) (r.nextDouble() * 30 * 86_400));
            case 1 -> NOW.withYear(1980 + r.nextInt(46)).withDayOfMonth(14 + r.nextInt(3))
                    .withHour(r.nextInt(24)).withMinute(r.nextInt(60));
            default -> past(r);
        };
    }

    /** NOW moved by a whole number of hours, days or weeks of the filters, backwards (-1) or forwards (1). */
    private static OffsetDateTime edge(Random r, int direction) {
        ValueFilter.TimeUnit unit = RandomDataSets.pick(r, List.of(ValueFilter.TimeUnit.values()));
        return NOW.plus(unit.times(RandomDataSets.pick(r, QUANTITIES)).multipliedBy(direction));
    }
}
