package dev.openprofile.http;

import dev.openprofile.jsonapi.ApiError;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * The required {@code revision} header (semantics §2): YYYY-MM-DD with an optional .suffix.
 * Missing or malformed is a 400; a date in the future is Klaviyo's 404; any past date is served.
 */
final class Revision {
    private static final Pattern FORMAT = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})(\\.[A-Za-z0-9]+)?");
    private final Clock clock;
    // Clients send the same few revision strings; remember their dates instead of parsing every time.
    private final java.util.Map<String, LocalDate> parsed = new java.util.concurrent.ConcurrentHashMap<>();

    Revision(Clock clock) {
        this.clock = clock;
    }

    void check(String header) {
        LocalDate known = header == null ? null : parsed.get(header);
        if (known != null) {
            requireNotFuture(known);
            return;
        }
        if (header == null || header.isBlank()) {
            throw ApiError.invalidParameter("revision", "The 'revision' header is required (format: YYYY-MM-DD[.suffix]).");
        }
        var m = FORMAT.matcher(header.strip());
        LocalDate date;
        try {
            if (!m.matches()) throw new DateTimeParseException("format", header, 0);
            date = LocalDate.parse(m.group(1));
        } catch (DateTimeParseException e) {
            throw ApiError.invalidParameter("revision",
                    "Invalid revision '" + header + "': expected a date in the format YYYY-MM-DD[.suffix].");
        }
        if (parsed.size() < 1000) parsed.put(header, date);
        requireNotFuture(date);
    }

    private void requireNotFuture(LocalDate date) {
        if (date.toEpochDay() > Math.floorDiv(clock.instant().getEpochSecond(), 86_400)) {
            throw new ApiError(404, "not_found", "Not found.", "Unable to specify a future revision date.",
                    ApiError.Source.parameter("revision"), null);
        }
    }
}
