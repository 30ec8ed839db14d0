package dev.openprofile.resource;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * One stored resource: every declared attribute (null nodes for unset ones), the ids its to-one
 * relationships point at, and its timestamps.
 */
public record ResourceRow(String id, Map<String, JsonNode> attributes, Map<String, String> toOne,
                          OffsetDateTime created, OffsetDateTime updated) {}
