package dev.openprofile.jsonapi.filter;

import static java.time.temporal.ChronoField.NANO_OF_SECOND;

import java.math.BigDecimal;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.Locale;

/**
 * Prints a {@link Filter} as canonical filter text: no whitespace, {@code and(...)} for every
 * {@link And} (never top-level commas), double-quoted strings, unquoted datetimes. Parsing the
 * result gives the same tree back, which the property tests check.
 */
public final class FilterPrinter {

  /** RFC 3339 with the shortest exact fraction (none when zero), {@code Z} for UTC. */
  private static final DateTimeFormatter DATETIME = new DateTimeFormatterBuilder()
      .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
      .appendFraction(NANO_OF_SECOND, 0, 9, true)
      .appendOffset("+HH:MM", "Z")
      .toFormatter(Locale.ROOT).withChronology(IsoChronology.INSTANCE);

  private FilterPrinter() {}

  public static String print(Filter filter) {
    var out = new StringBuilder();
    append(out, filter);
    return out.toString();
  }

  public static String print(Literal literal) {
    var out = new StringBuilder();
    append(out, literal);
    return out.toString();
  }

  /** {@code value} as a double-quoted literal: only {@code "} and {@code \} need a backslash. */
  public static String quote(String value) {
    var out = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\');
      }
      out.append(c);
    }
    return out.append('"').toString();
  }

  private static void append(StringBuilder out, Filter filter) {
    switch (filter) {
      case And and -> {
        out.append("and(");
        for (int i = 0; i < and.terms().size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          append(out, and.terms().get(i));
        }
        out.append(')');
      }
      case Condition condition -> {
        out.append(condition.operator().wire()).append('(').append(condition.field());
        if (condition.value() != null) {
          out.append(',');
          append(out, condition.value());
        }
        out.append(')');
      }
    }
  }

  private static void append(StringBuilder out, Literal literal) {
    switch (literal) {
      case StringLiteral s -> out.append(quote(s.value()));
      case IntegerLiteral i -> out.append(i.value());
      case DecimalLiteral d -> out.append(decimal(d.value()));
      case BooleanLiteral b -> out.append(b.value());
      case NullLiteral n -> out.append("null");
      case DateTimeLiteral t -> out.append(t.dateOnly() ? t.value().toLocalDate().toString() : DATETIME.format(t.value()));
      case ArrayLiteral a -> {
        out.append('[');
        for (int i = 0; i < a.values().size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          append(out, a.values().get(i));
        }
        out.append(']');
      }
    }
  }

  /** BigDecimal's own text keeps the scale exactly; a scale-0 value gets "E0" so it reads back as a decimal, not an integer. */
  private static String decimal(BigDecimal value) {
    String text = value.toString();
    return value.scale() == 0 ? text + "E0" : text;
  }
}
