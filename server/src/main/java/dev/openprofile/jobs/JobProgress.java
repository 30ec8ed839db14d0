package dev.openprofile.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.jsonapi.Rfc3339;

/**
 * The progress attributes every counted bulk job shows (profile imports, catalog and coupon-code jobs), in the
 * spec's order; a family adds what is its own (errors, started_at) after them.
 */
public final class JobProgress {
    private JobProgress() {}

    public static ObjectNode attributes(Job job, int total, int completed, int failed) {
        ObjectNode a = Json.MAPPER.createObjectNode();
        a.put("status", job.status());
        a.put("created_at", Rfc3339.format(job.createdAt()));
        a.put("total_count", total);
        a.put("completed_count", completed);
        a.put("failed_count", failed);
        a.put("completed_at", Rfc3339.format(job.completedAt()));
        return a;
    }
}
