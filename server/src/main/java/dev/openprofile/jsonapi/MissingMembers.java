package dev.openprofile.jsonapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Errors name what is missing (issue 21): a 400 whose pointer leads through a member the request body does not
 * have, and which the spec's request schema requires, is about that member's absence, whatever the input that found
 * it checked first ("'type' must be 'list'", "'attributes' must be an object", "'profile.data' is required" with no
 * {@code profile} at all). It is told as that member being required, at its own pointer. One rule here rather than
 * in every input: each input checks a member's shape, and an absent member fails every shape.
 *
 * <p>A member that is present but wrong (null included) keeps the input's own error, and so does an error at the
 * absent member that already says it is required (its detail says more, such as when it is required).
 */
public final class MissingMembers {
    private MissingMembers() {}

    /**
     * The error as sent for a request whose JSON body was {@code body} (null: none); {@code required} says whether the
     * operation's body requires the member at a path (["data", "attributes"]). Only a required member is told as
     * such: an input may point at a member the body need not have, about something else (an activation naming a
     * schema's stored properties).
     */
    public static ApiError told(JsonNode body, ApiError e, Predicate<List<String>> required) {
        String pointer = e.source() == null ? null : e.source().pointer();
        if (body == null || e.status() != 400 || pointer == null || !pointer.startsWith("/")) return e;
        JsonNode node = body;
        List<String> path = new ArrayList<>();
        int end = 0;
        while (end < pointer.length()) {
            int next = pointer.indexOf('/', end + 1);
            if (next < 0) next = pointer.length();
            String member = pointer.substring(end + 1, next).replace("~1", "/").replace("~0", "~");
            if (member.isEmpty()) return e;
            path.add(member);
            JsonNode child;
            if (node.isArray()) {
                // An element the array does not have is no member of an object: the input's error stands.
                child = member.matches("\\d{1,9}") ? node.get(Integer.parseInt(member)) : null;
                if (child == null) return e;
            } else if (node.isObject()) {
                child = node.get(member);
            } else {
                return e; // a member of a scalar: what is wrong is the scalar, which the input's error says
            }
            if (child == null) {
                if (!required.test(path) || next == pointer.length() && saysRequired(e.detail(), member)) return e;
                return new ApiError(400, e.code(), e.title(), "'" + member + "' is required.",
                        ApiError.Source.pointer(pointer.substring(0, next)), e.meta());
            }
            node = child;
            end = next;
        }
        return e;
    }

    /** Whether the input's own detail already says this member is required (and perhaps when, or why). */
    private static boolean saysRequired(String detail, String member) {
        return detail != null && detail.contains("'" + member + "'") && detail.toLowerCase(Locale.ROOT).contains("required");
    }

    /** As {@link #told(JsonNode, ApiError, Predicate)} for each of several errors. */
    public static ApiErrors told(JsonNode body, ApiErrors e, Predicate<List<String>> required) {
        List<ApiError> errors = e.errors().stream().map(error -> told(body, error, required)).toList();
        return errors.equals(e.errors()) ? e : new ApiErrors(errors);
    }
}
