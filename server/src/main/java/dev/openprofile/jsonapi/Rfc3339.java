package dev.openprofile.jsonapi;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Datetimes on the wire as Klaviyo writes them: whole seconds, UTC, "+00:00" (semantics §0). */
public final class Rfc3339 {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

    private Rfc3339() {}

    public static String format(OffsetDateTime t) {
        return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC).format(FORMAT);
    }
}
