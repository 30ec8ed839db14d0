package dev.openprofile.reporting;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The statistics of form reports, from one form's (or version's) tallies. submit_rate is submissions over views, as
 * Klaviyo's "Monitor form performance" guide defines it ("the rate of form submissions over form views").
 */
enum FormStatistic {
    CLOSED_FORM(t -> t.get(FormKind.CLOSED).count()),
    CLOSED_FORM_UNIQUES(t -> t.get(FormKind.CLOSED).uniques()),
    QUALIFIED_FORM(t -> t.get(FormKind.QUALIFIED).count()),
    QUALIFIED_FORM_UNIQUES(t -> t.get(FormKind.QUALIFIED).uniques()),
    SUBMIT_RATE(t -> MessageStatistic.rate(t.get(FormKind.SUBMITTED).count(), t.get(FormKind.VIEWED).count())),
    SUBMITS(t -> t.get(FormKind.SUBMITTED).count()),
    SUBMITTED_FORM_STEP(t -> t.get(FormKind.SUBMITTED_STEP).count()),
    SUBMITTED_FORM_STEP_UNIQUES(t -> t.get(FormKind.SUBMITTED_STEP).uniques()),
    VIEWED_FORM(t -> t.get(FormKind.VIEWED).count()),
    VIEWED_FORM_STEP(t -> t.get(FormKind.VIEWED_STEP).count()),
    VIEWED_FORM_STEP_UNIQUES(t -> t.get(FormKind.VIEWED_STEP).uniques()),
    VIEWED_FORM_UNIQUES(t -> t.get(FormKind.VIEWED).uniques());

    static final List<String> WIRE = Arrays.stream(values()).map(s -> s.name().toLowerCase(Locale.ROOT)).toList();

    private final Function<Map<FormKind, Tally>, Number> compute;

    FormStatistic(Function<Map<FormKind, Tally>, Number> compute) {
        this.compute = compute;
    }

    static FormStatistic of(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }

    Number of(Map<FormKind, Tally> tallies) {
        return compute.apply(tallies);
    }
}
