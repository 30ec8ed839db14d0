package dev.openprofile.jsonapi.filter;

import dev.openprofile.jsonapi.Datetime;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads one value: a quoted string, an array, or a bare word. A bare word runs up to whitespace or
 * one of {@code , ( ) [ ] " '} and must be {@code true}, {@code false}, {@code null}, a number or a
 * datetime; anything else is an unquoted string, which Klaviyo rejects (semantics.md §5, [ruby-3]).
 */
final class LiteralReader {

  private static final Pattern NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
  /** Digits then a dash can only be meant as a date, so it gets a datetime error, not a number one. */
  private static final Pattern DATE_LIKE = Pattern.compile("[0-9]+-.*", Pattern.DOTALL);
  /** Far beyond any real value; keeps BigInteger parsing of a megabyte of digits out. */
  private static final int MAX_NUMBER_LENGTH = 100;
  /** A date then a space and a time: Klaviyo's guide writes {@code 2023-08-15 12:30:00Z}, one value despite the space. */
  private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
  private static final Pattern SPACE_THEN_TIME = Pattern.compile(" [0-9]{2}:");

  private LiteralReader() {}

  static Literal read(Cursor in) {
    return in.at('[') ? array(in) : scalar(in);
  }

  private static Literal scalar(Cursor in) {
    if (in.at('"') || in.at('\'')) {
      return string(in);
    }
    int start = in.position();
    String word = in.take(LiteralReader::isBare, LiteralReader::isBare);
    if (DATE.matcher(word).matches() && in.lookingAt(SPACE_THEN_TIME)) {
      in.next();
      word = word + ' ' + in.take(LiteralReader::isBare, LiteralReader::isBare);
    }
    if (word.isEmpty()) {
      throw in.expected("a value");
    }
    return bare(in, word, start);
  }

  private static StringLiteral string(Cursor in) {
    int start = in.position();
    char quote = in.next();
    var value = new StringBuilder();
    while (true) {
      if (in.atEnd()) {
        throw in.error("unterminated string starting", start);
      }
      char c = in.next();
      if (c == quote) {
        return new StringLiteral(value.toString());
      }
      if (c == '\\') {
        if (in.atEnd()) {
          throw in.error("unterminated string starting", start);
        }
        c = in.next(); // any escaped character stands for itself: \' \" \\ and also \x -> x
      }
      value.append(c);
    }
  }

  private static ArrayLiteral array(Cursor in) {
    int start = in.position();
    in.next();
    in.skipWhitespace();
    if (in.at(']')) {
      throw in.error("empty array", start, "an array needs at least one value");
    }
    List<Literal> values = new ArrayList<>();
    while (true) {
      in.skipWhitespace();
      if (in.at('[')) {
        throw in.error("nested array", in.position(), "array items must be strings, numbers, booleans, datetimes or null");
      }
      values.add(scalar(in));
      in.skipWhitespace();
      if (in.consume(']')) {
        return new ArrayLiteral(values);
      }
      if (!in.consume(',')) {
        throw in.expected("',' or ']'");
      }
    }
  }

  private static Literal bare(Cursor in, String word, int start) {
    switch (word) {
      case "true": return new BooleanLiteral(true);
      case "false": return new BooleanLiteral(false);
      case "null": return new NullLiteral();
      default: break;
    }
    if (DATE_LIKE.matcher(word).matches()) {
      return Datetime.parse(word).map(DateTimeLiteral::of)
          .orElseThrow(() -> in.error("invalid datetime " + Cursor.excerpt(word), start, "use " + Datetime.FORMS));
    }
    char first = word.charAt(0);
    boolean numeric = (first >= '0' && first <= '9') || first == '-' || first == '+' || first == '.';
    if (!numeric) {
      String example = word.length() <= 40 ? FilterPrinter.quote(word) : "\"...\"";
      throw in.error("unquoted value " + Cursor.excerpt(word), start, "strings must be quoted, e.g. " + example);
    }
    if (!NUMBER.matcher(word).matches()) {
      throw in.error("invalid number " + Cursor.excerpt(word), start);
    }
    if (word.length() > MAX_NUMBER_LENGTH) {
      throw in.error("number " + Cursor.excerpt(word) + " is too long", start);
    }
    if (word.indexOf('.') < 0 && word.indexOf('e') < 0 && word.indexOf('E') < 0) {
      return new IntegerLiteral(new BigInteger(word));
    }
    try {
      return new DecimalLiteral(new BigDecimal(word));
    } catch (NumberFormatException e) { // exponent beyond int range
      throw in.error("number " + Cursor.excerpt(word) + " is out of range", start);
    }
  }

  private static boolean isBare(int c) {
    return !Cursor.isWhitespace((char) c) && ",()[]\"'".indexOf(c) < 0;
  }
}
