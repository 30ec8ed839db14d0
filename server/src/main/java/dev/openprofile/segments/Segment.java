package dev.openprofile.segments;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;

/**
 * A segment: a definition and the profiles it selects (segment_membership). {@code definition} is the
 * engine's canonical JSON, returned as stored.
 */
record Segment(String id, String name, ObjectNode definition, boolean isActive, boolean isStarred,
               boolean isProcessing, OffsetDateTime created, OffsetDateTime updated) {}
