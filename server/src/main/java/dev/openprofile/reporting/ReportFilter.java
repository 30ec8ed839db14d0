package dev.openprofile.reporting;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.filter.FilterParser;
import dev.openprofile.jsonapi.filter.FilterValidator;
import dev.openprofile.jsonapi.filter.Operator;
import dev.openprofile.jsonapi.filter.Term;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A report's {@code filter}: Klaviyo's filter grammar over the subject's attributes, AND only, one condition per
 * attribute, at most 100 values in a list. {@code equals} holds when the attribute is the value; {@code any} and
 * {@code contains-any} when it is one of the values (for tags: the message has one of them); {@code contains-all}
 * when the message has every tag listed.
 */
record ReportFilter(List<Term> terms) {
    static final String POINTER = "/data/attributes/filter";
    static final ReportFilter NONE = new ReportFilter(List.of());

    static ReportFilter parse(JsonNode node, Subject subject) {
        if (node == null || node.isNull()) return NONE;
        if (!node.isTextual()) throw ApiError.invalidPointer(POINTER, "'filter' must be a string.");
        List<Term> terms;
        try {
            terms = FilterValidator.validate(FilterParser.parse(node.asText()), subject.filters);
        } catch (ApiError e) {
            // The grammar's errors name the parameter of GET filters; here the filter is a member of the body.
            throw ApiError.invalidPointer(POINTER, e.detail());
        }
        Set<String> seen = new HashSet<>();
        for (Term t : terms) {
            if (!seen.add(t.field())) {
                throw ApiError.invalidPointer(POINTER, "Only one filter can be used per attribute: '" + t.field() + "' has two.");
            }
            if (t.values().size() > Subject.MAX_LIST_ITEMS) {
                throw ApiError.invalidPointer(POINTER, "A list filter takes at most " + Subject.MAX_LIST_ITEMS
                        + " values; '" + t.field() + "' has " + t.values().size() + ".");
            }
        }
        return new ReportFilter(terms);
    }

    /** @param attributes each filterable attribute's values: one (possibly null) for a scalar, the tags for tag_id/tag_name */
    boolean matches(Map<String, List<String>> attributes) {
        for (Term t : terms) {
            List<String> have = attributes.getOrDefault(t.field(), List.of());
            boolean holds = t.operator() == Operator.CONTAINS_ALL
                    ? have.containsAll(t.values())
                    : t.values().stream().anyMatch(have::contains);
            if (!holds) return false;
        }
        return true;
    }

    /** The values a term on {@code field} allows (for the SQL of a report), if there is one. */
    Optional<List<String>> valuesOf(String field) {
        return terms.stream().filter(t -> t.field().equals(field)).findFirst()
                .map(t -> t.values().stream().map(String::valueOf).toList());
    }
}
