package dev.openprofile.segments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.segments.engine.Definition;
import dev.openprofile.segments.engine.DefinitionParser;
import dev.openprofile.segments.engine.References;
import dev.openprofile.segments.engine.SegmentEngine;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * The one place the segments feature calls the segment engine (segments.engine): parsing a definition
 * and evaluating it into segment_membership.
 */
final class SegmentDefinitions {
    private final DefinitionParser parser;
    /**
     * For stored definitions, which were checked when they were saved: a list they name may have been
     * deleted since, which leaves its condition with no members rather than making the segment unreadable.
     */
    private final DefinitionParser storedParser = new DefinitionParser(new References() {
        @Override
        public boolean listExists(String accountId, String listId) {
            return true;
        }

        @Override
        public boolean metricExists(String accountId, String metricId) {
            return true;
        }
    });
    private final SegmentEngine engine = new SegmentEngine();
    /** Parsed stored definitions by segment id, valid while the segment's {@code updated} is unchanged. */
    private final java.util.concurrent.ConcurrentHashMap<String, Map.Entry<OffsetDateTime, Parsed>> stored =
            new java.util.concurrent.ConcurrentHashMap<>();

    SegmentDefinitions(References references) {
        this.parser = new DefinitionParser(references);
    }

    /** Drops the account's parsed definitions (its state was reset or replaced). */
    void forget(String accountId) {
        stored.keySet().removeIf(k -> k.startsWith(accountId + '/'));
    }

    /** A stored definition, parsed once per version of its segment. */
    Parsed stored(String accountId, String segmentId, ObjectNode definition, OffsetDateTime updated) {
        Map.Entry<OffsetDateTime, Parsed> cached = stored.get(accountId + '/' + segmentId);
        if (cached != null && java.util.Objects.equals(cached.getKey(), updated)) return cached.getValue();
        Parsed parsed = new Parsed(storedParser.parse(accountId, definition, "/definition"));
        stored.put(accountId + '/' + segmentId, new java.util.AbstractMap.SimpleImmutableEntry<>(updated, parsed));
        return parsed;
    }

    /** In the caller's transaction: re-evaluates only the given profiles (they changed). */
    void refreshProfiles(Connection c, String accountId, String segmentId, Parsed definition, java.util.Collection<String> ids,
                         OffsetDateTime now) throws SQLException {
        try {
            engine.refreshProfiles(c, accountId, segmentId, definition.definition(), ids, now);
        } catch (SQLException e) {
            throw refused(e);
        }
    }

    /** A definition that parsed, and its canonical JSON (what is stored and returned). */
    record Parsed(Definition definition) {
        ObjectNode json() {
            return definition.toJson();
        }
    }

    /** A 400 with source.pointer under {@code pointer} when anything in the definition is wrong or unsupported. */
    Parsed parse(String accountId, JsonNode definition, String pointer) {
        return new Parsed(parser.parse(accountId, definition, pointer));
    }

    /**
     * In the caller's transaction: makes the segment's members those the definition selects at {@code now};
     * members who stay keep joined_group_at. Returns the member count.
     */
    int refresh(Connection c, String accountId, String segmentId, Parsed definition, OffsetDateTime now) throws SQLException {
        try {
            return engine.refresh(c, accountId, segmentId, definition.definition(), now);
        } catch (SQLException e) {
            throw refused(e);
        }
    }

    /**
     * A regular expression Java's syntax accepts but PostgreSQL's does not (a possessive quantifier,
     * {@code \\p{L}}) fails only when the query runs: a 400 at the definition, not a 500 (the transaction
     * rolls back, nothing is stored).
     */
    private static SQLException refused(SQLException e) {
        if (!"2201B".equals(e.getSQLState())) return e;
        throw dev.openprofile.jsonapi.ApiError.invalidPointer(SegmentInput.DEFINITION,
                "A regular expression in the definition is not valid for PostgreSQL: " + e.getMessage());
    }
}
