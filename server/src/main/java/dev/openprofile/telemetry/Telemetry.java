package dev.openprofile.telemetry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Every meter of the server, named once here. Meters are Prometheus-named (snake case, {@code _total}
 * and {@code _seconds} added by the registry), so {@code GET /metrics} shows e.g.
 * {@code openprofile_http_requests_seconds_count{operation="get_profiles",status="200"}}.
 */
public final class Telemetry implements RateLimitRejections {
    /** The operation tag of a request no spec operation matched (an unknown path, /healthz, a Jetty rejection). */
    public static final String NO_OPERATION = "none";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    /** The registry, for libraries that report to Micrometer themselves (HikariCP's pool metrics). */
    public MeterRegistry registry() {
        return registry;
    }

    /** One answered request: a latency histogram per operation, method and status. */
    public void request(String operationId, String method, int status, Duration duration) {
        Timer.builder("openprofile.http.requests")
                .description("API requests answered, by spec operation id and status, with their latency")
                .tags("operation", operationId == null ? NO_OPERATION : operationId, "method", method,
                        "status", Integer.toString(status))
                .publishPercentileHistogram()
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry)
                .record(duration);
    }

    @Override
    public void rejected(String operationId, String window) {
        Counter.builder("openprofile.rate.limit.rejections")
                .description("Requests answered 429 by the rate limiter, by operation and window")
                .tags("operation", operationId == null ? NO_OPERATION : operationId, "window", window)
                .register(registry)
                .increment();
    }

    /** One asynchronous job finished by a worker: the time it spent processing, by job kind. */
    public void jobCompleted(String kind, Duration processing) {
        Timer.builder("openprofile.jobs.processing")
                .description("Time a worker spent on a job, from its claim to its completion")
                .tags("kind", kind)
                .publishPercentileHistogram()
                .register(registry)
                .record(processing);
    }

    /** Jobs waiting or running, read when scraped. */
    public void jobQueueDepth(LongSupplier depth) {
        Gauge.builder("openprofile.jobs.queue.depth", depth::getAsLong)
                .description("Asynchronous jobs queued or processing, across accounts")
                .register(registry);
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        return registry.scrape();
    }
}
