package dev.openprofile.reporting;

import java.math.BigDecimal;

/** Events of one kind for one message (in one bucket): how many, from how many profiles, and their values' sum. */
record Tally(long count, long uniques, BigDecimal value) {
    static final Tally NONE = new Tally(0, 0, BigDecimal.ZERO);
}
