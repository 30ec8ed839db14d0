package dev.openprofile.jsonapi.filter;

import java.util.List;

/**
 * {@code [v1, v2, ...]}: at least one value, none of them an array. Klaviyo documents no empty or
 * nested arrays, and an empty {@code any} could only ever match nothing, so both are syntax errors.
 */
public record ArrayLiteral(List<Literal> values) implements Literal {

  public ArrayLiteral {
    values = List.copyOf(values);
    if (values.isEmpty()) {
      throw new IllegalArgumentException("empty array");
    }
    if (values.stream().anyMatch(v -> v instanceof ArrayLiteral)) {
      throw new IllegalArgumentException("nested array");
    }
  }

  @Override
  public String describe() {
    return "an array";
  }
}
