package dev.openprofile.resource;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.jsonapi.Datetime;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.jsonapi.Rfc3339;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;

/**
 * The wire type of an attribute, with how it is checked in a request body and how it travels to and from
 * its column when it has one (attributes without a column live in the row's JSONB document as given).
 */
public enum AttributeType {
    STRING("a string", "text"),
    NUMBER("a number", "numeric"),
    INTEGER("an integer", "bigint"),
    BOOLEAN("a boolean", "boolean"),
    DATETIME("a datetime: " + Datetime.FORMS, "timestamptz"),
    STRING_LIST("an array of strings", "text[]"),
    OBJECT("an object", "jsonb");

    private final String description;
    private final String sqlType;

    AttributeType(String description, String sqlType) {
        this.description = description;
        this.sqlType = sqlType;
    }

    /** "a string", for error details. */
    public String description() { return description; }

    /** The PostgreSQL type a keyset cursor's text is cast back to. */
    public String sqlType() { return sqlType; }

    /** Whether a non-null JSON value has this type. */
    public boolean accepts(JsonNode v) {
        return switch (this) {
            case STRING -> v.isTextual();
            case NUMBER -> v.isNumber();
            case INTEGER -> v.isIntegralNumber() || (v.isNumber() && v.decimalValue().stripTrailingZeros().scale() <= 0);
            case BOOLEAN -> v.isBoolean();
            case DATETIME -> v.isTextual() && parses(v.asText());
            case STRING_LIST -> {
                if (!v.isArray()) yield false;
                for (JsonNode item : v) if (!item.isTextual()) yield false;
                yield true;
            }
            case OBJECT -> v.isObject();
        };
    }

    /** The value as the wire shows it: datetimes normalized to Klaviyo's form, integers without a fraction. */
    public JsonNode normalize(JsonNode v) {
        if (v == null || v.isNull()) return v;
        return switch (this) {
            case DATETIME -> Json.MAPPER.getNodeFactory().textNode(Rfc3339.format(parse(v.asText())));
            case INTEGER -> Json.MAPPER.getNodeFactory().numberNode(v.decimalValue().longValueExact());
            default -> v;
        };
    }

    void bind(Connection c, PreparedStatement ps, int index, JsonNode v) throws SQLException {
        if (v == null || v.isNull()) {
            ps.setNull(index, this == STRING_LIST ? Types.ARRAY : this == OBJECT ? Types.OTHER : Types.NULL);
            return;
        }
        switch (this) {
            case STRING -> ps.setString(index, v.asText());
            case NUMBER -> ps.setBigDecimal(index, v.decimalValue());
            case INTEGER -> ps.setLong(index, v.decimalValue().longValueExact());
            case BOOLEAN -> ps.setBoolean(index, v.booleanValue());
            case DATETIME -> ps.setObject(index, parse(v.asText()));
            case STRING_LIST -> {
                String[] items = new String[v.size()];
                for (int i = 0; i < items.length; i++) items[i] = v.get(i).asText();
                ps.setArray(index, c.createArrayOf("text", items));
            }
            case OBJECT -> ps.setObject(index, v.toString(), Types.OTHER);
        }
    }

    JsonNode read(ResultSet rs, int index) throws SQLException {
        var f = Json.MAPPER.getNodeFactory();
        JsonNode out = switch (this) {
            case STRING -> rs.getString(index) == null ? null : f.textNode(rs.getString(index));
            case NUMBER -> {
                BigDecimal d = rs.getBigDecimal(index);
                yield d == null ? null : f.numberNode(d);
            }
            case INTEGER -> {
                long l = rs.getLong(index);
                yield rs.wasNull() ? null : f.numberNode(l);
            }
            case BOOLEAN -> {
                boolean b = rs.getBoolean(index);
                yield rs.wasNull() ? null : f.booleanNode(b);
            }
            case DATETIME -> {
                OffsetDateTime t = rs.getObject(index, OffsetDateTime.class);
                yield t == null ? null : f.textNode(Rfc3339.format(t));
            }
            case STRING_LIST -> {
                Array a = rs.getArray(index);
                if (a == null) yield null;
                var node = f.arrayNode();
                for (Object o : (Object[]) a.getArray()) node.add((String) o);
                yield node;
            }
            case OBJECT -> {
                String s = rs.getString(index);
                try {
                    yield s == null ? null : Json.MAPPER.readTree(s);
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalStateException("a jsonb column always holds JSON", e);
                }
            }
        };
        return out == null ? f.nullNode() : out;
    }

    private static boolean parses(String s) {
        try {
            parse(s);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static OffsetDateTime parse(String s) {
        return Datetime.parse(s).orElseThrow(() -> new IllegalArgumentException("not a datetime: " + s)).utc();
    }
}
