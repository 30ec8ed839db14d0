package dev.openprofile.jsonapi.filter;

import dev.openprofile.jsonapi.ApiError;
import java.util.function.IntPredicate;
import java.util.regex.Pattern;

/** A read position in the filter text, and the one place syntax errors get their wording. */
final class Cursor {

  /** Klaviyo's own wording for a bad filter (semantics.md §4); we add what and where. */
  private static final String PREFIX = "Invalid filter provided: ";
  private static final int EXCERPT_LENGTH = 40;

  private final String text;
  private int pos;

  Cursor(String text) {
    this.text = text;
  }

  int position() {
    return pos;
  }

  boolean atEnd() {
    return pos >= text.length();
  }

  /** The next character; only call when not {@link #atEnd()}. */
  char peek() {
    return text.charAt(pos);
  }

  boolean at(char c) {
    return !atEnd() && text.charAt(pos) == c;
  }

  char next() {
    return text.charAt(pos++);
  }

  /** Whether the text from here starts with a match of {@code p}. */
  boolean lookingAt(Pattern p) {
    return p.matcher(text).region(pos, text.length()).lookingAt();
  }

  boolean consume(char c) {
    if (at(c)) {
      pos++;
      return true;
    }
    return false;
  }

  void skipWhitespace() {
    while (!atEnd() && isWhitespace(peek())) {
      pos++;
    }
  }

  /** The longest run starting here whose first character passes {@code first} and the rest {@code rest}; may be empty. */
  String take(IntPredicate first, IntPredicate rest) {
    int start = pos;
    if (!atEnd() && first.test(peek())) {
      pos++;
      while (!atEnd() && rest.test(peek())) {
        pos++;
      }
    }
    return text.substring(start, pos);
  }

  static boolean isWhitespace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }

  ApiError error(String what, int position) {
    return ApiError.invalidParameter("filter", PREFIX + what + " at position " + position);
  }

  /** As {@link #error(String, int)}, followed by advice on fixing it. */
  ApiError error(String what, int position, String advice) {
    return ApiError.invalidParameter("filter", PREFIX + what + " at position " + position + ": " + advice);
  }

  /** "expected X at position N", saying so when the text ended early. */
  ApiError expected(String what) {
    return ApiError.invalidParameter("filter",
        PREFIX + "expected " + what + " at position " + pos + (atEnd() ? " (end of filter)" : ""));
  }

  /** A piece of user input for a message: quoted, and cut short so a huge value cannot bloat the error. */
  static String excerpt(String s) {
    return "'" + (s.length() <= EXCERPT_LENGTH ? s : s.substring(0, EXCERPT_LENGTH) + "...") + "'";
  }
}
