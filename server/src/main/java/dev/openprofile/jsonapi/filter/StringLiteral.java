package dev.openprofile.jsonapi.filter;

import java.util.Objects;

/** A single- or double-quoted string, escapes already resolved. */
public record StringLiteral(String value) implements Literal {

  public StringLiteral {
    Objects.requireNonNull(value, "value");
  }

  @Override
  public String describe() {
    return "a string";
  }
}
