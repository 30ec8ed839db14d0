package dev.openprofile.events.aggregates;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.PositionCursor;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/** Reads and validates a {@code query_metric_aggregates} body, each error pointing at the member at fault. */
final class AggregateInput {
    static final String TYPE = "metric-aggregate";
    static final int DEFAULT_PAGE_SIZE = 500;
    static final int MAX_PAGE_SIZE = 10_000;
    private static final String ATTRIBUTES = "/data/attributes/";
    /** The spec's description: "a few notable exceptions are Factory, Europe/Kyiv and Pacific/Kanton" (java.time has no Factory). */
    private static final Map<String, String> REFUSED_ZONES = Map.of("Europe/Kyiv", "Europe/Kiev", "Pacific/Kanton", "Pacific/Enderbury");
    private static final Set<String> ZONES = Set.copyOf(ZoneId.getAvailableZoneIds());

    private AggregateInput() {}

    static AggregateQuery parse(JsonNode data) {
        if (data == null || !data.isObject()) throw ApiError.invalidPointer("/data", "'data' must be an object.");
        for (var it = data.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!key.equals("type") && !key.equals("attributes")) {
                throw ApiError.invalidPointer("/data/" + key, "'" + key + "' is not allowed here.");
            }
        }
        if (!data.path("type").isTextual() || !data.get("type").asText().equals(TYPE)) {
            throw ApiError.invalidPointer("/data/type", "'type' must be '" + TYPE + "'.");
        }
        JsonNode a = data.get("attributes");
        if (a == null || !a.isObject()) throw ApiError.invalidPointer("/data/attributes", "'attributes' must be an object.");
        for (var it = a.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!Set.of("metric_id", "measurements", "interval", "filter", "by", "timezone", "page_size", "page_cursor",
                    "sort", "return_fields").contains(key)) {
                throw ApiError.invalidPointer(ATTRIBUTES + key, "'" + key + "' is not a valid metric-aggregate attribute.");
            }
        }
        String metricId = requiredString(a, "metric_id");
        List<Measurement> measurements = enumList(a, "measurements", true,
                s -> Measurement.fromWire(s).isPresent(), "count, sum_value, unique").stream()
                .map(s -> Measurement.fromWire(s).orElseThrow()).toList();
        Interval interval = optionalString(a, "interval").map(s -> Interval.fromWire(s).orElseThrow(() ->
                ApiError.invalidPointer(ATTRIBUTES + "interval", "'interval' must be one of hour, day, week, month.")))
                .orElse(Interval.DAY);
        ZoneId zone = optionalString(a, "timezone").map(AggregateInput::zone).orElse(ZoneOffset.UTC);
        List<String> by = enumList(a, "by", false, Dimension::exists, "the dimensions of the spec's enum");
        int pageSize = pageSize(a.get("page_size"));
        int offset = optionalString(a, "page_cursor").map(c -> PositionCursor.decode(c).orElseThrow(() ->
                ApiError.invalidPointer(ATTRIBUTES + "page_cursor", "'page_cursor' is not a cursor this endpoint returned."))).orElse(0);
        Optional<AggregateQuery.Sort> sort = optionalString(a, "sort").map(s -> sort(s, by, measurements));
        // Klaviyo documents return_fields only as "Provide fields to limit the returned data", and the response
        // schema requires both of its attributes: a list of strings is accepted and changes nothing (compatibility.md).
        enumList(a, "return_fields", false, s -> true, "strings");
        if (!a.has("filter")) throw required("filter");
        AggregateFilter.Parsed filter = AggregateFilter.parse(a.get("filter"), zone, interval);
        return new AggregateQuery(metricId, measurements, filter.range(), filter.terms(), by, sort, pageSize, offset);
    }

    private static String requiredString(JsonNode a, String name) {
        JsonNode v = a.get(name);
        if (v == null || v.isNull()) throw required(name);
        if (!v.isTextual() || v.asText().isEmpty()) throw ApiError.invalidPointer(ATTRIBUTES + name, "'" + name + "' must be a non-empty string.");
        return v.asText();
    }

    /** Absent and null (the spec marks these nullable) mean the default. */
    private static Optional<String> optionalString(JsonNode a, String name) {
        JsonNode v = a.get(name);
        if (v == null || v.isNull()) return Optional.empty();
        if (!v.isTextual()) throw ApiError.invalidPointer(ATTRIBUTES + name, "'" + name + "' must be a string.");
        return Optional.of(v.asText());
    }

    /** A list of distinct allowed strings; absent or null is empty, unless required (then it must have one). */
    private static List<String> enumList(JsonNode a, String name, boolean required, Predicate<String> allowed, String allowedText) {
        JsonNode v = a.get(name);
        String pointer = ATTRIBUTES + name;
        if (v == null || v.isNull()) {
            if (required) throw required(name);
            return List.of();
        }
        if (!v.isArray()) throw ApiError.invalidPointer(pointer, "'" + name + "' must be a list of strings.");
        if (required && v.isEmpty()) throw ApiError.invalidPointer(pointer, "'" + name + "' must name at least one of " + allowedText + ".");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode item = v.get(i);
            if (!item.isTextual() || !allowed.test(item.asText())) {
                throw ApiError.invalidPointer(pointer + "/" + i, (item.isTextual() ? "'" + item.asText() + "'" : "The value")
                        + " is not a valid value for '" + name + "'; allowed: " + allowedText + ".");
            }
            if (out.contains(item.asText())) {
                throw ApiError.invalidPointer(pointer + "/" + i, "'" + item.asText() + "' is given twice in '" + name + "'.");
            }
            out.add(item.asText());
        }
        return out;
    }

    private static ZoneId zone(String name) {
        String pointer = ATTRIBUTES + "timezone";
        if (REFUSED_ZONES.containsKey(name)) {
            throw ApiError.invalidPointer(pointer, "The timezone '" + name + "' is not supported; use '" + REFUSED_ZONES.get(name) + "'.");
        }
        // Case-sensitive, as the spec says; region ids only, so "+05:00" is refused as Klaviyo's list would.
        if (!ZONES.contains(name)) {
            throw ApiError.invalidPointer(pointer, "'" + (name.length() <= 60 ? name : name.substring(0, 60) + "...")
                    + "' is not a valid IANA timezone name, e.g. 'America/New_York' (names are case-sensitive).");
        }
        return ZoneId.of(name);
    }

    private static int pageSize(JsonNode v) {
        if (v == null || v.isNull()) return DEFAULT_PAGE_SIZE;
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < 1 || v.asInt() > MAX_PAGE_SIZE) {
            throw ApiError.invalidPointer(ATTRIBUTES + "page_size", "'page_size' must be an integer from 1 to " + MAX_PAGE_SIZE + ".");
        }
        return v.asInt();
    }

    /** A dimension the query groups by, or a measurement it asks for, optionally with '-' for descending. */
    private static AggregateQuery.Sort sort(String text, List<String> by, List<Measurement> measurements) {
        boolean descending = text.startsWith("-");
        String field = descending ? text.substring(1) : text;
        boolean measured = measurements.stream().anyMatch(m -> m.wire().equals(field));
        if (!by.contains(field) && !measured) {
            throw ApiError.invalidPointer(ATTRIBUTES + "sort", "'sort' must name a dimension of 'by' or a measurement of "
                    + "'measurements', optionally with '-' for descending; got '" + text + "'.");
        }
        return new AggregateQuery.Sort(field, descending);
    }

    private static ApiError required(String name) {
        return ApiError.invalidPointer(ATTRIBUTES + name, "'" + name + "' is required.");
    }
}
