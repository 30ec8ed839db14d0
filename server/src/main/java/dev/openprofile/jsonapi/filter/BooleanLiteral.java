package dev.openprofile.jsonapi.filter;

/** Unquoted {@code true} or {@code false}. */
public record BooleanLiteral(boolean value) implements Literal {

  @Override
  public String describe() {
    return "a boolean";
  }
}
