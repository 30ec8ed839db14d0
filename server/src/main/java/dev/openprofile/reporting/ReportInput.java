package dev.openprofile.reporting;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.jsonapi.ApiError;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads and validates a report request's body, each error pointing at the member at fault. */
final class ReportInput {
    private static final String ATTRIBUTES = "/data/attributes/";

    private ReportInput() {}

    static ReportRequest parse(ReportType type, JsonNode data, ZoneId zone, Instant now, int offset) {
        if (data == null || !data.isObject()) throw ApiError.invalidPointer("/data", "'data' must be an object.");
        for (var it = data.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!key.equals("type") && !key.equals("attributes")) {
                throw ApiError.invalidPointer("/data/" + key, "'" + key + "' is not allowed here.");
            }
        }
        if (!data.path("type").isTextual() || !data.get("type").asText().equals(type.wire)) {
            throw ApiError.invalidPointer("/data/type", "'type' must be '" + type.wire + "'.");
        }
        JsonNode a = data.get("attributes");
        if (a == null || !a.isObject()) throw ApiError.invalidPointer("/data/attributes", "'attributes' must be an object.");
        Subject subject = type.subject;
        Set<String> allowed = new HashSet<>(Set.of("statistics", "timeframe", "filter"));
        if (type.series) allowed.add("interval");
        if (subject.conversions) allowed.add("conversion_metric_id");
        if (!subject.groupBys.isEmpty()) allowed.add("group_by");
        for (var it = a.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                throw ApiError.invalidPointer(ATTRIBUTES + key, "'" + key + "' is not a valid " + type.wire + " attribute.");
            }
        }
        if (a.get("statistics") == null || a.get("statistics").isNull()) {
            throw ApiError.invalidPointer(ATTRIBUTES + "statistics", "'statistics' is required.");
        }
        List<String> statistics = names(a, "statistics", subject.statistics);
        if (statistics.isEmpty()) throw ApiError.invalidPointer(ATTRIBUTES + "statistics", "'statistics' must name at least one statistic.");
        Timeframe timeframe = Timeframe.parse(a.get("timeframe"), zone, now);
        Optional<SeriesInterval> interval = type.series ? Optional.of(interval(a.get("interval"), timeframe)) : Optional.empty();
        Optional<String> conversionMetric = subject.conversions ? Optional.of(conversionMetric(a.get("conversion_metric_id")))
                : Optional.empty();
        List<String> groupBy = groupBy(a, subject);
        ReportFilter filter = ReportFilter.parse(a.get("filter"), subject);
        return new ReportRequest(type, statistics, timeframe, interval, conversionMetric, groupBy, filter, offset);
    }

    /** A list of distinct names from {@code allowed}; absent or null is empty. */
    private static List<String> names(JsonNode a, String name, List<String> allowed) {
        JsonNode v = a.get(name);
        String pointer = ATTRIBUTES + name;
        if (v == null || v.isNull()) return List.of();
        if (!v.isArray()) throw ApiError.invalidPointer(pointer, "'" + name + "' must be a list of strings.");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode item = v.get(i);
            if (!item.isTextual() || !allowed.contains(item.asText())) {
                throw ApiError.invalidPointer(pointer + "/" + i, (item.isTextual() ? "'" + shorten(item.asText()) + "'" : "The value")
                        + " is not a valid value for '" + name + "'; allowed: " + String.join(", ", allowed) + ".");
            }
            if (out.contains(item.asText())) {
                throw ApiError.invalidPointer(pointer + "/" + i, "'" + item.asText() + "' is given twice in '" + name + "'.");
            }
            out.add(item.asText());
        }
        return out;
    }

    private static SeriesInterval interval(JsonNode v, Timeframe timeframe) {
        String pointer = ATTRIBUTES + "interval";
        if (v == null || v.isNull()) throw ApiError.invalidPointer(pointer, "'interval' is required.");
        SeriesInterval interval = null;
        for (SeriesInterval i : SeriesInterval.values()) if (v.isTextual() && i.wire().equals(v.asText())) interval = i;
        if (interval == null) throw ApiError.invalidPointer(pointer, "'interval' must be one of daily, hourly, monthly, weekly.");
        SeriesInterval chosen = interval;
        interval.maxTimeframe.ifPresent(max -> {
            if (Duration.between(timeframe.start(), timeframe.end()).compareTo(max) > 0) {
                throw ApiError.invalidPointer(pointer, "With '" + chosen.wire() + "', the timeframe cannot be longer than "
                        + max.toDays() + " days.");
            }
        });
        return interval;
    }

    private static String conversionMetric(JsonNode v) {
        String pointer = ATTRIBUTES + "conversion_metric_id";
        if (v == null || v.isNull()) throw ApiError.invalidPointer(pointer, "'conversion_metric_id' is required.");
        if (!v.isTextual() || v.asText().isEmpty()) throw ApiError.invalidPointer(pointer, "'conversion_metric_id' must be a metric id.");
        return v.asText();
    }

    /** The requested attributes (with the required ones, and a form version's form), or the subject's default. */
    private static List<String> groupBy(JsonNode a, Subject subject) {
        String pointer = ATTRIBUTES + "group_by";
        List<String> groupBy = names(a, "group_by", subject.groupBys);
        if (groupBy.isEmpty()) return subject.defaultGroupBy;
        for (String required : subject.requiredGroupBys) {
            if (!groupBy.contains(required)) {
                throw ApiError.invalidPointer(pointer, "'group_by' must include " + String.join(" and ", subject.requiredGroupBys) + ".");
            }
        }
        // "The prerequisites for form_version_id is form_id."
        if (groupBy.contains("form_version_id") && !groupBy.contains("form_id")) {
            throw ApiError.invalidPointer(pointer, "'form_version_id' can only be grouped by together with 'form_id'.");
        }
        return groupBy;
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
