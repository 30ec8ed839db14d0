/**
 * Custom metrics (conversion metrics that combine an account's metrics with property filters) and mapped metrics
 * (the fixed conversion roles, each mapped to a metric, a custom metric or nothing). See docs/architecture.md.
 */
package dev.openprofile.custommetrics;
