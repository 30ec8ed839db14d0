package dev.openprofile.jsonapi.filter;

import java.math.BigInteger;
import java.util.Objects;

/** A number written without fraction or exponent. Unbounded here; the validator checks the range. */
public record IntegerLiteral(BigInteger value) implements Literal {

  public IntegerLiteral {
    Objects.requireNonNull(value, "value");
  }

  public static IntegerLiteral of(long value) {
    return new IntegerLiteral(BigInteger.valueOf(value));
  }

  @Override
  public String describe() {
    return "an integer";
  }
}
