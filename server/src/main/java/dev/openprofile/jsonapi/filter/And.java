package dev.openprofile.jsonapi.filter;

import java.util.List;

/** {@code and(a, b, ...)}, also what a top-level comma-separated list of expressions means. */
public record And(List<Filter> terms) implements Filter {

  public And {
    terms = List.copyOf(terms);
    if (terms.isEmpty()) {
      throw new IllegalArgumentException("and() needs at least one term");
    }
  }
}
