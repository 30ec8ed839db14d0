package dev.openprofile.jsonapi.filter;

import java.math.BigDecimal;
import java.util.Objects;

/** A number written with a fraction or an exponent ({@code 1.5}, {@code -2e3}); scale is kept as written. */
public record DecimalLiteral(BigDecimal value) implements Literal {

  public DecimalLiteral {
    Objects.requireNonNull(value, "value");
  }

  @Override
  public String describe() {
    return "a decimal number";
  }
}
