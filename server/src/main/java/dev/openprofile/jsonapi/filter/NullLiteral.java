package dev.openprofile.jsonapi.filter;

/** Unquoted {@code null}: "a reserved literal to represent null values for fields of any type" (semantics.md §5). */
public record NullLiteral() implements Literal {

  @Override
  public String describe() {
    return "null";
  }
}
