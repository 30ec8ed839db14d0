package dev.openprofile.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.MutableClock;
import dev.openprofile.testing.TestServer;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Differential: random message events and conversions recorded through create_event, then each report compared
 * with the same statistics computed here in plain code from the events as created (two paths, one rule: a flow counts
 * the events of the period, a campaign the events of its messages received in the period).
 */
class ReportsMatchEventsTest {
    static final long SEED = Long.getLong("reporting.seed", System.nanoTime());
    static final Instant START = Instant.parse("2026-09-01T00:00:00Z");
    static final String[] EMAIL = {"Received Email", "Received Email", "Received Email", "Opened Email", "Opened Email", "Clicked Email",
        "Bounced Email", "Unsubscribed", "Marked Email as Spam"};
    static final String[] SMS = {"Received SMS", "Received SMS", "Clicked SMS", "Failed to Deliver SMS", "Unsubscribed from SMS"};
    static TestServer server;
    static Api api;
    static String orders;
    static final List<Ev> events = new ArrayList<>();
    static List<String> flowMessages;
    static List<String> campaignMessages;

    /** One created event: its metric (null: a conversion), profile, time, message and value. */
    record Ev(String metric, String profile, Instant time, String message, BigDecimal value) {}

    @BeforeAll
    static void start() {
        System.out.println("ReportsMatchEventsTest seed " + SEED);
        Random random = new Random(SEED);
        server = TestServer.start(new MutableClock(Instant.parse("2026-09-20T12:00:00Z")));
        TestServer.Account account = server.newAccount("reporting-diff-");
        api = account.api();
        flowMessages = List.of(ReportFixtures.flow(api, "F1", "One").messageId(), ReportFixtures.flow(api, "F2", "Two").messageId());
        campaignMessages = List.of(ReportFixtures.campaign(api, "Mail", ReportFixtures.email("M")).messageId(),
                ReportFixtures.campaign(api, "Text", ReportFixtures.sms()).messageId());
        List<String> messages = new ArrayList<>(flowMessages);
        messages.addAll(campaignMessages);
        for (int i = 0; i < 160; i++) {
            String message = messages.get(random.nextInt(messages.size()));
            boolean sms = message.equals(campaignMessages.get(1));
            String profile = "p" + random.nextInt(6) + "@diff.example";
            Instant time = START.plus(Duration.ofMinutes(random.nextInt(14 * 24 * 60)));
            boolean conversion = random.nextInt(6) == 0;
            String metric = conversion ? null : (sms ? SMS[random.nextInt(SMS.length)] : EMAIL[random.nextInt(EMAIL.length)]);
            BigDecimal value = conversion ? BigDecimal.valueOf(random.nextInt(10_000), 2) : null;
            create(metric, profile, time, message, value);
            events.add(new Ev(metric, profile, time, message, value));
        }
        create(null, "p0@diff.example", START, "none", BigDecimal.ONE); // makes the metric in any case
        orders = ReportFixtures.metricId(server, account.id(), "Placed Order");
    }

