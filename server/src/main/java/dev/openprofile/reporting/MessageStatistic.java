package dev.openprofile.reporting;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The statistics of campaign and flow reports, each computed from one message's tallies (docs/compatibility.md,
 * "Reporting", gives the definitions). Engagement rates are over the delivered messages, delivery rates over the
 * recipients; a rate whose denominator is 0 is 0. The text message costs have no source here: they are 0.
 */
enum MessageStatistic {
    AVERAGE_ORDER_VALUE(t -> ratio(conversionValue(t), t.get(MessageKind.CONVERTED).count())),
    BOUNCE_RATE(t -> rate(t.get(MessageKind.BOUNCED).count(), recipients(t))),
    BOUNCED(t -> t.get(MessageKind.BOUNCED).count()),
    BOUNCED_OR_FAILED(MessageStatistic::bouncedOrFailed),
    BOUNCED_OR_FAILED_RATE(t -> rate(bouncedOrFailed(t), recipients(t))),
    CLICK_RATE(t -> rate(t.get(MessageKind.CLICKED).uniques(), delivered(t))),
    CLICK_TO_OPEN_RATE(t -> rate(t.get(MessageKind.CLICKED).uniques(), t.get(MessageKind.OPENED).uniques())),
    CLICKS(t -> t.get(MessageKind.CLICKED).count()),
    CLICKS_UNIQUE(t -> t.get(MessageKind.CLICKED).uniques()),
    CONVERSION_RATE(t -> rate(t.get(MessageKind.CONVERTED).uniques(), delivered(t))),
    CONVERSION_UNIQUES(t -> t.get(MessageKind.CONVERTED).uniques()),
    CONVERSION_VALUE(MessageStatistic::conversionValue),
    CONVERSIONS(t -> t.get(MessageKind.CONVERTED).count()),
    DELIVERED(MessageStatistic::delivered),
    DELIVERY_RATE(t -> rate(delivered(t), recipients(t))),
    FAILED(t -> t.get(MessageKind.FAILED).count()),
    FAILED_RATE(t -> rate(t.get(MessageKind.FAILED).count(), recipients(t))),
    MESSAGE_SEGMENT_COUNT_SUM(t -> 0L),
    OPEN_RATE(t -> rate(t.get(MessageKind.OPENED).uniques(), delivered(t))),
    OPENS(t -> t.get(MessageKind.OPENED).count()),
    OPENS_UNIQUE(t -> t.get(MessageKind.OPENED).uniques()),
    RECIPIENTS(MessageStatistic::recipients),
    REVENUE_PER_RECIPIENT(t -> ratio(conversionValue(t), recipients(t))),
    SPAM_COMPLAINT_RATE(t -> rate(t.get(MessageKind.SPAM).count(), delivered(t))),
    SPAM_COMPLAINTS(t -> t.get(MessageKind.SPAM).count()),
    TEXT_MESSAGE_CREDIT_USAGE_AMOUNT(t -> 0L),
    TEXT_MESSAGE_ROI(t -> 0L),
    TEXT_MESSAGE_SPEND(t -> 0L),
    UNSUBSCRIBE_RATE(t -> rate(t.get(MessageKind.UNSUBSCRIBED).uniques(), delivered(t))),
    UNSUBSCRIBE_UNIQUES(t -> t.get(MessageKind.UNSUBSCRIBED).uniques()),
    UNSUBSCRIBES(t -> t.get(MessageKind.UNSUBSCRIBED).count());

    static final List<String> WIRE = Arrays.stream(values()).map(MessageStatistic::wire).toList();

    private final Function<Map<MessageKind, Tally>, Number> compute;

    MessageStatistic(Function<Map<MessageKind, Tally>, Number> compute) {
        this.compute = compute;
    }

    String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static MessageStatistic of(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }

    /** @param tallies every kind present (absent kinds as {@link Tally#NONE}) */
    Number of(Map<MessageKind, Tally> tallies) {
        return compute.apply(tallies);
    }

    private static long recipients(Map<MessageKind, Tally> t) {
        return t.get(MessageKind.RECEIVED).count();
    }

    private static long bouncedOrFailed(Map<MessageKind, Tally> t) {
        return t.get(MessageKind.BOUNCED).count() + t.get(MessageKind.FAILED).count();
    }

    /** Recipients less bounces and failures (never below 0: a bounce may be recorded without its receipt). */
    private static long delivered(Map<MessageKind, Tally> t) {
        return Math.max(0, recipients(t) - bouncedOrFailed(t));
    }

    private static BigDecimal conversionValue(Map<MessageKind, Tally> t) {
        return t.get(MessageKind.CONVERTED).value();
    }

    static double rate(long part, long whole) {
        return whole == 0 ? 0.0 : (double) part / whole;
    }

    /** An amount per unit (average order value, revenue per recipient), as a number like the rates. */
    static double ratio(BigDecimal amount, long count) {
        return count == 0 ? 0.0 : amount.divide(BigDecimal.valueOf(count), MathContext.DECIMAL64).doubleValue();
    }
}
