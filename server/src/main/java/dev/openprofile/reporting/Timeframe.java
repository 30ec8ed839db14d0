package dev.openprofile.reporting;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Datetime;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Set;

/**
 * A report's period, [start, end), in the account's time zone. The spec: a custom start and end's "offset is ignored
 * and the company timezone is used"; the named keys are read the same way, on the server's (operator's) clock. The
 * keys' edges are our decision (docs/compatibility.md, "Reporting"): "last N days/months" are the N days or months
 * ending with today, "last week/month/year" the previous whole one, "this ..." the current whole one; weeks start on
 * Monday, as the metric aggregates' weeks do.
 */
record Timeframe(Instant start, Instant end, ZoneId zone) {
    static final String POINTER = "/data/attributes/timeframe";
    static final Set<String> KEYS = Set.of("last_12_months", "last_30_days", "last_365_days", "last_3_months", "last_7_days",
            "last_90_days", "last_month", "last_week", "last_year", "this_month", "this_week", "this_year", "today", "yesterday");

    static Timeframe parse(JsonNode node, ZoneId zone, Instant now) {
        if (node == null || node.isNull()) throw ApiError.invalidPointer(POINTER, "'timeframe' is required.");
        if (!node.isObject()) throw ApiError.invalidPointer(POINTER, "'timeframe' must be an object with a 'key', or a 'start' and an 'end'.");
        for (var it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!Set.of("key", "start", "end").contains(name)) {
                throw ApiError.invalidPointer(POINTER + "/" + name, "'" + name + "' is not a timeframe attribute; use 'key', or 'start' and 'end'.");
            }
        }
        Timeframe t;
        if (node.has("key")) {
            if (node.has("start") || node.has("end")) {
                throw ApiError.invalidPointer(POINTER, "A timeframe has a 'key' or a 'start' and an 'end', not both.");
            }
            t = ofKey(text(node, "key"), zone, now);
        } else {
            Instant start = local(node, "start", zone);
            Instant end = local(node, "end", zone);
            if (!start.isBefore(end)) throw ApiError.invalidPointer(POINTER + "/end", "The timeframe's end must be after its start.");
            t = new Timeframe(start, end, zone);
        }
        // "The time frame to pull data from (Max length: 1 year)."
        if (t.end.isAfter(t.start.atZone(zone).plusYears(1).toInstant())) {
            throw ApiError.invalidPointer(POINTER, "The timeframe may be at most one year long.");
        }
        return t;
    }

    private static Timeframe ofKey(String key, ZoneId zone, Instant now) {
        LocalDate today = now.atZone(zone).toLocalDate();
        LocalDate tomorrow = today.plusDays(1);
        LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        LocalDate firstOfMonth = today.withDayOfMonth(1);
        LocalDate firstOfYear = today.withDayOfYear(1);
        return switch (key) {
            case "today" -> of(today, tomorrow, zone);
            case "yesterday" -> of(today.minusDays(1), today, zone);
            case "this_week" -> of(monday, monday.plusWeeks(1), zone);
            case "last_week" -> of(monday.minusWeeks(1), monday, zone);
            case "last_7_days" -> of(tomorrow.minusDays(7), tomorrow, zone);
            case "last_30_days" -> of(tomorrow.minusDays(30), tomorrow, zone);
            case "last_90_days" -> of(tomorrow.minusDays(90), tomorrow, zone);
            case "last_365_days" -> of(tomorrow.minusDays(365), tomorrow, zone);
            case "this_month" -> of(firstOfMonth, firstOfMonth.plusMonths(1), zone);
            case "last_month" -> of(firstOfMonth.minusMonths(1), firstOfMonth, zone);
            case "last_3_months" -> of(tomorrow.minusMonths(3), tomorrow, zone);
            case "last_12_months" -> of(tomorrow.minusMonths(12), tomorrow, zone);
            case "this_year" -> of(firstOfYear, firstOfYear.plusYears(1), zone);
            case "last_year" -> of(firstOfYear.minusYears(1), firstOfYear, zone);
            default -> throw ApiError.invalidPointer(POINTER + "/key", "'" + shorten(key) + "' is not a timeframe key; allowed: "
                    + String.join(", ", KEYS.stream().sorted().toList()) + ".");
        };
    }

    private static Timeframe of(LocalDate start, LocalDate end, ZoneId zone) {
        return new Timeframe(start.atStartOfDay(zone).toInstant(), end.atStartOfDay(zone).toInstant(), zone);
    }

    /** A date-time whose offset, if any, is dropped: its wall-clock time is read in the account's zone. */
    private static Instant local(JsonNode node, String name, ZoneId zone) {
        String text = text(node, name);
        LocalDateTime wall = Datetime.parse(text).map(Datetime::wall).orElseThrow(() -> ApiError.invalidPointer(
                POINTER + "/" + name, "'" + shorten(text) + "' is not a date-time; use " + Datetime.FORMS + "."));
        return wall.atZone(zone).toInstant();
    }

    private static String text(JsonNode node, String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) throw ApiError.invalidPointer(POINTER + "/" + name, "'" + name + "' is required.");
        if (!v.isTextual()) throw ApiError.invalidPointer(POINTER + "/" + name, "'" + name + "' must be a string.");
        return v.asText();
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    ZonedDateTime zonedStart() {
        return start.atZone(zone);
    }
}
