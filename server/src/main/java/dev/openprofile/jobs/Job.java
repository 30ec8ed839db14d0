package dev.openprofile.jobs;

import java.time.OffsetDateTime;

/** A queued unit of asynchronous work, as the job table holds it. */
public record Job(String accountId, String id, String kind, String status, OffsetDateTime createdAt,
                  OffsetDateTime startedAt, OffsetDateTime completedAt, OffsetDateTime expiresAt) {
    public static final String QUEUED = "queued";
    public static final String PROCESSING = "processing";
    public static final String COMPLETE = "complete";
    public static final String CANCELLED = "cancelled";
}
