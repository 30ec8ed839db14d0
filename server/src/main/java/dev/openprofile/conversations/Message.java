package dev.openprofile.conversations;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;

/**
 * One message of a conversation: {@code inbound} (from the profile, recorded by the operator) or
 * {@code outbound} (create_conversation_message; recorded, never sent). {@code hierarchy} is the RCS/SMS
 * pair of the request, or null.
 */
record Message(String id, String conversationId, String direction, String body, JsonNode hierarchy, OffsetDateTime created) {}
