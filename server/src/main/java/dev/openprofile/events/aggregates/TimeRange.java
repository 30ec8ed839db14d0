package dev.openprofile.events.aggregates;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The query's time range, [start, end), and how it is cut into buckets. The bucket starts are
 * computed here only: the SQL is given them as thresholds, so Java and PostgreSQL cannot disagree
 * on a DST change.
 */
record TimeRange(Instant start, Instant end, ZoneId zone, Interval interval) {

    TimeRange {
        if (!start.isBefore(end)) throw new IllegalArgumentException("empty range " + start + " .. " + end);
    }

    /** Each bucket's start in the query's zone: the first holds {@code start}, the last holds the instant before {@code end}. */
    List<ZonedDateTime> bucketStarts() {
        List<ZonedDateTime> starts = new ArrayList<>();
        for (ZonedDateTime b = interval.floor(start.atZone(zone)); b.toInstant().isBefore(end); b = interval.next(b)) {
            starts.add(b);
        }
        return starts;
    }
}
