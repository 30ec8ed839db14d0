package dev.openprofile.jsonapi.filter;

import static java.time.temporal.ChronoField.DAY_OF_MONTH;
import static java.time.temporal.ChronoField.HOUR_OF_DAY;
import static java.time.temporal.ChronoField.MINUTE_OF_HOUR;
import static java.time.temporal.ChronoField.MONTH_OF_YEAR;
import static java.time.temporal.ChronoField.NANO_OF_SECOND;
import static java.time.temporal.ChronoField.SECOND_OF_MINUTE;
import static java.time.temporal.ChronoField.YEAR;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.Optional;

/**
 * The two spellings a filter accepts for a datetime: RFC 3339 {@code 2012-04-21T11:30:00.5-04:00}
 * (seconds and offset required, 1 to 9 fraction digits, {@code T}/{@code Z} in either case) and a
 * date {@code 2023-02-07}. Hand-built formatters, because Java's ISO ones also accept forms
 * RFC 3339 does not (no seconds, {@code +0400}, years past 9999).
 */
final class Rfc3339 {

  private static final DateTimeFormatter DATE = date().toFormatter(Locale.ROOT)
      .withResolverStyle(ResolverStyle.STRICT).withChronology(IsoChronology.INSTANCE);
  private static final DateTimeFormatter PARSE = dateTime(1).toFormatter(Locale.ROOT)
      .withResolverStyle(ResolverStyle.STRICT).withChronology(IsoChronology.INSTANCE);
  /** Prints the shortest exact fraction (none when zero). */
  private static final DateTimeFormatter PRINT = dateTime(0).toFormatter(Locale.ROOT)
      .withChronology(IsoChronology.INSTANCE);

  private Rfc3339() {}

  /** Empty unless {@code text} is exactly an RFC 3339 datetime or a date. */
  static Optional<DateTimeLiteral> parse(String text) {
    try {
      if (text.length() == 10) {
        return Optional.of(DateTimeLiteral.of(LocalDate.parse(text, DATE)));
      }
      return Optional.of(DateTimeLiteral.of(OffsetDateTime.parse(text, PARSE)));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  static String print(DateTimeLiteral literal) {
    return literal.dateOnly() ? DATE.format(literal.value()) : PRINT.format(literal.value());
  }

  private static DateTimeFormatterBuilder date() {
    return new DateTimeFormatterBuilder()
        .appendValue(YEAR, 4).appendLiteral('-')
        .appendValue(MONTH_OF_YEAR, 2).appendLiteral('-')
        .appendValue(DAY_OF_MONTH, 2);
  }

  private static DateTimeFormatterBuilder dateTime(int minFractionDigits) {
    return date()
        .parseCaseInsensitive()
        .appendLiteral('T')
        .appendValue(HOUR_OF_DAY, 2).appendLiteral(':')
        .appendValue(MINUTE_OF_HOUR, 2).appendLiteral(':')
        .appendValue(SECOND_OF_MINUTE, 2)
        .optionalStart().appendFraction(NANO_OF_SECOND, minFractionDigits, 9, true).optionalEnd()
        .appendOffset("+HH:MM", "Z");
  }
}
