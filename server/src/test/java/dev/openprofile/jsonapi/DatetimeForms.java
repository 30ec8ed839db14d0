package dev.openprofile.jsonapi;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Random;

/** An instant written in one of the forms {@link Datetime} reads, chosen at random; each means the same instant. */
final class DatetimeForms {

    private DatetimeForms() {}

    /** RFC 3339 in UTC with {@code Z}, the fraction as Java prints it: the reference the other forms are held to. */
    static String canonical(Instant t) {
        return t.toString();
    }

    /**
     * {@code t} (whole microseconds) with a random offset (or none, or {@code Z}/{@code z}), {@code T}/{@code t} or a
     * space, the fraction in 0 to 9 digits where that is exact, seconds dropped when zero (at random), a date alone when
     * it is midnight UTC (at random).
     */
    static String random(Instant t, Random r) {
        LocalDateTime utcWall = LocalDateTime.ofInstant(t, ZoneOffset.UTC);
        if (utcWall.toLocalTime().toNanoOfDay() == 0 && r.nextInt(3) == 0) return utcWall.toLocalDate().toString();
        int offsetKind = r.nextInt(6);
        ZoneOffset offset = offsetKind < 3 ? ZoneOffset.ofTotalSeconds((r.nextInt(36 * 60 + 1) - 18 * 60) * 60) : ZoneOffset.UTC;
        LocalDateTime wall = LocalDateTime.ofInstant(t, offset);
        StringBuilder out = new StringBuilder(wall.toLocalDate().toString());
        out.append(switch (r.nextInt(3)) { case 0 -> 'T'; case 1 -> ' '; default -> 't'; });
        out.append(String.format("%02d:%02d", wall.getHour(), wall.getMinute()));
        int nanos = wall.getNano();
        if (wall.getSecond() != 0 || nanos != 0 || r.nextBoolean()) {
            out.append(String.format(":%02d", wall.getSecond()));
            int minDigits = nanos == 0 ? 0 : 9 - trailingZeros(nanos);
            int digits = minDigits + r.nextInt(10 - minDigits);
            if (digits > 0) out.append('.').append(String.format("%09d", nanos), 0, digits);
        }
        switch (offsetKind) {
            case 0 -> out.append(offset.getId().equals("Z") ? "+00:00" : offset.getId());
            case 1 -> out.append(offset.getId().equals("Z") ? "+0000" : offset.getId().replace(":", ""));
            case 2 -> out.append(offset.getId().equals("Z") ? "-00:00" : offset.getId());
            case 3 -> out.append('Z');
            case 4 -> out.append('z');
            default -> { } // no offset: UTC
        }
        return out.toString();
    }

    /** How many of the 9 fraction digits of {@code nanos} are trailing zeros. */
    private static int trailingZeros(int nanos) {
        int zeros = 0;
        while (zeros < 9 && nanos % 10 == 0) {
            nanos /= 10;
            zeros++;
        }
        return zeros;
    }
}
