package dev.openprofile.jsonapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A datetime as a request writes it, in any of the forms Klaviyo's Datetimes guide accepts (semantics.md §5): a date
 * ({@code 2023-03-01}, midnight UTC), or a date and a time joined by {@code T} or a space, with an offset ({@code Z},
 * {@code +03:00}) or none (UTC). The one reader of datetimes in filters and request bodies.
 *
 * <p>Beyond the guide's examples, and why (docs/compatibility.md, "Datetimes"): up to 9 fraction digits (.NET writes
 * 7, Go up to 9; the value is kept exactly, PostgreSQL then keeps microseconds); an offset without its colon,
 * {@code +0300} (Python's {@code %z}); seconds may be left out, {@code 12:30} (what the bodies' ISO reading took
 * before); {@code t} and {@code z} in lower case (RFC 3339 §5.6). Refused: a leap second {@code :60} (readers
 * disagree on what it means: PostgreSQL the next minute, java.time second 59), an offset beyond ±18:00, years
 * outside 0000-9999, and anything around the value (spaces, junk).
 *
 * @param wall the date and time as written
 * @param offset the offset as written, or null when there was none
 * @param dateOnly written as a date alone
 */
public record Datetime(LocalDateTime wall, ZoneOffset offset, boolean dateOnly) {

    /** What an error says about the forms accepted. */
    public static final String FORMS = "a date (2023-03-01, midnight UTC) or a date and time with 'T' or a space, "
            + "optional fraction and an offset 'Z', '+03:00' or none for UTC, e.g. 2023-03-01T12:30:00Z, "
            + "2023-03-01 12:30:00.710, 2023-03-01T12:30:00+03:00";

    private static final Pattern FORM = Pattern.compile(
            "([0-9]{4})-([0-9]{2})-([0-9]{2})"
            + "(?:[Tt ]([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:\\.([0-9]{1,9}))?)?"
            + "(?:([Zz])|([+-])([0-9]{2}):?([0-9]{2}))?)?");

    /** Empty unless {@code text} is, in full, one of the accepted forms of a valid date and time. */
    public static Optional<Datetime> parse(String text) {
        if (text == null || text.length() > 40) return Optional.empty();
        Matcher m = FORM.matcher(text);
        if (!m.matches()) return Optional.empty();
        try {
            LocalDate date = LocalDate.of(number(m, 1), number(m, 2), number(m, 3));
            if (m.group(4) == null) return Optional.of(new Datetime(date.atStartOfDay(), null, true));
            int nanos = m.group(7) == null ? 0 : Integer.parseInt((m.group(7) + "00000000").substring(0, 9));
            LocalTime time = LocalTime.of(number(m, 4), number(m, 5), m.group(6) == null ? 0 : number(m, 6), nanos);
            ZoneOffset offset = null;
            if (m.group(8) != null) {
                offset = ZoneOffset.UTC;
            } else if (m.group(9) != null) {
                int minutes = number(m, 11);
                if (minutes > 59) return Optional.empty();
                int sign = m.group(9).equals("-") ? -1 : 1;
                offset = ZoneOffset.ofHoursMinutes(sign * number(m, 10), sign * minutes);
            }
            return Optional.of(new Datetime(date.atTime(time), offset, false));
        } catch (DateTimeException e) { // Feb 30, hour 24, second 60, offset +19:00
            return Optional.empty();
        }
    }

    /**
     * A datetime member of a request body: the value at {@code pointer}, named {@code name} in the error, which is a
     * 400 pointing at it when the value is not a string in one of the forms.
     */
    public static Datetime of(JsonNode value, String pointer, String name) {
        Optional<Datetime> parsed = value != null && value.isTextual() ? parse(value.asText()) : Optional.empty();
        return parsed.orElseThrow(() -> ApiError.invalidPointer(pointer, "'" + name + "' must be a datetime"
                + (value != null && value.isTextual() ? ", not '" + excerpt(value.asText()) + "'" : "") + ": " + FORMS + "."));
    }

    /** The instant meant, a value without an offset being UTC. */
    public OffsetDateTime utc() {
        return wall.atOffset(offset == null ? ZoneOffset.UTC : offset).withOffsetSameInstant(ZoneOffset.UTC);
    }

    /** As written: its own offset, UTC when it had none. */
    public OffsetDateTime asWritten() {
        return wall.atOffset(offset == null ? ZoneOffset.UTC : offset);
    }

    public Instant instant() {
        return utc().toInstant();
    }

    /** The instant meant where an offset-less value (a date too) is a local time in {@code zone}. */
    public Instant instantIn(ZoneId zone) {
        return offset == null ? wall.atZone(zone).toInstant() : asWritten().toInstant();
    }

    private static int number(Matcher m, int group) {
        return Integer.parseInt(m.group(group));
    }

    private static String excerpt(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
