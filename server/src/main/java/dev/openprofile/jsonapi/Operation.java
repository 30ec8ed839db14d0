package dev.openprofile.jsonapi;

import dev.openprofile.jsonapi.filter.FieldRule;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One operation of the official spec, as extracted by tools/spec-extract.py: where it routes, what it
 * needs, and which query parameters, filters, sorts and page sizes it accepts; {@code requestSchema} names the
 * spec's schema of its JSON body (null: none), held in {@link RequestSchemas}.
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
        Map<String, FieldRule> filters,
        String requestSchema) {

    /**
     * Klaviyo's limits for the operation (x-klaviyo-ratelimit; daily null where the spec has none), and the
     * stricter buckets its description names for one query-parameter value (semantics §3).
     */
    public record RateLimit(int burstPerSecond, int steadyPerMinute, Integer daily, List<QueryBucket> queryBuckets) {}

    /** A request with {@code parameter=value} (e.g. include=lists) also draws from this bucket. */
    public record QueryBucket(String parameter, String value, int burstPerSecond, int steadyPerMinute) {}

    /** A query parameter the operation declares; enumValues is empty when any value is allowed. */
    public record QueryParameter(String name, boolean required, Set<String> enumValues,
                                 Integer defaultValue, Integer minimum, Integer maximum) {}

    public boolean hasBody() {
        return method.equals("POST") || method.equals("PATCH") || method.equals("PUT")
                || (method.equals("DELETE") && path.contains("/relationships/"));
    }
}
