package dev.openprofile.jsonapi.filter;

/**
 * A value as written in the filter text. Its kind is syntactic: {@code "2023-03-01"} is a string
 * here; {@link FilterValidator} decides against the field's type what it means.
 */
public sealed interface Literal
    permits StringLiteral, IntegerLiteral, DecimalLiteral, BooleanLiteral, NullLiteral, DateTimeLiteral, ArrayLiteral {

  /** What the value is, in words, for error messages: "a string", "an integer", ... */
  String describe();
}
