package dev.openprofile.custommetrics;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * One conversion role of an account and what it maps to: a metric, a custom metric, or nothing (never both).
 *
 * @param id the role, one of {@link #ROLES}
 */
record MappedMetric(String id, String metricId, String customMetricId, OffsetDateTime updated) {
    /** The spec's enum of mapping types; every account has each, once. */
    static final List<String> ROLES = List.of("added_to_cart", "cancelled_sales", "ordered_product", "refunded_sales", "revenue",
            "started_checkout", "viewed_product");
}
