package dev.openprofile.metrics;

import java.time.OffsetDateTime;

/** A metric of an account: what its events count, and the integration it came from. */
public record Metric(String id, String name, String integrationKey, OffsetDateTime created, OffsetDateTime updated) {
    /** Metrics created through the Events API without a service. */
    public static final String API = "api";
    /** Klaviyo's own metrics, which OpenProfile records when a feature acts (e.g. "Subscribed to Back in Stock"). */
    public static final String KLAVIYO = "klaviyo";
}
