package dev.openprofile.segments.engine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the engine reads values out of JSON properties, written once for both evaluations: the SQL
 * compiler embeds the same patterns (and the migration's {@code openprofile_segment_date}), the
 * reference evaluator in the tests calls these methods.
 */
public final class Values {
    /** A string that counts as a number. */
    public static final Pattern DECIMAL = Pattern.compile("^-?[0-9]+(\\.[0-9]+)?$");
    private static final Pattern DATE = Pattern.compile(
            "^(\\d{4}-\\d{2}-\\d{2})(?:[T ](\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,6})?)?)(Z|[+-]\\d{2}(?::?\\d{2})?)?)?$");

    private Values() {}

    /**
     * A date property's moment, or null when the text is not one of the accepted forms or names no
     * moment. Year 0 and offsets of 16 hours or more are refused as PostgreSQL refuses them (it has no
     * year 0; real offsets are within -12:00 and +14:00).
     */
    public static OffsetDateTime date(String text) {
        Matcher m = DATE.matcher(text);
        if (!m.matches() || (m.group(2) != null && m.group(2).startsWith("24:"))) return null;
        try {
            LocalDate day = LocalDate.parse(m.group(1));
            LocalTime time = m.group(2) == null ? LocalTime.MIDNIGHT : LocalTime.parse(m.group(2));
            ZoneOffset offset = m.group(3) == null ? ZoneOffset.UTC : ZoneOffset.of(m.group(3));
            if (day.getYear() == 0 || Math.abs(offset.getTotalSeconds()) >= 16 * 3600) return null;
            return OffsetDateTime.of(day, time, offset);
        } catch (DateTimeException e) { // a field out of range: a day, an hour, an offset's minutes
            return null;
        }
    }

    /** The random-sample bucket (0 to 99) of a profile in a segment: the first 32 bits of an MD5, mod 100. */
    public static int sampleBucket(String segmentId, String profileId) {
        try {
            byte[] md5 = MessageDigest.getInstance("MD5").digest((segmentId + profileId).getBytes(StandardCharsets.UTF_8));
            long first32 = ((md5[0] & 0xffL) << 24) | ((md5[1] & 0xffL) << 16) | ((md5[2] & 0xffL) << 8) | (md5[3] & 0xffL);
            return (int) (first32 % 100);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }
}
