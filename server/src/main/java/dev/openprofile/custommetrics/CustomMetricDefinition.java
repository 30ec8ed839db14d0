package dev.openprofile.custommetrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Json;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A custom metric's {@code definition} as the spec's {@code CustomMetricDefinition} states it: an aggregation method
 * and metric groups, each a metric id with optional property filters (the eight filter shapes of
 * {@code CustomMetricCondition}) and an optional value property. Every error points at the member at fault below
 * {@code /data/attributes/definition}; the stored form shows every group's three members, absent ones as null.
 */
record CustomMetricDefinition(JsonNode normalized, List<String> metricIds) {
    static final String POINTER = "/data/attributes/definition";
    /** Klaviyo documents no bound on groups or filters; these keep one definition a reasonable size (decided). */
    static final int MAX_GROUPS = 20;
    static final int MAX_FILTERS = 20;

    /** Operators by filter type; "string" also takes "in" with an array of strings (StringInArrayFilter). */
    private static final Map<String, Set<String>> OPERATORS = Map.of(
            "numeric", Set.of("equals", "greater-than", "greater-than-or-equal", "less-than", "less-than-or-equal", "not-equals"),
            "string", Set.of("contains", "ends-with", "equals", "not-contains", "not-ends-with", "not-equals", "not-starts-with",
                    "nregex", "regex", "starts-with", "in"),
            "existence", Set.of("is-set", "not-set"),
            "boolean", Set.of("equals"),
            "list", Set.of("contains", "not-contains", "contains-ends-with", "contains-starts-with", "not-contains-ends-with",
                    "not-contains-starts-with", "contains-substring", "not-contains-substring"));

    /** The distinct metric ids of the groups, in group order (a custom metric's {@code metrics}). */
    static List<String> metricIds(JsonNode definition) {
        Set<String> ids = new LinkedHashSet<>();
        for (JsonNode g : definition.path("metric_groups")) ids.add(g.path("metric_id").asText());
        return List.copyOf(ids);
    }

