package dev.openprofile.reporting;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A series report's bucket width, in the account's zone (a day starts at local midnight, a week on Monday, a month on
 * the 1st), with the spec's limits on the timeframe: "If hourly is used, the timeframe cannot be longer than 7 days.
 * If daily is used, the timeframe cannot be longer than 60 days." (Its "monthly ... 52 weeks" is not enforced:
 * docs/compatibility.md, "Reporting".)
 */
enum SeriesInterval {
    HOURLY(Optional.of(Duration.ofDays(7))),
    DAILY(Optional.of(Duration.ofDays(60))),
    WEEKLY(Optional.empty()),
    MONTHLY(Optional.empty());

    final Optional<Duration> maxTimeframe;

    SeriesInterval(Optional<Duration> maxTimeframe) {
        this.maxTimeframe = maxTimeframe;
    }

    String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    ZonedDateTime floor(ZonedDateTime t) {
        return switch (this) {
            case HOURLY -> t.truncatedTo(ChronoUnit.HOURS);
            case DAILY -> t.toLocalDate().atStartOfDay(t.getZone());
            case WEEKLY -> t.toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).atStartOfDay(t.getZone());
            case MONTHLY -> t.toLocalDate().withDayOfMonth(1).atStartOfDay(t.getZone());
        };
    }

    ZonedDateTime next(ZonedDateTime start) {
        return switch (this) {
            case HOURLY -> start.plusHours(1);
            case DAILY -> start.toLocalDate().plusDays(1).atStartOfDay(start.getZone());
            case WEEKLY -> start.toLocalDate().plusWeeks(1).atStartOfDay(start.getZone());
            case MONTHLY -> start.toLocalDate().plusMonths(1).atStartOfDay(start.getZone());
        };
    }

    /** Each bucket's start: the first holds the timeframe's start, the last the instant before its end. */
    List<ZonedDateTime> bucketStarts(Timeframe t) {
        List<ZonedDateTime> starts = new ArrayList<>();
        for (ZonedDateTime b = floor(t.zonedStart()); b.toInstant().isBefore(t.end()); b = next(b)) starts.add(b);
        return starts;
    }
}
