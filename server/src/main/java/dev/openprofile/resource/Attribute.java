package dev.openprofile.resource;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.jsonapi.Json;
import java.util.List;

/**
 * One attribute of a resource, as its declaration states it. Built with the factories and the
 * {@code with…} style methods, e.g. {@code Attribute.string("title").column("title").require()}.
 *
 * @param column       the table column holding it (what is filtered, sorted or unique has one); null: the
 *                     row's JSONB document holds it
 * @param required     must be given on create
 * @param createOnly   given on create only; an update may not name it (immutable)
 * @param writeOnly    accepted but never shown (a secret, or a part of a composite id)
 * @param readOnly     set by the server, never accepted in a body
 * @param nullable     a body may send null (clears it)
 * @param defaultValue stored on create when the body does not name it; null: none
 * @param allowed      the only values accepted (strings or integers as JSON); empty: any
 * @param maxLength    for strings, the most characters accepted; for objects, the most bytes of their JSON; 0: no limit
 * @param refusesBlank for strings, an empty or all-whitespace value is refused (a list's name)
 * @param nullIgnored  a body's null is taken as if the member were not named: the create default applies and
 *                     an update keeps the value (the spec marks it nullable, but there is nothing to clear)
 * @param updateOnly   a create body may not name it (the create default applies), an update may (a coupon code's status)
 */
public record Attribute(String name, AttributeType type, String column, boolean required, boolean createOnly,
                        boolean writeOnly, boolean readOnly, boolean nullable, JsonNode defaultValue,
                        List<JsonNode> allowed, int maxLength, boolean refusesBlank, boolean nullIgnored,
                        boolean updateOnly) {

    public Attribute {
        allowed = List.copyOf(allowed);
        if (readOnly && (required || writeOnly)) throw new IllegalArgumentException(name + ": read-only and writable");
        if (updateOnly && required) throw new IllegalArgumentException(name + ": update-only and required on create");
    }

    public static Attribute of(String name, AttributeType type) {
        return new Attribute(name, type, null, false, false, false, false, true, null, List.of(), 0, false, false, false);
    }

    public static Attribute string(String name) { return of(name, AttributeType.STRING); }
    public static Attribute number(String name) { return of(name, AttributeType.NUMBER); }
    public static Attribute integer(String name) { return of(name, AttributeType.INTEGER); }
    public static Attribute bool(String name) { return of(name, AttributeType.BOOLEAN); }
    public static Attribute datetime(String name) { return of(name, AttributeType.DATETIME); }
    public static Attribute strings(String name) { return of(name, AttributeType.STRING_LIST); }
    public static Attribute object(String name) { return of(name, AttributeType.OBJECT); }

    public Attribute column(String c) {
        return new Attribute(name, type, c, required, createOnly, writeOnly, readOnly, nullable, defaultValue, allowed, maxLength, refusesBlank, nullIgnored, updateOnly);
    }

    /** Required on create, and never null. */
    public Attribute require() {
        return new Attribute(name, type, column, true, createOnly, writeOnly, readOnly, false, defaultValue, allowed, maxLength, refusesBlank, nullIgnored, updateOnly);
    }

    public Attribute immutable() {
        return new Attribute(name, type, column, required, true, writeOnly, readOnly, nullable, defaultValue, allowed, maxLength, refusesBlank, nullIgnored, updateOnly);
    }

    public Attribute hide() {
        return new Attribute(name, type, column, required, createOnly, true, readOnly, nullable, defaultValue, allowed, maxLength, refusesBlank, nullIgnored, updateOnly);
    }

    public Attribute serverSet() {
        return new Attribute(name, type, column, required, createOnly, writeOnly, true, nullable, defaultValue, allowed, maxLength, refusesBlank, nullIgnored, updateOnly);
    }

    public Attribute notNull() {
        return new Attribute(name, type, column, required, createOnly, writeOnly, readOnly, false, defaultValue, allowed, maxLength, refusesBlank, nullIgnored, updateOnly);
    }

    public Attribute defaultsTo(Object value) {
        return new Attribute(name, type, column, required, createOnly, writeOnly, readOnly, nullable,
                Json.MAPPER.valueToTree(value), allowed, maxLength, refusesBlank, nullIgnored, updateOnly);
    }

    public Attribute oneOf(Object... values) {
        List<JsonNode> nodes = java.util.Arrays.stream(values).map(v -> (JsonNode) Json.MAPPER.valueToTree(v)).toList();
        return new Attribute(name, type, column, required, createOnly, writeOnly, readOnly, nullable, defaultValue, nodes, maxLength, refusesBlank, nullIgnored, updateOnly);
    }

    public Attribute maxLength(int n) {
        return new Attribute(name, type, column, required, createOnly, writeOnly, readOnly, nullable, defaultValue, allowed, n, refusesBlank, nullIgnored, updateOnly);
    }

    /** A string that may not be empty or only whitespace. */
    public Attribute nonEmpty() {
        return new Attribute(name, type, column, required, createOnly, writeOnly, readOnly, nullable, defaultValue, allowed, maxLength, true, nullIgnored, updateOnly);
    }

    /** A body's null means "not given" (see {@code nullIgnored}). */
    public Attribute nullAsAbsent() {
        return new Attribute(name, type, column, required, createOnly, writeOnly, readOnly, nullable, defaultValue, allowed, maxLength, refusesBlank, true, updateOnly);
    }

    /** Not accepted in a create body, which gets the default; accepted in an update. */
    public Attribute updatableOnly() {
        return new Attribute(name, type, column, required, createOnly, writeOnly, readOnly, nullable, defaultValue, allowed, maxLength, refusesBlank, nullIgnored, true);
    }

    /** Whether a create body may name it. */
    boolean creatable() { return !readOnly && !updateOnly; }

    /** Whether an update body may name it. */
    boolean updatable() { return !readOnly && !createOnly; }
}
