package dev.openprofile.profiles;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;

/**
 * A stored profile. {@code location} and {@code properties} are JSON objects (never null);
 * {@code version} counts the row's writes, for optimistic updates.
 */
public record Profile(
        String id,
        String email,
        String phoneNumber,
        String externalId,
        String kx,
        String firstName,
        String lastName,
        String organization,
        String locale,
        String title,
        String image,
        ObjectNode location,
        ObjectNode properties,
        OffsetDateTime created,
        OffsetDateTime updated,
        OffsetDateTime lastEventDate,
        long version) {

    /** This profile once an event at {@code eventTime} happened: its newest event moves last_event_date and updated. */
    Profile withEvent(OffsetDateTime eventTime, OffsetDateTime now) {
        if (lastEventDate != null && !eventTime.isAfter(lastEventDate)) return this;
        OffsetDateTime moved = updated == null || now.isAfter(updated) ? now : updated;
        return new Profile(id, email, phoneNumber, externalId, kx, firstName, lastName, organization, locale, title, image,
                location, properties, created, moved, eventTime, version);
    }

    boolean hasIdentifier() {
        return email != null || phoneNumber != null || externalId != null;
    }
}
