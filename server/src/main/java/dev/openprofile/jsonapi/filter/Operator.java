package dev.openprofile.jsonapi.filter;

import java.util.Optional;

/** Klaviyo's filter operators, by their wire names (the filtering guide's table; semantics.md §5). */
public enum Operator {
  EQUALS("equals"),
  ANY("any"),
  GREATER_THAN("greater-than"),
  GREATER_OR_EQUAL("greater-or-equal"),
  LESS_THAN("less-than"),
  LESS_OR_EQUAL("less-or-equal"),
  CONTAINS("contains"),
  CONTAINS_ANY("contains-any"),
  CONTAINS_ALL("contains-all"),
  STARTS_WITH("starts-with"),
  ENDS_WITH("ends-with"),
  HAS("has");

  private final String wire;

  Operator(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  /** Only {@code has(field)} comes without a value. */
  public boolean takesValue() {
    return this != HAS;
  }

  /** Substring tests: they only make sense on string values. */
  public boolean isTextSearch() {
    return switch (this) {
      case CONTAINS, CONTAINS_ANY, CONTAINS_ALL, STARTS_WITH, ENDS_WITH -> true;
      default -> false;
    };
  }

  /** Exact, case-sensitive lookup; empty for anything that is not an operator. */
  public static Optional<Operator> fromWire(String wire) {
    for (Operator op : values()) {
      if (op.wire.equals(wire)) {
        return Optional.of(op);
      }
    }
    return Optional.empty();
  }
}
