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

/**
 * The one place the segments feature calls the segment engine (segments.engine): parsing a definition
 * and evaluating it into segment_membership.
 */
final class SegmentDefinitions {
    private final DefinitionParser parser;
    private final SegmentEngine engine = new SegmentEngine();

    SegmentDefinitions(References references) {
        this.parser = new DefinitionParser(references);
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
        return engine.refresh(c, accountId, segmentId, definition.definition(), now);
    }
}