    static void create(String metric, String profile, Instant time, String message, BigDecimal value) {
        String properties = metric == null ? "{\"$attributed_message\":\"" + message + "\"}" : "{\"$message\":\"" + message + "\"}";
        var r = api.post("create_event", "/api/events", "{\"data\":{\"type\":\"event\",\"attributes\":{\"properties\":" + properties
                + ",\"time\":\"" + time + "\",\"unique_id\":\"" + UUID.randomUUID() + "\"" + (value == null ? "" : ",\"value\":" + value)
                + ",\"metric\":{\"data\":{\"type\":\"metric\",\"attributes\":{\"name\":\"" + (metric == null ? "Placed Order" : metric)
                + "\"" + (metric == null ? "" : ",\"service\":\"klaviyo\"") + "}}},\"profile\":{\"data\":{\"type\":\"profile\","
                + "\"attributes\":{\"email\":\"" + profile + "\"}}}}}}");
        assertThat(r.status()).as(r.text()).isEqualTo(202);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** The statistics of one message from the events that count, computed the plain way. */
    static Map<String, Number> expected(List<Ev> counted) {
        long recipients = count(counted, m("Received Email", "Received SMS"));
        long bounced = count(counted, m("Bounced Email"));
        long failed = count(counted, m("Failed to Deliver SMS"));
        long delivered = Math.max(0, recipients - bounced - failed);
        long opensUnique = uniques(counted, m("Opened Email"));
        long clicksUnique = uniques(counted, m("Clicked Email", "Clicked SMS"));
        long conversionUniques = uniques(counted, e -> e.metric() == null);
        BigDecimal value = counted.stream().filter(e -> e.metric() == null).map(Ev::value).reduce(BigDecimal.ZERO, BigDecimal::add);
        return Map.ofEntries(Map.entry("recipients", recipients), Map.entry("delivered", delivered),
                Map.entry("opens", count(counted, m("Opened Email"))), Map.entry("opens_unique", opensUnique),
                Map.entry("clicks", count(counted, m("Clicked Email", "Clicked SMS"))), Map.entry("clicks_unique", clicksUnique),
                Map.entry("unsubscribes", count(counted, m("Unsubscribed", "Unsubscribed from SMS"))),
                Map.entry("spam_complaints", count(counted, m("Marked Email as Spam"))),
                Map.entry("bounced", bounced), Map.entry("failed", failed),
                Map.entry("conversions", count(counted, e -> e.metric() == null)), Map.entry("conversion_uniques", conversionUniques),
                Map.entry("conversion_value", value),
                Map.entry("open_rate", delivered == 0 ? 0.0 : (double) opensUnique / delivered),
                Map.entry("click_to_open_rate", opensUnique == 0 ? 0.0 : (double) clicksUnique / opensUnique),
                Map.entry("conversion_rate", delivered == 0 ? 0.0 : (double) conversionUniques / delivered),
                Map.entry("bounce_rate", recipients == 0 ? 0.0 : (double) bounced / recipients));
    }

    static final String STATISTICS = "\"recipients\",\"delivered\",\"opens\",\"opens_unique\",\"clicks\",\"clicks_unique\",\"unsubscribes\","
            + "\"spam_complaints\",\"bounced\",\"failed\",\"conversions\",\"conversion_uniques\",\"conversion_value\",\"open_rate\","
            + "\"click_to_open_rate\",\"conversion_rate\",\"bounce_rate\"";

    static Predicate<Ev> m(String... names) {
        Set<String> set = Set.of(names);
        return e -> e.metric() != null && set.contains(e.metric());
    }

    static long count(List<Ev> events, Predicate<Ev> p) {
        return events.stream().filter(p).count();
    }

    static long uniques(List<Ev> events, Predicate<Ev> p) {
        Set<String> profiles = new HashSet<>();
        events.stream().filter(p).forEach(e -> profiles.add(e.profile()));
        return profiles.size();
    }

    static void assertMatches(JsonNode statistics, Map<String, Number> expected, int bucket) {
        expected.forEach((name, value) -> {
            JsonNode actual = bucket < 0 ? statistics.get(name) : statistics.get(name).get(bucket);
            String what = name + (bucket < 0 ? "" : "[" + bucket + "]") + " (seed " + SEED + ")";
            switch (value) {
                case Long l -> assertThat(actual.asLong()).as(what).isEqualTo(l);
                case Double d -> assertThat(actual.asDouble()).as(what).isCloseTo(d, within(1e-9));
                case BigDecimal b -> assertThat(actual.decimalValue()).as(what).isEqualByComparingTo(b);
                default -> throw new IllegalStateException();
            }
        });
    }

    @Test
    void flowSeriesMatchTheEventsOfEachDay() {
        Api.Response r = ReportFixtures.report(api, "query_flow_series", "\"statistics\":[" + STATISTICS + "],\"timeframe\":{\"start\":"
                + "\"2026-09-03T00:00:00\",\"end\":\"2026-09-13T00:00:00\"},\"interval\":\"daily\",\"conversion_metric_id\":\"" + orders + "\"");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        JsonNode results = r.data().at("/attributes/results");
        Set<String> reported = new HashSet<>();
        for (JsonNode row : results) {
            String message = row.at("/groupings/flow_message_id").asText();
            reported.add(message);
            for (int day = 0; day < 10; day++) {
                Instant from = Instant.parse("2026-09-03T00:00:00Z").plus(Duration.ofDays(day));
                Instant to = from.plus(Duration.ofDays(1));
                List<Ev> counted = events.stream().filter(e -> e.message().equals(message) && !e.time().isBefore(from)
                        && e.time().isBefore(to)).toList();
                assertMatches(row.get("statistics"), expected(counted), day);
            }
        }
        Set<String> active = new HashSet<>();
        events.stream().filter(e -> flowMessages.contains(e.message()) && !e.time().isBefore(Instant.parse("2026-09-03T00:00:00Z"))
                && e.time().isBefore(Instant.parse("2026-09-13T00:00:00Z"))).forEach(e -> active.add(e.message()));
        assertThat(reported).as("seed " + SEED).isEqualTo(active);
    }

    @Test
    void campaignValuesMatchTheEventsOfMessagesSentInTheTimeframe() {
        Instant from = Instant.parse("2026-09-05T00:00:00Z");
        Instant to = Instant.parse("2026-09-10T00:00:00Z");
        JsonNode results = ReportFixtures.results(api, "query_campaign_values", "\"statistics\":[" + STATISTICS + "],\"timeframe\":{"
                + "\"start\":\"2026-09-05T00:00:00\",\"end\":\"2026-09-10T00:00:00\"},\"conversion_metric_id\":\"" + orders + "\"");
        Set<String> sent = new HashSet<>();
        events.stream().filter(e -> campaignMessages.contains(e.message()) && m("Received Email", "Received SMS").test(e)
                && !e.time().isBefore(from) && e.time().isBefore(to)).forEach(e -> sent.add(e.message()));
        Set<String> reported = new HashSet<>();
        for (JsonNode row : results) {
            String message = row.at("/groupings/campaign_message_id").asText();
            reported.add(message);
            List<Ev> counted = events.stream().filter(e -> e.message().equals(message) && !e.time().isBefore(from)).toList();
            assertMatches(row.get("statistics"), expected(counted), -1);
        }
        assertThat(reported).as("seed " + SEED).isEqualTo(sent);
    }
}
