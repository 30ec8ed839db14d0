package dev.openprofile.reporting;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The statistics of segment reports, from the membership history (V40) of one segment. */
enum SegmentStatistic {
    MEMBERS_ADDED,
    MEMBERS_REMOVED,
    NET_MEMBERS_CHANGED,
    TOTAL_MEMBERS;

    static final List<String> WIRE = Arrays.stream(values()).map(s -> s.name().toLowerCase(Locale.ROOT)).toList();

    static SegmentStatistic of(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }

    /** @param total the members at the end of the period */
    long of(long added, long removed, long total) {
        return switch (this) {
            case MEMBERS_ADDED -> added;
            case MEMBERS_REMOVED -> removed;
            case NET_MEMBERS_CHANGED -> added - removed;
            case TOTAL_MEMBERS -> total;
        };
    }
}
