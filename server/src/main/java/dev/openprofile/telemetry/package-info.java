/**
 * The server's metrics (Micrometer, scraped as Prometheus text at {@code GET /metrics}): requests by
 * operation and status with their latency, jobs, the connection pool, rate-limit rejections. A leaf of
 * the protocol layer: it imports nothing of ours, so http, jobs and store can all report to it.
 */
package dev.openprofile.telemetry;
