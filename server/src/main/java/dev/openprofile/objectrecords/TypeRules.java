package dev.openprofile.objectrecords;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.openprofile.jsonapi.Datetime;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * A schema property's type held against a record's value (docs/compatibility.md, "Custom objects: records and
 * ingestion"): the value as stored, or the failure in the pydantic-like words Klaviyo's ingestion log uses.
 */
final class TypeRules {
    private TypeRules() {}

    sealed interface Checked {}

    record Valid(JsonNode value) implements Checked {}

    record Invalid(String code, String message) implements Checked {}

    static final Invalid MISSING = new Invalid("missing", "Field required");

    static Checked check(String type, JsonNode v) {
        return switch (type) {
            case "string" -> v.isTextual() ? new Valid(v) : new Invalid("string_type", "Input should be a valid string");
            case "int" -> v.isIntegralNumber() && v.canConvertToLong() ? new Valid(v)
                    : new Invalid("int_type", "Input should be a valid integer");
            case "float" -> v.isNumber() ? new Valid(v) : new Invalid("float_type", "Input should be a valid number");
            case "boolean" -> v.isBoolean() ? new Valid(v) : new Invalid("bool_type", "Input should be a valid boolean");
            case "timestamp" -> timestamp(v);
            default -> throw new IllegalStateException("a schema property has the unknown type " + type);
        };
    }

    /** A date-time in a form {@link Datetime} reads (no offset: UTC; not a date alone) or epoch seconds, stored as RFC 3339 in UTC. */
    private static Checked timestamp(JsonNode v) {
        Instant at;
        if (v.isNumber()) {
            BigDecimal seconds = v.decimalValue();
            BigDecimal whole = seconds.setScale(0, java.math.RoundingMode.FLOOR);
            try {
                at = Instant.ofEpochSecond(whole.longValueExact(), seconds.subtract(whole).movePointRight(9).longValue());
            } catch (ArithmeticException | java.time.DateTimeException e) {
                return new Invalid("datetime_parsing", "Input should be a valid datetime");
            }
        } else if (v.isTextual()) {
            // The one datetime reader, less a date alone: custom objects' documented rule (compatibility.md, "type rules").
            Optional<Datetime> parsed = Datetime.parse(v.asText().strip()).filter(d -> !d.dateOnly());
            if (parsed.isEmpty()) return new Invalid("datetime_parsing", "Input should be a valid datetime");
            at = parsed.get().instant();
        } else {
            return new Invalid("datetime_type", "Input should be a valid datetime");
        }
        return new Valid(TextNode.valueOf(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at.atOffset(ZoneOffset.UTC))));
    }
}
