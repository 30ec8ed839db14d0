package dev.openprofile.jsonapi.filter;

import java.util.List;
import java.util.Random;

/**
 * Prints a filter the way people write them: random whitespace between tokens, single or double
 * quotes, and top-level commas instead of an outer and(...). The parser must read it as the
 * canonical {@link FilterPrinter} text.
 */
final class LoosePrinter {

  private static final List<String> WHITESPACE = List.of("", "", " ", "\t", "\r\n", "  ");

  private final Random random;
  private final StringBuilder out = new StringBuilder();

  private LoosePrinter(Random random) {
    this.random = random;
  }

  static String print(Filter filter, Random random) {
    var printer = new LoosePrinter(random);
    printer.ws();
    if (filter instanceof And and && and.terms().size() > 1 && random.nextBoolean()) {
      printer.terms(and.terms());
    } else {
      printer.filter(filter);
    }
    printer.ws();
    return printer.out.toString();
  }

  static String singleQuoted(String value) {
    var out = new StringBuilder("'");
    for (char c : value.toCharArray()) {
      if (c == '\'' || c == '\\') {
        out.append('\\');
      }
      out.append(c);
    }
    return out.append('\'').toString();
  }

  private void filter(Filter filter) {
    switch (filter) {
      case And and -> {
        out.append("and");
        open();
        terms(and.terms());
        close();
      }
      case Condition c -> {
        out.append(c.operator().wire());
        open();
        out.append(c.field());
        if (c.value() != null) {
          comma();
          literal(c.value());
        }
        close();
      }
    }
  }

  private void terms(List<Filter> terms) {
    for (int i = 0; i < terms.size(); i++) {
      if (i > 0) {
        comma();
      }
      filter(terms.get(i));
    }
  }

  private void literal(Literal literal) {
    switch (literal) {
      case StringLiteral s -> out.append(random.nextBoolean() ? FilterPrinter.quote(s.value()) : singleQuoted(s.value()));
      case ArrayLiteral a -> {
        out.append('[');
        ws();
        for (int i = 0; i < a.values().size(); i++) {
          if (i > 0) {
            comma();
          }
          literal(a.values().get(i));
        }
        ws();
        out.append(']');
      }
      default -> out.append(FilterPrinter.print(literal));
    }
  }

  private void open() {
    ws();
    out.append('(');
    ws();
  }

  private void close() {
    ws();
    out.append(')');
  }

  private void comma() {
    ws();
    out.append(',');
    ws();
  }

  private void ws() {
    out.append(WHITESPACE.get(random.nextInt(WHITESPACE.size())));
  }
}
