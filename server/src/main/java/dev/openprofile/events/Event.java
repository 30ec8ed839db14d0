package dev.openprofile.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.f4b6a3.ulid.UlidCreator;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A stored event. Its id is a ULID whose time is {@code datetime}, which locates its partition. */
record Event(String id, String metricId, String profileId, OffsetDateTime datetime, BigDecimal value,
             String valueCurrency, String uniqueId, ObjectNode properties, UUID uuid) {

    /** A new event at {@code time}: its id a ULID of that time, a fresh uuid. */
    static Event at(OffsetDateTime time, String metricId, String profileId, BigDecimal value, String valueCurrency,
                    String uniqueId, ObjectNode properties) {
        return new Event(UlidCreator.getUlid(time.toInstant().toEpochMilli()).toString(), metricId, profileId, time, value,
                valueCurrency, uniqueId, properties, UUID.randomUUID());
    }
}
