package dev.openprofile.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.jsonapi.Links;
import dev.openprofile.jsonapi.Query;
import dev.openprofile.store.Jdbc;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Events rendered for another feature's {@code include=events}: the event a feature recorded for each of its records
 * through {@link EventService#recordLocked}, with the record's id as the event's unique id and the record's time as
 * the event's (a review's "Submitted Review").
 */
public final class EventIncludes {
    private final Jdbc jdbc;
    private final Links links;
    private final EventStore store = new EventStore();

    public EventIncludes(Jdbc jdbc, Links links) {
        this.jdbc = jdbc;
        this.links = links;
    }

    /** The rendered events by unique id, of the records given with their times. */
    public Map<String, List<ObjectNode>> byUniqueId(String accountId, Map<String, OffsetDateTime> recordedAt, Query query) {
        if (recordedAt.isEmpty()) return Map.of();
        List<String> ids = new ArrayList<>(recordedAt.keySet());
        List<OffsetDateTime> times = ids.stream().map(recordedAt::get).distinct().toList();
        List<Event> events = jdbc.read(c -> store.findByUniqueIds(c, accountId, ids, times));
        Map<String, List<ObjectNode>> out = new HashMap<>();
        for (Event e : events) {
            // Another record's event may share a time: keep only the one recorded with this record's own.
            if (!e.datetime().isEqual(recordedAt.get(e.uniqueId()))) continue;
            out.computeIfAbsent(e.uniqueId(), k -> new ArrayList<>()).add(EventDescriptor.resource(e, query, links));
        }
        return out;
    }
}
