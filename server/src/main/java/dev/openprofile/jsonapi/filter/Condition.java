package dev.openprofile.jsonapi.filter;

import java.util.Objects;

/**
 * One {@code operator(field,value)}, or {@code has(field)} with a null value.
 *
 * @param position 0-based character offset of the operator in the filter text, for error messages;
 *     0 for conditions built in code
 */
public record Condition(Operator operator, String field, Literal value, int position) implements Filter {

  public Condition {
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(field, "field");
    if (!isFieldName(field)) {
      throw new IllegalArgumentException("not a field name: " + field);
    }
    if (operator.takesValue() != (value != null)) {
      throw new IllegalArgumentException(operator.wire() + (operator.takesValue() ? " needs a value" : " takes no value"));
    }
  }

  /** A letter, {@code _} or {@code $}, then letters, digits, {@code _ $ - .}: what the parser reads as a field. */
  static boolean isFieldName(String s) {
    if (s.isEmpty() || !FilterParser.isFieldStart(s.charAt(0))) {
      return false;
    }
    return s.chars().allMatch(FilterParser::isFieldChar);
  }
}
