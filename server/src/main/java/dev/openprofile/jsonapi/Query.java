package dev.openprofile.jsonapi;

import dev.openprofile.jsonapi.filter.Term;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A request's JSON:API query, validated against its operation: sparse fieldsets per type,
 * additional fields per type, includes, sort, page and filter terms. {@code raw} keeps the original
 * parameters in order so that links can replay them.
 */
public record Query(
        Map<String, List<String>> fields,
        Map<String, Set<String>> additionalFields,
        Set<String> include,
        Optional<Sort> sort,
        int pageSize,
        Optional<Cursor> cursor,
        List<Term> filter,
        List<Map.Entry<String, String>> raw) {

    public record Sort(String field, boolean descending) {}

    public Optional<List<String>> fieldsFor(String type) {
        return Optional.ofNullable(fields.get(type));
    }

    public boolean wantsAdditional(String type, String field) {
        return additionalFields.getOrDefault(type, Set.of()).contains(field);
    }
}
