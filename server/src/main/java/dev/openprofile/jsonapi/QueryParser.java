package dev.openprofile.jsonapi;

import dev.openprofile.jsonapi.filter.FilterParser;
import dev.openprofile.jsonapi.filter.FilterValidator;
import dev.openprofile.jsonapi.filter.Term;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Parses and validates a request's query string against the parameters its operation declares. */
public final class QueryParser {
    private QueryParser() {}

    public static Query parse(Operation op, List<Map.Entry<String, String>> params, String defaultSort) {
        Map<String, String> single = new LinkedHashMap<>();
        for (Map.Entry<String, String> p : params) {
            String name = p.getKey();
            if (!op.query().containsKey(name)) {
                throw ApiError.invalidParameter(name, "'" + name + "' is not a valid query parameter for this endpoint.");
            }
            if (single.put(name, p.getValue()) != null) {
                throw ApiError.invalidParameter(name, "You cannot use ?" + name + " more than once in a request.");
            }
        }
        Map<String, List<String>> fields = new LinkedHashMap<>();
        Map<String, Set<String>> additional = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : single.entrySet()) {
            String name = e.getKey();
            if (name.startsWith("fields[")) {
                fields.put(typeOf(name), enumList(op, name, e.getValue(), "is not a valid field for " + name + "."));
            } else if (name.startsWith("additional-fields[")) {
                additional.put(typeOf(name), new LinkedHashSet<>(
                        enumList(op, name, e.getValue(), "is not a valid additional field for " + name + ".")));
            }
        }
        Set<String> include = single.containsKey("include")
                ? new LinkedHashSet<>(enumList(op, "include", single.get("include"),
                        "is not an allowed include parameter for this resource."))
                : Set.of();
        Optional<Query.Sort> sort = sort(op, single.get("sort"), defaultSort);
        int pageSize = pageSize(op, single.get("page[size]"));
        Optional<Cursor> cursor = Optional.ofNullable(single.get("page[cursor]"))
                .map(QueryParser::cursorToken)
                .map(token -> Cursor.decode(token, sort.map(Query.Sort::field).orElse("")));
        List<Term> filter = single.containsKey("filter")
                ? FilterValidator.validate(FilterParser.parse(single.get("filter")), op.filters())
                : List.of();
        for (Operation.QueryParameter q : op.query().values()) {
            if (q.required() && !single.containsKey(q.name())) {
                throw ApiError.invalidParameter(q.name(), "'" + q.name() + "' is a required query parameter.");
            }
        }
        return new Query(fields, additional, include, sort, pageSize, cursor, filter, List.copyOf(params));
    }

    private static String typeOf(String bracketed) {
        return bracketed.substring(bracketed.indexOf('[') + 1, bracketed.length() - 1);
    }

    /** Klaviyo takes one comma list and warns against whitespace; we reject empty items, not spaces around them. */
    private static List<String> enumList(Operation op, String param, String value, String errorSuffix) {
        Set<String> allowed = op.query().get(param).enumValues();
        List<String> items = new ArrayList<>();
        for (String raw : value.split(",", -1)) {
            String item = raw.strip();
            if (item.isEmpty()) throw ApiError.invalidParameter(param, "'" + param + "' contains an empty value.");
            if (!allowed.isEmpty() && !allowed.contains(item)) {
                throw ApiError.invalidParameter(param, "'" + item + "' " + errorSuffix);
            }
            items.add(item);
        }
        return items;
    }

    private static Optional<Query.Sort> sort(Operation op, String value, String defaultSort) {
        Operation.QueryParameter param = op.query().get("sort");
        if (value == null) return Optional.ofNullable(defaultSort).map(f -> new Query.Sort(f, false));
        if (!param.enumValues().isEmpty() && !param.enumValues().contains(value)) {
            throw ApiError.invalidParameter("sort", "'" + value + "' is not a valid sort field for this resource; allowed: "
                    + String.join(", ", param.enumValues()) + ".");
        }
        boolean descending = value.startsWith("-");
        return Optional.of(new Query.Sort(descending ? value.substring(1) : value, descending));
    }

    private static int pageSize(Operation op, String value) {
        Operation.QueryParameter param = op.query().get("page[size]");
        if (param == null) return Integer.MAX_VALUE;
        int min = param.minimum() == null ? 1 : param.minimum();
        int max = param.maximum() == null ? Integer.MAX_VALUE : param.maximum();
        int def = param.defaultValue() == null ? max : param.defaultValue();
        if (value == null) return def;
        int size;
        try {
            size = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw ApiError.invalidParameter("page[size]", "page[size] must be an integer between " + min + " and " + max + ".");
        }
        if (size < min || size > max) {
            throw ApiError.invalidParameter("page[size]", "page[size] must be an integer between " + min + " and " + max + ".");
        }
        return size;
    }

    /**
     * The official SDKs sometimes send a whole links.next URL as page[cursor] (semantics §9): take the
     * page[cursor] parameter out of it. A raw token passes through.
     */
    static String cursorToken(String value) {
        if (!value.startsWith("http://") && !value.startsWith("https://")) return value;
        String rawQuery;
        try {
            rawQuery = URI.create(value).getRawQuery();
        } catch (IllegalArgumentException e) {
            throw ApiError.invalidParameter("page[cursor]", "Invalid page cursor.");
        }
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                if (eq < 0) continue;
                String key = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
                if (key.equals("page[cursor]")) return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        throw ApiError.invalidParameter("page[cursor]", "Invalid page cursor.");
    }
}
