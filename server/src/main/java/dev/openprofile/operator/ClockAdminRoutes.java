package dev.openprofile.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.http.AdminEndpoint;
import dev.openprofile.http.ApiResponse;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.jsonapi.Rfc3339;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

/**
 * {@code GET /admin/clock} ({"now", "frozen"}); {@code POST /admin/clock} with {"now": RFC 3339} (set and
 * freeze) or {"advance_seconds": N} (move forward, frozen or running); {@code DELETE /admin/clock} (real time).
 */
final class ClockAdminRoutes {
    /** Ten years: far enough for any retention or relative-date test, near enough to stay a plausible date. */
    private static final long MAX_ADVANCE_SECONDS = 10L * 366 * 86_400;

    private final ClockControl control;
    /** The API revision the server serves: a clock before its date would make every request's revision "future". */
    private final LocalDate revision;

    ClockAdminRoutes(ClockControl control, LocalDate revision) {
        this.control = control;
        this.revision = revision;
    }

    List<AdminEndpoint> endpoints() {
        return List.of(
                new AdminEndpoint("GET", "/admin/clock", r -> ApiResponse.ok(state())),
                new AdminEndpoint("POST", "/admin/clock", r -> {
                    JsonNode b = AdminInput.object(r.body(), Set.of("now", "advance_seconds"));
                    if (b.has("now") == b.has("advance_seconds")) {
                        throw ApiError.invalidPointer("/now", "Give either 'now' (an RFC 3339 time: set and freeze the clock)"
                                + " or 'advance_seconds' (move it forward), not both or neither.");
                    }
                    if (b.has("now")) control.freeze(now(b));
                    else control.advance(AdminInput.integer(b, "advance_seconds", 0, MAX_ADVANCE_SECONDS));
                    return ApiResponse.ok(state());
                }),
                new AdminEndpoint("DELETE", "/admin/clock", r -> {
                    control.real();
                    return ApiResponse.ok(state());
                }));
    }

    private Instant now(JsonNode b) {
        String text = b.get("now").isTextual() ? b.get("now").asText() : "";
        Instant at;
        try {
            at = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiError.invalidPointer("/now", "'now' must be an RFC 3339 time with an offset, e.g. 2027-01-01T00:00:00Z.");
        }
        // Klaviyo answers a revision dated after today 404 (semantics §2): before this date every SDK request would fail.
        if (at.isBefore(revision.atStartOfDay(ZoneOffset.UTC).toInstant())) {
            throw ApiError.invalidPointer("/now", "'now' must not be before " + revision + ", the API revision this server"
                    + " serves: clients send that revision, and a clock before it would answer every request 404.");
        }
        return at;
    }

    private ObjectNode state() {
        return Json.MAPPER.createObjectNode()
                .put("now", Rfc3339.format(OffsetDateTime.ofInstant(control.clock().instant(), ZoneOffset.UTC)))
                .put("frozen", control.clock().frozen());
    }
}
