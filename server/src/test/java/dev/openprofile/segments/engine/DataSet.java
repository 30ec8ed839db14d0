package dev.openprofile.segments.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.consent.ConsentState;
import dev.openprofile.jsonapi.Json;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One account's data as the segment engine reads it: profiles (their columns, location and custom
 * properties), list memberships, consent states and events. Every account has the lists {@link #LISTS}
 * and the metrics {@link #METRICS}. Written into the database by {@link DataSetRows}, read in memory by
 * {@link ReferenceEvaluator}.
 */
record DataSet(List<Profile> profiles, List<Membership> memberships, Map<String, ConsentState> consents,
               List<Event> events) {
    static final List<String> LISTS = List.of("L1", "L2", "L3");
    static final List<String> METRICS = List.of("M1", "M2", "M3");
    /** The standard attributes that are text columns of the profile table. */
    static final List<String> TEXT_COLUMNS = List.of("email", "phone_number", "external_id", "first_name", "last_name",
            "organization", "locale", "title", "image");

    /** {@code columns}: the text columns by wire name (a missing one is null). */
    record Profile(String id, Map<String, String> columns, ObjectNode location, ObjectNode properties,
                   OffsetDateTime created, OffsetDateTime updated, OffsetDateTime lastEventDate) {}

    record Membership(String listId, String profileId, OffsetDateTime joined) {}

    record Event(String id, String metricId, String profileId, OffsetDateTime time, BigDecimal value,
                 ObjectNode properties) {}

    /** For hand-written data sets: profiles with only what a test names. */
    static final class Builder {
        private static final OffsetDateTime CREATED = OffsetDateTime.parse("2025-01-01T00:00:00Z");
        private final List<Profile> profiles = new ArrayList<>();
        private final List<Membership> memberships = new ArrayList<>();
        private final Map<String, ConsentState> consents = new HashMap<>();
        private final List<Event> events = new ArrayList<>();

        /** A profile with these custom properties (JSON) and nothing else. */
        Builder profile(String id, String properties) {
            return profile(id, Map.of(), "{}", properties);
        }

        Builder profile(String id, Map<String, String> columns, String location, String properties) {
            profiles.add(new Profile(id, columns, json(location), json(properties), CREATED, CREATED, null));
            return this;
        }

        Builder member(String listId, String profileId, String joined) {
            memberships.add(new Membership(listId, profileId, OffsetDateTime.parse(joined)));
            return this;
        }

        Builder consent(String profileId, ConsentState state) {
            consents.put(profileId, state);
            return this;
        }

        Builder event(String metricId, String profileId, String time, String value, String properties) {
            events.add(new Event("E" + (events.size() + 1), metricId, profileId, OffsetDateTime.parse(time),
                    value == null ? null : new BigDecimal(value), json(properties)));
            return this;
        }

        DataSet build() {
            return new DataSet(List.copyOf(profiles), List.copyOf(memberships), Map.copyOf(consents), List.copyOf(events));
        }

        private static ObjectNode json(String text) {
            try {
                JsonNode node = Json.MAPPER.readTree(text);
                return (ObjectNode) node;
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalArgumentException(text, e);
            }
        }
    }
}
