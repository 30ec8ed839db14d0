package dev.openprofile.segments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.jsonapi.ApiError;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;

/**
 * The one place the segments feature calls the segment engine (segments.engine): parsing a definition
 * and evaluating it into segment_membership.
 *
 * <p>TEMPORARY until the engine is merged: only the outer shape is checked and nothing is evaluated.
 */
final class SegmentDefinitions {

    /** A definition that parsed: its canonical JSON, as stored and returned. */
    record Parsed(ObjectNode json) {}

    /** A 400 with source.pointer under {@code pointer} when anything in the definition is wrong or unsupported. */
    Parsed parse(String accountId, JsonNode definition, String pointer) {
        JsonNode groups = definition.get("condition_groups");
        if (groups == null || !groups.isArray()) {
            throw ApiError.invalidPointer(pointer + "/condition_groups", "'condition_groups' must be an array.");
        }
        return new Parsed(((ObjectNode) definition).deepCopy());
    }

    /** Makes the segment's members those the definition selects at {@code now}, in the caller's transaction. */
    int refresh(Connection c, String accountId, String segmentId, Parsed definition, OffsetDateTime now) throws SQLException {
        return 0;
    }
}
