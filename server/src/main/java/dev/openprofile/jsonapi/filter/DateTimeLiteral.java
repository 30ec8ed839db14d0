package dev.openprofile.jsonapi.filter;

import dev.openprofile.jsonapi.Datetime;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * An unquoted datetime in one of {@link Datetime}'s forms ({@code 2012-04-21T11:30:00-04:00},
 * {@code 2024-11-01T00:00:00}) or a date ({@code 2023-02-07}). A date means midnight UTC: Klaviyo's
 * own comma example compares {@code datetime} with dates; so does a time without an offset.
 *
 * @param dateOnly written as a date; then {@code value} is that day's midnight UTC
 */
public record DateTimeLiteral(OffsetDateTime value, boolean dateOnly) implements Literal {

  public DateTimeLiteral {
    Objects.requireNonNull(value, "value");
    // What RFC 3339 text cannot express could not survive printing and parsing again.
    if (value.getYear() < 0 || value.getYear() > 9999) {
      throw new IllegalArgumentException("year outside 0000-9999: " + value);
    }
    if (value.getOffset().getTotalSeconds() % 60 != 0) {
      throw new IllegalArgumentException("offset is not whole minutes: " + value);
    }
    if (dateOnly && !(value.toLocalTime().equals(LocalTime.MIDNIGHT) && value.getOffset().equals(ZoneOffset.UTC))) {
      throw new IllegalArgumentException("a date-only value must be midnight UTC: " + value);
    }
  }

  public static DateTimeLiteral of(LocalDate date) {
    return new DateTimeLiteral(date.atStartOfDay().atOffset(ZoneOffset.UTC), true);
  }

  public static DateTimeLiteral of(Datetime parsed) {
    return parsed.dateOnly() ? of(parsed.wall().toLocalDate()) : of(parsed.asWritten());
  }

  public static DateTimeLiteral of(OffsetDateTime dateTime) {
    return new DateTimeLiteral(dateTime, false);
  }

  @Override
  public String describe() {
    return "a datetime";
  }
}
