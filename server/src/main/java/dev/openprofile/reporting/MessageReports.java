package dev.openprofile.reporting;

import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.metrics.MetricService;
import dev.openprofile.store.Jdbc;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Campaign and flow reports. A campaign counts when one of its messages was sent (received) within the timeframe, and
 * then with all its events, whenever they happened, as Klaviyo's campaign reports are "calculated based on send
 * date"; a flow sends all the time, so a flow report counts the events that happened within the timeframe (or the
 * series' bucket). Groupings are per message (the required group-bys say so), one per tag when grouped by tag.
 */
final class MessageReports {
    /** Groupings on a page (decided: Klaviyo does not document its page size). */
    static final int PAGE_SIZE = 500;

    private final Jdbc jdbc;
    private final MetricService metrics;

    MessageReports(Jdbc jdbc, MetricService metrics) {
        this.jdbc = jdbc;
        this.metrics = metrics;
    }

    ReportResult run(String accountId, ReportRequest q) {
        String conversionMetric = q.conversionMetricId().orElseThrow();
        if (!metrics.exists(accountId, conversionMetric)) {
            throw ApiError.invalidPointer("/data/attributes/conversion_metric_id",
                    "'" + conversionMetric + "' is not a metric of this account.");
        }
        Subject subject = q.type().subject;
        Map<String, MessageKind> kindOf = metricKinds(accountId);
        List<String> received = kindOf.entrySet().stream().filter(e -> e.getValue() == MessageKind.RECEIVED).map(Map.Entry::getKey).toList();
        boolean campaign = subject == Subject.CAMPAIGN;
        List<ZonedDateTime> buckets = q.interval().map(i -> i.bucketStarts(q.timeframe())).orElse(List.of(q.timeframe().zonedStart()));
        String message = EventTallies.property(MessageKind.MESSAGE);
        String attributed = EventTallies.property(MessageKind.ATTRIBUTED_MESSAGE);
        return jdbc.read(c -> {
            var from = q.timeframe().start();
            var to = campaign ? EventTallies.NO_END : q.timeframe().end();
            Map<String, List<String>> only = new HashMap<>();
            if (campaign) {
                List<String> sent = EventTallies.tally(c, accountId, received, List.of(message), from, q.timeframe().end(),
                        buckets, Map.of()).stream().map(g -> g.key().getFirst()).distinct().toList();
                only.put(message, sent);
            }
            List<EventTallies.Group> events = new ArrayList<>(EventTallies.tally(c, accountId, List.copyOf(kindOf.keySet()),
                    List.of(message), from, to, buckets, only));
            Map<String, List<String>> onlyAttributed = only.isEmpty() ? Map.of() : Map.of(attributed, only.get(message));
            List<EventTallies.Group> conversions = EventTallies.tally(c, accountId, List.of(conversionMetric), List.of(attributed),
                    from, to, buckets, onlyAttributed);
            // message -> bucket -> kind -> tally
            Map<String, List<Map<MessageKind, Tally>>> tallies = new HashMap<>();
            for (EventTallies.Group g : events) add(tallies, g, kindOf.get(g.metricId()), buckets.size());
            for (EventTallies.Group g : conversions) add(tallies, g, MessageKind.CONVERTED, buckets.size());
            Map<String, MessageFacts> facts = MessageFacts.load(c, subject, accountId, tallies.keySet());
            List<ReportResult.Row> rows = new ArrayList<>();
            for (MessageFacts m : facts.values()) {
                if (!q.filter().matches(MessageGroupings.filterable(subject, m))) continue;
                for (Map<String, String> groupings : MessageGroupings.of(subject, m, q.groupBy())) {
                    rows.add(new ReportResult.Row(groupings, statistics(q, tallies.get(m.id()))));
                }
            }
            rows.sort((a, b) -> ReportResult.order(q.groupBy()).compare(a.groupings(), b.groupings()));
            return ReportResult.page(q.interval().isPresent() ? buckets : List.of(), rows, q.offset(), PAGE_SIZE);
        });
    }

    /** The account's Klaviyo message metrics, by id. */
    private Map<String, MessageKind> metricKinds(String accountId) {
        Map<String, MessageKind> byName = new HashMap<>();
        for (MessageKind k : MessageKind.values()) for (String name : k.metricNames) byName.put(name, k);
        return KlaviyoMetrics.byId(metrics, accountId, byName);
    }

    private static void add(Map<String, List<Map<MessageKind, Tally>>> tallies, EventTallies.Group g, MessageKind kind, int buckets) {
        List<Map<MessageKind, Tally>> series = tallies.computeIfAbsent(g.key().getFirst(), k -> {
            List<Map<MessageKind, Tally>> s = new ArrayList<>();
            for (int i = 0; i < buckets; i++) s.add(new EnumMap<>(MessageKind.class));
            return s;
        });
        // width_bucket: 0 before the first start (not queried), 1..n within
        Map<MessageKind, Tally> cell = series.get(Math.max(0, g.bucket() - 1));
        Tally t = g.tally();
        cell.merge(kind, t, (a, b) -> new Tally(a.count() + b.count(), a.uniques() + b.uniques(), a.value().add(b.value())));
    }

    private static Map<String, Object> statistics(ReportRequest q, List<Map<MessageKind, Tally>> series) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String name : q.statistics()) {
            MessageStatistic s = MessageStatistic.of(name);
            List<Number> values = series.stream().map(cell -> s.of(complete(cell))).toList();
            out.put(name, q.interval().isPresent() ? values : values.getFirst());
        }
        return out;
    }

    private static Map<MessageKind, Tally> complete(Map<MessageKind, Tally> cell) {
        Map<MessageKind, Tally> all = new EnumMap<>(cell);
        for (MessageKind k : MessageKind.values()) all.putIfAbsent(k, Tally.NONE);
        return all;
    }
}