    static CustomMetricDefinition parse(JsonNode definition) {
        only(definition, POINTER, "aggregation_method", "metric_groups");
        JsonNode method = definition.get("aggregation_method");
        if (method == null || !method.isTextual() || !Set.of("count", "value").contains(method.asText())) {
            throw invalid(POINTER + "/aggregation_method", "'aggregation_method' must be one of: count, value.");
        }
        JsonNode groups = definition.get("metric_groups");
        if (groups == null || !groups.isArray() || groups.isEmpty()) {
            throw invalid(POINTER + "/metric_groups", "'metric_groups' must be a non-empty array.");
        }
        if (groups.size() > MAX_GROUPS) {
            throw invalid(POINTER + "/metric_groups", "A custom metric may have at most " + MAX_GROUPS + " metric groups.");
        }
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("aggregation_method", method.asText());
        ArrayNode outGroups = out.putArray("metric_groups");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) outGroups.add(group(groups.get(i), POINTER + "/metric_groups/" + i, ids));
        return new CustomMetricDefinition(out, ids);
    }

    private static ObjectNode group(JsonNode g, String at, List<String> ids) {
        only(g, at, "metric_id", "metric_filters", "value_property");
        JsonNode metric = g.get("metric_id");
        if (metric == null || !metric.isTextual() || metric.asText().isBlank()) {
            throw invalid(at + "/metric_id", "'metric_id' must be a non-empty string.");
        }
        ids.add(metric.asText());
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("metric_id", metric.asText());
        JsonNode filters = g.get("metric_filters");
        if (filters == null || filters.isNull()) {
            out.putNull("metric_filters");
        } else {
            if (!filters.isArray()) throw invalid(at + "/metric_filters", "'metric_filters' must be an array or null.");
            if (filters.size() > MAX_FILTERS) {
                throw invalid(at + "/metric_filters", "A metric group may have at most " + MAX_FILTERS + " filters.");
            }
            ArrayNode outFilters = out.putArray("metric_filters");
            for (int i = 0; i < filters.size(); i++) outFilters.add(condition(filters.get(i), at + "/metric_filters/" + i));
        }
        JsonNode value = g.get("value_property");
        if (value != null && !value.isNull() && (!value.isTextual() || value.asText().isBlank())) {
            throw invalid(at + "/value_property", "'value_property' must be a non-empty string or null.");
        }
        out.set("value_property", value == null ? Json.MAPPER.nullNode() : value);
        return out;
    }

    private static ObjectNode condition(JsonNode c, String at) {
        only(c, at, "property", "filter");
        JsonNode property = c.get("property");
        if (property == null || !property.isTextual() || property.asText().isBlank()) {
            throw invalid(at + "/property", "'property' must be a non-empty string.");
        }
        JsonNode filter = c.get("filter");
        if (filter == null || !filter.isObject()) throw invalid(at + "/filter", "'filter' must be an object.");
        String fat = at + "/filter";
        JsonNode type = filter.get("type");
        if (type == null || !type.isTextual() || !OPERATORS.containsKey(type.asText())) {
            throw invalid(fat + "/type", "'type' must be one of: boolean, existence, list, numeric, string.");
        }
        String t = type.asText();
        if (t.equals("existence")) only(filter, fat, "type", "operator");
        else only(filter, fat, "type", "operator", "value");
        JsonNode operator = filter.get("operator");
        if (operator == null || !operator.isTextual() || !OPERATORS.get(t).contains(operator.asText())) {
            throw invalid(fat + "/operator", "'operator' must be one of: " + String.join(", ", OPERATORS.get(t).stream().sorted().toList())
                    + " for a " + t + " filter.");
        }
        String op = operator.asText();
        if (!t.equals("existence")) value(t, op, filter.get("value"), fat + "/value");
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("property", property.asText());
        out.set("filter", filter.deepCopy());
        return out;
    }

    /** The value each filter shape requires (present; null only where the spec marks it nullable). */
    private static void value(String type, String op, JsonNode v, String at) {
        if (v == null) throw invalid(at, "'value' is required for a " + type + " filter.");
        boolean ok = switch (type) {
            case "numeric" -> v.isNumber();
            case "boolean" -> v.isBoolean();
            case "string" -> op.equals("in") ? stringArray(v) : v.isNull() || v.isTextual();
            case "list" -> op.endsWith("substring") ? v.isNull() || v.isTextual() : v.isNull() || v.isTextual() || v.isIntegralNumber();
            default -> false;
        };
        if (!ok) {
            String expected = switch (type) {
                case "numeric" -> "a number";
                case "boolean" -> "a boolean";
                case "string" -> op.equals("in") ? "an array of strings" : "a string or null";
                default -> op.endsWith("substring") ? "a string or null" : "a string, an integer or null";
            };
            throw invalid(at, "'value' must be " + expected + " for the '" + op + "' operator.");
        }
        if ((op.equals("regex") || op.equals("nregex")) && v.isTextual()) {
            try {
                Pattern.compile(v.asText());
            } catch (PatternSyntaxException e) {
                throw invalid(at, "'value' is not a valid regular expression.");
            }
        }
    }

    private static boolean stringArray(JsonNode v) {
        if (!v.isArray()) return false;
        for (JsonNode item : v) if (!item.isTextual()) return false;
        return true;
    }

    /** An object with only these members; anything else is named. */
    private static void only(JsonNode node, String at, String... members) {
        if (node == null || !node.isObject()) throw invalid(at, "Expected an object here.");
        Set<String> allowed = Set.of(members);
        for (var it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) throw invalid(at + "/" + key, "'" + key + "' is not allowed here.");
        }
    }

    private static ApiError invalid(String pointer, String detail) {
        return ApiError.invalidPointer(pointer, detail);
    }
}
