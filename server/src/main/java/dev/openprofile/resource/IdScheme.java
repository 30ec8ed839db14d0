package dev.openprofile.resource;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** How a new resource gets its id. */
public sealed interface IdScheme {

    /** A server-made id (Klaviyo's short ids, ULIDs); retried on the rare collision. */
    record Generated(Supplier<String> ids) implements IdScheme {}

    /**
     * An id built from create attributes joined by a separator, as Klaviyo's catalog ids are
     * ({@code $custom:::$default:::EXTERNAL_ID}): the same attributes always name the same resource, so a
     * second create of them is a conflict.
     */
    record Composite(List<String> attributes, String separator) implements IdScheme {}

    /** The id is one create attribute as given (a coupon's id is its external id). */
    record FromAttribute(String attribute) implements IdScheme {}

    /**
     * The id of the to-one relationship's target and a create attribute joined by a separator, as a coupon
     * code's id is its coupon's id and its unique code ({@code 10OFF-ASD325}): a code is unique within its coupon.
     */
    record WithinParent(String relationship, String attribute, String separator) implements IdScheme {}

    /** The attribute a duplicate id points at (the external id of a compound id); null for generated ids. */
    default String namingAttribute() {
        return switch (this) {
            case Generated g -> null;
            case Composite c -> c.attributes().getLast();
            case FromAttribute f -> f.attribute();
            case WithinParent w -> w.attribute();
        };
    }

    /** The id of a resource being created, given its to-one targets by relationship name; null for generated ids. */
    default String idFor(Map<String, JsonNode> attributes, Map<String, String> toOne) {
        if (this instanceof WithinParent w) return toOne.get(w.relationship()) + w.separator() + attributes.get(w.attribute()).asText();
        return idFor(attributes);
    }

    /** The id of a resource being created from these (validated, defaulted) attributes; null for generated ids. */
    default String idFor(Map<String, JsonNode> attributes) {
        return switch (this) {
            case Generated g -> null;
            case Composite c -> String.join(c.separator(), c.attributes().stream().map(a -> attributes.get(a).asText()).toList());
            case FromAttribute f -> attributes.get(f.attribute()).asText();
            case WithinParent w -> throw new IllegalStateException(w + " needs the to-one targets");
        };
    }
}
