package dev.openprofile.pushtokens;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;

/**
 * A stored push token: an APNs or FCM token of one app install, held by one profile.
 *
 * @param metadata     the spec's device metadata as given, or null
 * @param recordedDate when the token was last registered (created or updated)
 */
public record PushToken(String id, String token, String profileId, String platform, String vendor,
                        String enablementStatus, String background, ObjectNode metadata, OffsetDateTime created,
                        OffsetDateTime recordedDate) {}
