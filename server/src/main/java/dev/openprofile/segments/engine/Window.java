package dev.openprofile.segments.engine;

import java.time.OffsetDateTime;

/**
 * The moments a date filter accepts at {@code now}, as bounds (null: unbounded). Calendar filters
 * (month, anniversary) are not windows and have no bounds here.
 */
public record Window(OffsetDateTime from, boolean fromInclusive, OffsetDateTime to, boolean toInclusive) {

    public static Window of(ValueFilter.DateFilter filter, OffsetDateTime now) {
        return switch (filter) {
            case ValueFilter.Before b -> new Window(null, false, b.date(), false);
            case ValueFilter.After a -> new Window(a.date(), false, null, false);
            case ValueFilter.BetweenDates b -> new Window(b.start(), true, b.end(), true);
            case ValueFilter.Relative r -> switch (r.operator()) {
                case IN_THE_LAST -> new Window(now.minus(r.unit().times(r.quantity())), true, now, true);
                case AT_LEAST_AGO -> new Window(null, false, now.minus(r.unit().times(r.quantity())), true);
                case IN_THE_NEXT -> new Window(now, true, now.plus(r.unit().times(r.quantity())), true);
            };
            case ValueFilter.RelativeRange r ->
                    new Window(now.minus(r.unit().times(r.end())), true, now.minus(r.unit().times(r.start())), true);
            case ValueFilter.AllTime a -> new Window(null, false, null, false);
            case ValueFilter.CalendarMonth m -> new Window(null, false, null, false);
            case ValueFilter.Anniversary a -> new Window(null, false, null, false);
        };
    }

    /** Whether {@code t} (not null) lies within the bounds. */
    public boolean contains(OffsetDateTime t) {
        if (from != null && (fromInclusive ? t.isBefore(from) : !t.isAfter(from))) return false;
        return to == null || (toInclusive ? !t.isAfter(to) : t.isBefore(to));
    }
}
