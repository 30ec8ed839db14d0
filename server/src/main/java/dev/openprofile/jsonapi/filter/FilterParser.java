package dev.openprofile.jsonapi.filter;

import dev.openprofile.jsonapi.ApiError;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses Klaviyo's {@code ?filter=} text (already URL-decoded) into a {@link Filter}. The grammar is
 * in this package's {@code package-info.java}. Every syntax error is an {@link ApiError} 400 on
 * parameter {@code filter} naming what is wrong and its 0-based character position; nothing else
 * escapes, whatever the input.
 */
public final class FilterParser {

  /** Deeper and(...) nesting is refused so hostile input cannot exhaust the stack. */
  static final int MAX_DEPTH = 32;

  private final Cursor in;

  private FilterParser(String text) {
    this.in = new Cursor(text);
  }

  public static Filter parse(String text) {
    if (text == null || text.chars().allMatch(c -> Cursor.isWhitespace((char) c))) {
      throw ApiError.invalidParameter("filter", "Invalid filter provided: the filter is empty");
    }
    return new FilterParser(text).filter();
  }

  /** Top level: expressions separated by commas, "an alias for an and wrapper function" (semantics.md §5). */
  private Filter filter() {
    List<Filter> terms = new ArrayList<>();
    in.skipWhitespace();
    terms.add(expression(0));
    in.skipWhitespace();
    while (!in.atEnd()) {
      if (!in.consume(',')) {
        throw in.expected("',' or end of filter");
      }
      in.skipWhitespace();
      terms.add(expression(0));
      in.skipWhitespace();
    }
    return terms.size() == 1 ? terms.getFirst() : new And(terms);
  }

  private Filter expression(int depth) {
    int start = in.position();
    String name = in.take(FilterParser::isOperatorChar, FilterParser::isOperatorChar);
    if (name.isEmpty()) {
      throw in.expected("an operator such as equals(...)");
    }
    return switch (name) {
      case "and" -> and(start, depth);
      // Undocumented in every revision of Klaviyo's filtering guide (semantics.md §5, Gaps).
      case "or", "not" -> throw in.error("'" + name + "' is not supported", start,
          "conditions can only be combined with and(...) or commas");
      default -> condition(Operator.fromWire(name)
          .orElseThrow(() -> in.error("unknown operator " + Cursor.excerpt(name), start)), start);
    };
  }

  private And and(int start, int depth) {
    if (depth >= MAX_DEPTH) {
      throw in.error("and(...) nested more than " + MAX_DEPTH + " levels deep", start);
    }
    openParen("and");
    in.skipWhitespace();
    if (in.at(')')) {
      throw in.error("empty and()", start, "and(...) needs at least one condition");
    }
    List<Filter> terms = new ArrayList<>();
    while (true) {
      in.skipWhitespace();
      terms.add(expression(depth + 1));
      in.skipWhitespace();
      if (in.consume(')')) {
        return new And(terms);
      }
      if (!in.consume(',')) {
        throw in.expected("',' or ')'");
      }
    }
  }

  private Condition condition(Operator operator, int start) {
    openParen(operator.wire());
    in.skipWhitespace();
    String field = in.take(FilterParser::isFieldStart, FilterParser::isFieldChar);
    if (field.isEmpty()) {
      throw in.expected("a field name");
    }
    in.skipWhitespace();
    Literal value = null;
    if (operator.takesValue()) {
      if (in.at(')')) {
        throw in.error("'" + operator.wire() + "' needs a value", in.position(),
            "write " + operator.wire() + "(field,value)");
      }
      if (!in.consume(',')) {
        throw in.expected("','");
      }
      in.skipWhitespace();
      value = LiteralReader.read(in);
      in.skipWhitespace();
    } else if (in.at(',')) {
      throw in.error("'has' takes no value", in.position(), "write has(field)");
    }
    if (!in.consume(')')) {
      throw in.expected("')'");
    }
    return new Condition(operator, field, value, start);
  }

  private void openParen(String name) {
    in.skipWhitespace();
    if (!in.consume('(')) {
      throw in.expected("'(' after '" + name + "'");
    }
  }

  private static boolean isOperatorChar(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  }

  static boolean isFieldStart(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
  }

  static boolean isFieldChar(int c) {
    return isFieldStart(c) || (c >= '0' && c <= '9') || c == '-' || c == '.';
  }
}
