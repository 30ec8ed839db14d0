package dev.openprofile.metrics;

import java.time.OffsetDateTime;

/** A metric of an account: what its events count, and the integration it came from. */
public record Metric(String id, String name, String integrationKey, OffsetDateTime created, OffsetDateTime updated) {
    /** Metrics created through the Events API without a service. */
    public static final String API = "api";
}
