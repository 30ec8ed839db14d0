package dev.openprofile.conversations;

import java.time.OffsetDateTime;

/** A profile's conversation on one channel: {@code sms}, {@code whatsapp} or {@code instagram}. */
record Conversation(String id, String profileId, String channel, OffsetDateTime created, OffsetDateTime lastMessageAt) {}
