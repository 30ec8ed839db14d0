package dev.openprofile.campaigns;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * When a campaign sent with send_campaign goes out, from its stored {@code send_strategy}: {@code immediate} at once;
 * {@code static} and {@code throttled} at their {@code datetime}; {@code smart_send_time} at the start of its
 * {@code date} (UTC). A time already past sends at once. Throttling and local time zones are not emulated: every
 * recipient gets the message when the send runs (docs/compatibility.md, "Campaign sending").
 */
record SendStrategy(OffsetDateTime at) {
    static SendStrategy of(JsonNode strategy, OffsetDateTime now) {
        OffsetDateTime at = switch (strategy.path("method").asText("immediate")) {
            case "static", "throttled" -> OffsetDateTime.parse(strategy.get("datetime").asText());
            case "smart_send_time" -> LocalDate.parse(strategy.get("date").asText()).atStartOfDay().atOffset(ZoneOffset.UTC);
            default -> null;
        };
        return new SendStrategy(at == null || !at.isAfter(now) ? null : at);
    }

    /** Whether the send waits for a later time (the campaign is then {@code Scheduled}). */
    boolean scheduled() {
        return at != null;
    }
}
