package dev.openprofile.reporting;

import dev.openprofile.metrics.Metric;
import dev.openprofile.metrics.MetricService;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The account's Klaviyo metrics (integration {@code klaviyo}) a report counts, found by their names. */
final class KlaviyoMetrics {
    private KlaviyoMetrics() {}

    /**
     * @param kindOfName each metric name a report counts, with what it counts as
     * @return the account's metrics of those names, by id, each with its kind (names it has no metric of are absent)
     */
    static <K> Map<String, K> byId(MetricService metrics, String accountId, Map<String, K> kindOfName) {
        Map<String, K> byId = new HashMap<>();
        metrics.idsNamed(accountId, Metric.KLAVIYO, List.copyOf(kindOfName.keySet()))
                .forEach((name, id) -> byId.put(id, kindOfName.get(name)));
        return byId;
    }
}
