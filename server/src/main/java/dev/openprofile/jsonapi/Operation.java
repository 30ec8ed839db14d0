package dev.openprofile.jsonapi;

import dev.openprofile.jsonapi.filter.FieldRule;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One operation of the official spec, as extracted by tools/spec-extract.py: where it routes, what it
 * needs, and which query parameters, filters, sorts and page sizes it accepts.
 */
public record Operation(
        String id,
        String method,
        String path,
        String tag,
        Set<String> scopes,
        RateLimit rateLimit,
        List<Integer> successStatuses,
        Map<String, QueryParameter> query,
        Map<String, FieldRule> filters) {

    public record RateLimit(int burstPerSecond, int steadyPerMinute, Integer daily) {}

    /** A query parameter the operation declares; enumValues is empty when any value is allowed. */
    public record QueryParameter(String name, boolean required, Set<String> enumValues,
                                 Integer defaultValue, Integer minimum, Integer maximum) {}

    public boolean hasBody() {
        return method.equals("POST") || method.equals("PATCH") || method.equals("PUT")
                || (method.equals("DELETE") && path.contains("/relationships/"));
    }
}
