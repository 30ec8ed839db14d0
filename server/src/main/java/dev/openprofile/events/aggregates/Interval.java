package dev.openprofile.events.aggregates;

import java.time.DayOfWeek;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Optional;

/**
 * The width of a bucket, in the query's time zone: a day starts at local midnight (23 or 25 hours
 * long across a DST change), a week on Monday (ISO), a month on the 1st. An hour is 60 minutes of
 * the local clock, and the repeated hour of a fall-back change is two buckets, not one of two hours.
 */
enum Interval {
    HOUR("hour") {
        @Override
        ZonedDateTime floor(ZonedDateTime t) {
            return t.truncatedTo(ChronoUnit.HOURS);
        }

        /** The local clock hour after; only where DST moves by half an hour (Lord Howe) is a bucket not 60 minutes. */
        @Override
        ZonedDateTime next(ZonedDateTime start) {
            ZonedDateTime next = floor(start.plusHours(1));
            return next.isAfter(start) ? next : start.plusHours(1);
        }
    },
    DAY("day") {
        @Override
        ZonedDateTime floor(ZonedDateTime t) {
            return t.toLocalDate().atStartOfDay(t.getZone());
        }

        @Override
        ZonedDateTime next(ZonedDateTime start) {
            return start.toLocalDate().plusDays(1).atStartOfDay(start.getZone());
        }
    },
    WEEK("week") {
        @Override
        ZonedDateTime floor(ZonedDateTime t) {
            return t.toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).atStartOfDay(t.getZone());
        }

        @Override
        ZonedDateTime next(ZonedDateTime start) {
            return start.toLocalDate().plusWeeks(1).atStartOfDay(start.getZone());
        }
    },
    MONTH("month") {
        @Override
        ZonedDateTime floor(ZonedDateTime t) {
            return t.toLocalDate().withDayOfMonth(1).atStartOfDay(t.getZone());
        }

        @Override
        ZonedDateTime next(ZonedDateTime start) {
            return start.toLocalDate().plusMonths(1).atStartOfDay(start.getZone());
        }
    };

    private final String wire;

    Interval(String wire) {
        this.wire = wire;
    }

    /** The start of the bucket that holds {@code t}. */
    abstract ZonedDateTime floor(ZonedDateTime t);

    /** The start of the bucket after the one starting at {@code start}. */
    abstract ZonedDateTime next(ZonedDateTime start);

    String wire() {
        return wire;
    }

    static Optional<Interval> fromWire(String wire) {
        for (Interval i : values()) {
            if (i.wire.equals(wire)) return Optional.of(i);
        }
        return Optional.empty();
    }
}
