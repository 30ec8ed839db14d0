package dev.openprofile.resource;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.jsonapi.Json;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One attribute of a resource, as its declaration states it. Built with the factories and the fluent methods,
 * e.g. {@code Attribute.string("title").column("title").require()}; each returns a copy with one more fact.
 *
 * @param column       the table column holding it (what is filtered, sorted or unique has one); null: the
 *                     row's JSONB document holds it
 * @param flags        the yes/no facts ({@link Flag}); the accessors below read them by name
 * @param defaultValue stored on create when the body does not name it; null: none
 * @param allowed      the only values accepted (strings or integers as JSON); empty: any
 * @param maxLength    for strings, the most characters accepted; for objects, the most bytes of their JSON; 0: no limit
 */
public record Attribute(String name, AttributeType type, String column, Set<Flag> flags, JsonNode defaultValue,
                        List<JsonNode> allowed, int maxLength) {

    /** The yes/no facts of an attribute. */
    public enum Flag {
        /** Must be given on create, and is never null. */
        REQUIRED,
        /** Given on create only; an update may not name it (immutable). */
        CREATE_ONLY,
        /** Accepted but never shown (a secret, or a part of a composite id). */
        WRITE_ONLY,
        /** Set by the server, never accepted in a body. */
        READ_ONLY,
        /** A body may not send null (without it, null clears the value). */
        NOT_NULL,
        /** For strings, an empty or all-whitespace value is refused (a list's name). */
        REFUSES_BLANK,
        /**
         * A body's null is taken as if the member were not named: the create default applies and an update keeps
         * the value (the spec marks it nullable, but there is nothing to clear).
         */
        NULL_IGNORED,
        /** A create body may not name it (the create default applies), an update may (a coupon code's status). */
        UPDATE_ONLY,
        /** An update body must name it too (a tag's name: the spec's update schema requires it). */
        REQUIRED_ON_UPDATE
    }

    public Attribute {
        flags = flags.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(flags));
        allowed = List.copyOf(allowed);
        // The fields are assigned only after this body: read the parameter.
        if (flags.contains(Flag.READ_ONLY) && (flags.contains(Flag.REQUIRED) || flags.contains(Flag.WRITE_ONLY))) {
            throw new IllegalArgumentException(name + ": read-only and writable");
        }
        if (flags.contains(Flag.UPDATE_ONLY) && flags.contains(Flag.REQUIRED)) {
            throw new IllegalArgumentException(name + ": update-only and required on create");
        }
    }

    public static Attribute of(String name, AttributeType type) {
        return new Attribute(name, type, null, Set.of(), null, List.of(), 0);
    }

    public static Attribute string(String name) { return of(name, AttributeType.STRING); }
    public static Attribute number(String name) { return of(name, AttributeType.NUMBER); }
    public static Attribute integer(String name) { return of(name, AttributeType.INTEGER); }
    public static Attribute bool(String name) { return of(name, AttributeType.BOOLEAN); }
    public static Attribute datetime(String name) { return of(name, AttributeType.DATETIME); }
    public static Attribute strings(String name) { return of(name, AttributeType.STRING_LIST); }
    public static Attribute object(String name) { return of(name, AttributeType.OBJECT); }

    public boolean required() { return flags.contains(Flag.REQUIRED); }
    public boolean createOnly() { return flags.contains(Flag.CREATE_ONLY); }
    public boolean writeOnly() { return flags.contains(Flag.WRITE_ONLY); }
    public boolean readOnly() { return flags.contains(Flag.READ_ONLY); }
    public boolean nullable() { return !flags.contains(Flag.NOT_NULL); }
    public boolean refusesBlank() { return flags.contains(Flag.REFUSES_BLANK); }
    public boolean nullIgnored() { return flags.contains(Flag.NULL_IGNORED); }
    public boolean updateOnly() { return flags.contains(Flag.UPDATE_ONLY); }
    public boolean requiredOnUpdate() { return flags.contains(Flag.REQUIRED_ON_UPDATE); }

    public Attribute column(String c) {
        return new Attribute(name, type, c, flags, defaultValue, allowed, maxLength);
    }

    /** Required on create, and never null. */
    public Attribute require() { return with(Flag.REQUIRED, Flag.NOT_NULL); }

    public Attribute requireOnUpdate() { return with(Flag.REQUIRED_ON_UPDATE); }

    public Attribute immutable() { return with(Flag.CREATE_ONLY); }

    public Attribute hide() { return with(Flag.WRITE_ONLY); }

    public Attribute serverSet() { return with(Flag.READ_ONLY); }

    public Attribute notNull() { return with(Flag.NOT_NULL); }

    /** A string that may not be empty or only whitespace. */
    public Attribute nonEmpty() { return with(Flag.REFUSES_BLANK); }

    /** A body's null means "not given" (see {@link Flag#NULL_IGNORED}). */
    public Attribute nullAsAbsent() { return with(Flag.NULL_IGNORED); }

    /** Not accepted in a create body, which gets the default; accepted in an update. */
    public Attribute updatableOnly() { return with(Flag.UPDATE_ONLY); }

    public Attribute defaultsTo(Object value) {
        return new Attribute(name, type, column, flags, Json.MAPPER.valueToTree(value), allowed, maxLength);
    }

    public Attribute oneOf(Object... values) {
        List<JsonNode> nodes = Arrays.stream(values).map(v -> (JsonNode) Json.MAPPER.valueToTree(v)).toList();
        return new Attribute(name, type, column, flags, defaultValue, nodes, maxLength);
    }

    public Attribute maxLength(int n) {
        return new Attribute(name, type, column, flags, defaultValue, allowed, n);
    }

    private Attribute with(Flag... more) {
        EnumSet<Flag> all = EnumSet.noneOf(Flag.class);
        all.addAll(flags);
        all.addAll(Arrays.asList(more));
        return new Attribute(name, type, column, all, defaultValue, allowed, maxLength);
    }

    /** Whether a create body may name it. */
    boolean creatable() { return !readOnly() && !updateOnly(); }

    /** Whether an update body may name it. */
    boolean updatable() { return !readOnly() && !createOnly(); }
}
