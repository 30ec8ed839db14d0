package dev.openprofile.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A stored event. Its id is a ULID whose time is {@code datetime}, which locates its partition. */
record Event(String id, String metricId, String profileId, OffsetDateTime datetime, BigDecimal value,
             String valueCurrency, String uniqueId, ObjectNode properties, UUID uuid) {}
