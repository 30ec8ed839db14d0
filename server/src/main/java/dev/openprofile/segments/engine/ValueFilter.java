package dev.openprofile.segments.engine;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A test on one value (a profile property, an event property, a count): the filter objects of
 * Klaviyo's segment definitions, one record per filter schema of the spec, closed so that the SQL
 * compiler and the reference evaluator must handle every one.
 */
public sealed interface ValueFilter {

    /** StringOperatorStringFilter: equals, contains, starts-with, regex and their negations. */
    record Text(String operator, String value) implements ValueFilter {}

    /** StringArrayOperatorStringArrayFilter: in / not-in. */
    record TextIn(boolean negated, List<String> values) implements ValueFilter {}

    /** NumericOperatorNumericFilter (also the measurement filter of a metric condition). */
    record Numeric(Comparison comparison, BigDecimal value) implements ValueFilter {}

    /** BooleanFilter: equals only. */
    record Bool(boolean value) implements ValueFilter {}

    /** ExistenceOperatorExistenceFilter: is-set / not-set. */
    record Existence(boolean set) implements ValueFilter {}

    /** ListContainsOperatorListContainsFilter: a list property holds (or not) a value. */
    record ListContains(boolean negated, Object value) implements ValueFilter {}

    /** ListLengthFilter. */
    record ListLength(Comparison comparison, long value) implements ValueFilter {}

    /** ListSetFilter (event properties): contains-all, contains-any and their negations. */
    record ListSet(boolean all, boolean negated, List<String> values) implements ValueFilter {}

    /** ListSubstringFilter (event properties): an item of the list contains the text. */
    record ListSubstring(boolean negated, String value) implements ValueFilter {}

    /** The date filters, which also serve as timeframes. */
    sealed interface DateFilter extends ValueFilter {}

    /** StaticDateFilter: before / after a moment. */
    record Before(OffsetDateTime date) implements DateFilter {}

    record After(OffsetDateTime date) implements DateFilter {}

    /** StaticDateRangeFilter: between-static. */
    record BetweenDates(OffsetDateTime start, OffsetDateTime end) implements DateFilter {}

    /** RelativeDateOperatorBaseRelativeDateFilter: in-the-last, at-least (ago), in-the-next. */
    record Relative(RelativeOperator operator, TimeUnit unit, int quantity) implements DateFilter {}

    /** RelativeDateRangeFilter: between {@code start} and {@code end} units ago. */
    record RelativeRange(int start, int end, TimeUnit unit) implements DateFilter {}

    /** AlltimeDateFilter. */
    record AllTime() implements DateFilter {}

    /** CalendarDateFilter: the date falls in a month (1 to 12). */
    record CalendarMonth(int month) implements DateFilter {}

    /** AnniversaryDateFilter: the date's day and month are today's (anniversary) or its month is this month. */
    record Anniversary(boolean monthOnly) implements DateFilter {}

    enum Comparison {
        EQUALS("="), NOT_EQUALS("<>"), GREATER_THAN(">"), GREATER_OR_EQUAL(">="), LESS_THAN("<"), LESS_OR_EQUAL("<=");

        final String sql;

        Comparison(String sql) {
            this.sql = sql;
        }

        boolean holds(int compareResult) {
            return switch (this) {
                case EQUALS -> compareResult == 0;
                case NOT_EQUALS -> compareResult != 0;
                case GREATER_THAN -> compareResult > 0;
                case GREATER_OR_EQUAL -> compareResult >= 0;
                case LESS_THAN -> compareResult < 0;
                case LESS_OR_EQUAL -> compareResult <= 0;
            };
        }
    }

    enum RelativeOperator { IN_THE_LAST, AT_LEAST_AGO, IN_THE_NEXT }

    enum TimeUnit {
        HOUR(java.time.Duration.ofHours(1)), DAY(java.time.Duration.ofDays(1)), WEEK(java.time.Duration.ofDays(7));

        final java.time.Duration length;

        TimeUnit(java.time.Duration length) {
            this.length = length;
        }

        java.time.Duration times(int quantity) {
            return length.multipliedBy(quantity);
        }
    }
}
