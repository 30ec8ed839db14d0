package dev.openprofile.events.aggregates;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Datetime;
import dev.openprofile.jsonapi.filter.And;
import dev.openprofile.jsonapi.filter.Condition;
import dev.openprofile.jsonapi.filter.Filter;
import dev.openprofile.jsonapi.filter.FilterParser;
import dev.openprofile.jsonapi.filter.FilterValidator;
import dev.openprofile.jsonapi.filter.Term;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The body's {@code filter}: a list of strings in the GET filter grammar (semantics §5), all of which
 * must hold. Two of them bound the time range, {@code greater-or-equal(datetime,...)} and
 * {@code less-than(datetime,...)}; the others filter on dimensions. Every error points at its item.
 */
final class AggregateFilter {
    static final String POINTER = "/data/attributes/filter";

    /** Klaviyo's limit on the span of one query ("the time range may span a maximum of one year"). */
    static final int MAX_YEARS = 1;

    /**
     * A datetime condition on its own, value quoted or not (unquoted, a date, a space and a time is one value). Read
     * here, not by FilterParser, because a value without an offset (Klaviyo's examples give the bounds as
     * {@code 2022-12-01T00:00:00}) or a date is a local time in the query's time zone, not UTC.
     */
    private static final Pattern DATETIME_ITEM = Pattern.compile("\\s*([A-Za-z-]+)\\s*\\(\\s*datetime\\s*,\\s*"
            + "(\"[^\"]*\"|'[^']*'|[^\"'(),\\s]+(?: [0-9]{2}:[^\"'(),\\s]+)?)\\s*\\)\\s*");
    /** {@code operator(Field Name,...}: a dimension whose name has a space, which the filter grammar cannot hold. */
    private static final Pattern SPACED_FIELD = Pattern.compile("\\s*[A-Za-z-]+\\s*\\(\\s*([^,()\"']*\\s[^,()\"']*)\\s*,.*",
            Pattern.DOTALL);

    record Parsed(TimeRange range, List<Term> terms) {}

    private AggregateFilter() {}

    static Parsed parse(JsonNode items, ZoneId zone, Interval interval) {
        if (items == null || !items.isArray() || items.isEmpty()) {
            throw ApiError.invalidPointer(POINTER, "'filter' must be a list of filter strings that includes the time range: "
                    + "greater-or-equal(datetime,...) and less-than(datetime,...).");
        }
        Instant start = null;
        Instant end = null;
        int endItem = -1;
        List<Term> terms = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String pointer = POINTER + "/" + i;
            JsonNode item = items.get(i);
            if (!item.isTextual()) throw ApiError.invalidPointer(pointer, "Each filter must be a string.");
            Matcher m = DATETIME_ITEM.matcher(item.asText());
            if (m.matches()) {
                Instant at = datetime(m.group(2), zone, pointer);
                switch (m.group(1)) {
                    case "greater-or-equal" -> {
                        if (start != null) throw ApiError.invalidPointer(pointer, "The time range has two starts.");
                        start = at;
                    }
                    case "less-than" -> {
                        if (end != null) throw ApiError.invalidPointer(pointer, "The time range has two ends.");
                        end = at;
                        endItem = i;
                    }
                    default -> throw ApiError.invalidPointer(pointer, "'datetime' takes greater-or-equal(datetime,...) "
                            + "and less-than(datetime,...) only, not '" + m.group(1) + "'.");
                }
            } else {
                terms.addAll(dimensionTerms(item.asText(), pointer));
            }
        }
        if (start == null || end == null) {
            throw ApiError.invalidPointer(POINTER, "'filter' must include the time range: greater-or-equal(datetime,...) "
                    + "and less-than(datetime,...).");
        }
        String endPointer = POINTER + "/" + endItem;
        if (!start.isBefore(end)) {
            throw ApiError.invalidPointer(endPointer, "The end of the time range must be after its start.");
        }
        if (end.isAfter(start.atZone(zone).plusYears(MAX_YEARS).toInstant())) {
            throw ApiError.invalidPointer(endPointer, "The time range may span at most one year.");
        }
        return new Parsed(new TimeRange(start, end, zone, interval), terms);
    }

    private static List<Term> dimensionTerms(String text, String pointer) {
        Matcher spaced = SPACED_FIELD.matcher(text);
        if (spaced.matches() && Dimension.exists(spaced.group(1).strip())) {
            throw ApiError.invalidPointer(pointer, "Filtering on '" + spaced.group(1).strip()
                    + "' is not supported: field names with spaces cannot be written in a filter (group by it instead).");
        }
        try {
            Filter filter = FilterParser.parse(text);
            if (mentionsDatetime(filter)) {
                throw ApiError.invalidPointer(pointer, "A datetime condition must be a filter of its own, e.g. "
                        + "\"greater-or-equal(datetime,2022-12-01T00:00:00)\".");
            }
            return FilterValidator.validate(filter, Dimension.FILTER_RULES);
        } catch (ApiError e) {
            if (e.source() != null && pointer.equals(e.source().pointer())) throw e;
            throw ApiError.invalidPointer(pointer, e.detail());
        }
    }

    private static boolean mentionsDatetime(Filter filter) {
        return switch (filter) {
            case And and -> and.terms().stream().anyMatch(AggregateFilter::mentionsDatetime);
            case Condition c -> c.field().equals("datetime");
        };
    }

    private static Instant datetime(String written, ZoneId zone, String pointer) {
        String text = written.length() >= 2 && (written.charAt(0) == '"' || written.charAt(0) == '\'')
                ? written.substring(1, written.length() - 1) : written;
        return Datetime.parse(text).map(d -> d.instantIn(zone)).orElseThrow(() -> ApiError.invalidPointer(pointer,
                "Invalid datetime '" + (text.length() <= 40 ? text : text.substring(0, 40) + "...") + "': use a date "
                + "(local midnight) or a date and time with 'T' or a space, optional fraction and an offset 'Z', '+03:00' or none "
                + "for the query's timezone, e.g. 2022-12-01T00:00:00, 2022-12-01 00:00:00.500, 2022-12-01T00:00:00+00:00."));
    }
}
