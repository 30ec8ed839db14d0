package dev.openprofile.jsonapi.filter;

import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Datetime;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Checks a parsed filter against one endpoint's table (field to {@link FieldRule}) and flattens its
 * {@code and}s into {@link Term}s with typed values. Every refusal is a 400 on parameter
 * {@code filter} that names the field, and the operator or value at fault, and lists what is allowed.
 */
public final class FilterValidator {

  /** Beyond this a "number" is no longer a measurement, and PostgreSQL's numeric would overflow anyway. */
  private static final int MAX_DECIMAL_EXPONENT = 1000;

  private FilterValidator() {}

  /** The conditions in the order written; all of them must hold. */
  public static List<Term> validate(Filter filter, Map<String, FieldRule> rules) {
    List<Term> terms = new ArrayList<>();
    collect(filter, rules, terms);
    return List.copyOf(terms);
  }

  private static void collect(Filter filter, Map<String, FieldRule> rules, List<Term> out) {
    switch (filter) {
      case And and -> and.terms().forEach(t -> collect(t, rules, out));
      case Condition condition -> out.add(term(condition, rules));
    }
  }

  private static Term term(Condition c, Map<String, FieldRule> rules) {
    String field = c.field();
    Operator op = c.operator();
    FieldRule rule = rules.get(field);
    if (rule == null && rules.isEmpty()) {
      throw invalid("this endpoint does not support filtering");
    }
    if (rule == null) {
      throw invalid(Cursor.excerpt(field) + " is not a valid field for the filter; allowed: "
          + rules.keySet().stream().sorted().collect(Collectors.joining(", ")));
    }
    if (!rule.operators().contains(op)) {
      throw invalid("operator '" + op.wire() + "' is not allowed for field '" + field + "'; allowed: " + wireNames(rule.operators()));
    }
    if (op == Operator.HAS) {
      return new Term(field, op, List.of(), false);
    }
    return switch (c.value()) {
      case NullLiteral n -> {
        if (op != Operator.EQUALS) {
          throw invalid("null can only be used with 'equals', not '" + op.wire() + "' (field '" + field + "')");
        }
        yield new Term(field, op, Collections.singletonList(null), false);
      }
      case ArrayLiteral array -> {
        if (!rule.list().contains(op)) {
          throw invalid("operator '" + op.wire() + "' takes a single value for field '" + field + "', not an array");
        }
        yield new Term(field, op, array.values().stream().map(v -> convert(field, rule, v)).toList(), true);
      }
      // A scalar for a list-only operator counts as a one-element list. Klaviyo's docs only show
      // arrays there (get_lists: equals(name,['example'])); accepting both is our decision for the
      // gap in semantics.md §5.
      default -> new Term(field, op, List.of(convert(field, rule, c.value())), !rule.single().contains(op));
    };
  }

  /** A scalar literal as the field's Java type. */
  private static Object convert(String field, FieldRule rule, Literal value) {
    if (value instanceof NullLiteral) {
      throw invalid("null is not allowed inside an array (field '" + field + "')");
    }
    Object converted = switch (rule.type()) {
      case STRING -> value instanceof StringLiteral s ? s.value() : null;
      case DATETIME -> switch (value) {
        case DateTimeLiteral t -> stored(t.value());
        // Klaviyo's Profiles guide quotes datetimes, its forum says not to: accept both (semantics.md §5).
        case StringLiteral s -> Datetime.parse(s.value()).map(d -> stored(d.asWritten())).orElseThrow(() -> invalid(
            "field '" + field + "' expects a datetime, got " + shown(value) + "; use " + Datetime.FORMS));
        default -> null;
      };
      case INTEGER -> value instanceof IntegerLiteral i ? longValue(field, i) : null;
      case NUMBER -> switch (value) {
        case IntegerLiteral i -> new BigDecimal(i.value());
        case DecimalLiteral d -> decimalValue(field, d);
        default -> null;
      };
      case BOOLEAN -> value instanceof BooleanLiteral b ? b.value() : null;
      case NONE -> throw new IllegalStateException("a NONE field only takes has()");
    };
    if (converted == null) {
      throw invalid("field '" + field + "' expects " + rule.type().description() + ", got " + shown(value));
    }
    if (converted instanceof String s && !rule.enumValues().isEmpty() && !rule.enumValues().contains(s)) {
      throw invalid(Cursor.excerpt(s) + " is not a valid value for field '" + field + "'; allowed: "
          + rule.enumValues().stream().map(FilterPrinter::quote).collect(Collectors.joining(", ")));
    }
    return converted;
  }

  /**
   * The instant in UTC, as PostgreSQL compares it: its offsets stop at ±15:59 (an offset up to ±18:00 would be a 500),
   * and it keeps microseconds (a 7th to 9th fraction digit is dropped here, so what is compared is known).
   */
  private static OffsetDateTime stored(OffsetDateTime value) {
    return value.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
  }

  private static Long longValue(String field, IntegerLiteral literal) {
    if (literal.value().bitLength() > 63) {
      throw invalid("value " + FilterPrinter.print(literal) + " is out of range for field '" + field + "'");
    }
    return literal.value().longValue();
  }

  private static BigDecimal decimalValue(String field, DecimalLiteral literal) {
    BigDecimal d = literal.value();
    long exponent = (long) d.precision() - d.scale(); // long: a scale near Integer.MIN_VALUE would overflow
    if (Math.abs(exponent) > MAX_DECIMAL_EXPONENT || Math.abs((long) d.scale()) > MAX_DECIMAL_EXPONENT) {
      throw invalid("value " + FilterPrinter.print(literal) + " is out of range for field '" + field + "'");
    }
    return d;
  }

  /** "a string \"abc\"", "an integer 5": kind and (cut short) text, as the user wrote it. */
  private static String shown(Literal value) {
    String text = FilterPrinter.print(value);
    return value.describe() + " " + (text.length() <= 40 ? text : text.substring(0, 40) + "...");
  }

  private static String wireNames(Collection<Operator> operators) {
    return operators.stream().map(Operator::wire).sorted().collect(Collectors.joining(", "));
  }

  private static ApiError invalid(String detail) {
    return ApiError.invalidParameter("filter", detail);
  }
}
