package dev.openprofile.jsonapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.MutableClock;
import dev.openprofile.testing.TestServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Datetimes in get_profiles' and get_events' filters over HTTP and PostgreSQL (issue 21): every form of Klaviyo's
 * Datetimes guide, quoted or not, selects the rows its instant selects; a malformed value is a 400 on {@code filter}.
 * 40 profiles are created (and suppressed) at chosen instants of a MutableClock (kept to the second, as the server
 * keeps them), 40 events carry chosen times written in random forms, so each filter's right answer is known here; the
 * values filtered with have microseconds.
 */
class DatetimeFiltersTest {
    static final Instant START = Instant.parse("2026-08-01T00:00:00Z");
    static final MutableClock clock = new MutableClock(START);
    static final long SEED = Long.getLong("datetimes.seed", System.nanoTime());
    static final int ROWS = 40;
    static TestServer server;
    static Api api;
    /** Profile id to its created instant, to its suppression instant; the events' times. */
    static final Map<String, Instant> created = new LinkedHashMap<>();
    static final Map<String, Instant> suppressed = new LinkedHashMap<>();
    static final List<Instant> eventTimes = new ArrayList<>();

    /** The comparison each operator makes of a row's value with the filter's. */
    static final Map<String, BiPredicate<Instant, Instant>> OPERATORS = Map.of(
            "greater-than", (row, v) -> row.isAfter(v),
            "greater-or-equal", (row, v) -> !row.isBefore(v),
            "less-than", (row, v) -> row.isBefore(v),
            "less-or-equal", (row, v) -> !row.isAfter(v));

    @BeforeAll
    static void start() {
        server = TestServer.start(clock);
        api = server.api();
        Random r = new Random(SEED);
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            // Spread over days, minutes, seconds and microseconds, some at a whole minute or midnight.
            clock.advance(Duration.ofSeconds(r.nextInt(3) == 0 ? 86_400 - 1 : r.nextInt(20_000) + 1, r.nextInt(3) == 0 ? 0 : r.nextInt(1_000_000) * 1000L));
            if (i % 10 == 0) clock.advance(Duration.between(clock.instant(), clock.instant().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1))));
            String email = "dt" + i + "@datetimes.example.com";
            emails.add(email);
            String id = api.post("create_profile", "/api/profiles",
                    "{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"" + email + "\"}}}").data().get("id").asText();
            created.put(id, clock.instant().truncatedTo(ChronoUnit.SECONDS)); // profiles keep whole seconds (ProfileService)
        }
        List<String> ids = List.copyOf(created.keySet());
        for (int batch = 0; batch < 8; batch++) {
            clock.advance(Duration.ofSeconds(r.nextInt(5_000) + 1, r.nextInt(1_000_000) * 1000L));
            List<String> some = emails.subList(batch * 5, batch * 5 + 5);
            api.post("bulk_suppress_profiles", "/api/profile-suppression-bulk-create-jobs",
                    "{\"data\":{\"type\":\"profile-suppression-bulk-create-job\",\"attributes\":{\"profiles\":{\"data\":["
                            + some.stream().map(e -> "{\"type\":\"profile\",\"attributes\":{\"email\":\"" + e + "\"}}")
                            .collect(Collectors.joining(",")) + "]}}}}");
            server.awaitJobs();
            for (int i = 0; i < 5; i++) suppressed.put(ids.get(batch * 5 + i), clock.instant().truncatedTo(ChronoUnit.SECONDS));
        }
        Instant time = Instant.parse("2025-03-01T00:00:00Z");
        for (int i = 0; i < ROWS; i++) {
            time = time.plusSeconds(r.nextInt(4) == 0 ? 0 : r.nextInt(100_000)).plusNanos(r.nextInt(1_000_000) * 1000L);
            // An event's time is kept to the second (EventInput); written here in any form, fraction and all.
            String written = DatetimeForms.random(time, r);
            Api.Response posted = api.post("create_event", "/api/events", "{\"data\":{\"type\":\"event\",\"attributes\":{"
                    + "\"properties\":{},\"time\":\"" + written + "\",\"unique_id\":\"e" + i + "\","
                    + "\"metric\":{\"data\":{\"type\":\"metric\",\"attributes\":{\"name\":\"Viewed\"}}},"
                    + "\"profile\":{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"" + emails.get(i) + "\"}}}}}}");
            assertThat(posted.status()).as(written + ": " + posted.text()).isEqualTo(202);
            eventTimes.add(time.truncatedTo(ChronoUnit.SECONDS));
        }
        server.awaitJobs();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static Set<String> profiles(String filter) {
        Api.Response r = api.get("get_profiles", "/api/profiles?page%5Bsize%5D=100&filter=" + q(filter));
        assertThat(r.status()).as(filter + ": " + r.text()).isEqualTo(200);
        Set<String> out = new HashSet<>();
        r.data().forEach(p -> out.add(p.get("id").asText()));
        return out;
    }

    /** The events' datetimes as the API shows them (whole seconds in UTC), so a set can be compared with the expected. */
    static Set<Instant> events(String filter) {
        Api.Response r = api.get("get_events", "/api/events?filter=" + q(filter));
        assertThat(r.status()).as(filter + ": " + r.text()).isEqualTo(200);
        assertThat(r.body().at("/links/next").isNull()).isTrue();
        Set<Instant> out = new HashSet<>();
        r.data().forEach(e -> out.add(Instant.parse(e.at("/attributes/datetime").asText())));
        return out;
    }

    static Set<String> expected(Map<String, Instant> rows, String operator, Instant value) {
        return rows.entrySet().stream().filter(e -> OPERATORS.get(operator).test(e.getValue(), value))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
    }

    static Set<Instant> expectedEvents(String operator, Instant value) {
        return eventTimes.stream().filter(t -> OPERATORS.get(operator).test(t, value)).collect(Collectors.toSet());
    }

    @Test
    void theDataIsWhatTheTestThinks() {
        assertThat(events("greater-or-equal(datetime,2000-01-01)")).containsExactlyInAnyOrderElementsOf(new HashSet<>(eventTimes));
        assertThat(profiles("greater-than(created,2000-01-01)")).containsExactlyInAnyOrderElementsOf(created.keySet());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "2026-08-05T00:00:00Z", "2026-08-05", "2026-08-05T00:00:00", "2026-08-05 00:00:00", "2026-08-05T00:00",
            "2026-08-05T00:00:00.000Z", "2026-08-05T00:00:00.000000000", "2026-08-05t00:00:00z", "2026-08-05T02:00:00+02:00",
            "2026-08-05T02:00:00+0200", "2026-08-04T19:30:00-04:30", "2026-08-05 00:00:00-00:00", "\"2026-08-05T00:00:00\"",
            "'2026-08-05 00:00:00Z'", "\"2026-08-05\"", "\"2026-08-04T20:00:00-04:00\""})
    void everyFormOnCreatedUpdatedAndSuppressionTimestamp(String value) {
        Instant at = Instant.parse("2026-08-05T00:00:00Z");
        assertThat(profiles("less-than(created," + value + ")")).isEqualTo(expected(created, "less-than", at)).isNotEmpty();
        assertThat(profiles("greater-than(created," + value + ")")).isEqualTo(expected(created, "greater-than", at)).isNotEmpty();
        assertThat(profiles("greater-than(updated," + value + ")")).isEqualTo(profiles("greater-than(updated,2026-08-05T00:00:00Z)"));
        String field = "subscriptions.email.marketing.suppression.timestamp";
        Instant firstSuppression = suppressed.values().stream().min(Instant::compareTo).orElseThrow();
        assertThat(profiles("greater-or-equal(" + field + "," + value + ")"))
                .isEqualTo(expected(suppressed, "greater-or-equal", at)).hasSize(at.isBefore(firstSuppression) ? 40 : 0);
    }

    @Test
    void klaviyosExampleScriptsFiltersWithoutAnOffset() {
        Instant at = suppressed.values().stream().sorted().toList().get(20).truncatedTo(ChronoUnit.SECONDS);
        String written = at.toString().replace("Z", "");
        assertThat(profiles("less-or-equal(subscriptions.email.marketing.suppression.timestamp," + written + ")"))
                .isEqualTo(expected(suppressed, "less-or-equal", at)).hasSizeBetween(15, 25);
        Instant eventAt = eventTimes.stream().sorted().toList().get(20);
        assertThat(events("greater-or-equal(datetime," + eventAt.toString().replace("Z", "") + ")"))
                .isEqualTo(expectedEvents("greater-or-equal", eventAt)).hasSizeBetween(1, 20);
    }

    @Test
    void everyFormOnEventsDatetime() {
        Instant at = eventTimes.stream().sorted().toList().get(13);
        Random r = new Random(SEED);
        for (int i = 0; i < 12; i++) {
            String written = DatetimeForms.random(at, r);
            for (String value : List.of(written, "\"" + written + "\"", "'" + written + "'")) {
                for (String op : OPERATORS.keySet()) {
                    assertThat(events(op + "(datetime," + value + ")")).as(op + " " + value).isEqualTo(expectedEvents(op, at));
                }
            }
        }
    }

    /**
     * Issue 21's randomized test: a random instant (often exactly a row's value, where {@code greater-than} and
     * {@code greater-or-equal} differ) rendered in random forms, quoted or not, selects with each operator exactly the
     * rows its canonical RFC 3339 rendering selects, and those are the rows the instant should select.
     */
    @Test
    void everyRenderingOfAnInstantSelectsTheSameRows() {
        Random r = new Random(SEED ^ 0x5eed);
        /** A filter field, the rows it selects from (null: not known here, only compared), the values picked near. */
        record Field(String name, Map<String, Instant> rows, List<Instant> near, List<String> operators) {}
        List<Field> fields = List.of(
                new Field("created", created, List.copyOf(created.values()), List.of("greater-than", "less-than")),
                new Field("updated", null, List.copyOf(created.values()), List.of("greater-than", "less-than")),
                new Field("subscriptions.email.marketing.suppression.timestamp", suppressed, List.copyOf(suppressed.values()),
                        List.copyOf(OPERATORS.keySet())),
                new Field("datetime", null, eventTimes, List.copyOf(OPERATORS.keySet())));
        int checks = 0;
        for (int round = 0; round < 25; round++) {
            for (Field field : fields) {
                Instant at = field.near().get(r.nextInt(field.near().size()));
                switch (r.nextInt(3)) {
                    case 0 -> at = at.plus(r.nextInt(200_000) - 100_000, ChronoUnit.SECONDS).plusNanos(r.nextInt(1_000_000) * 1000L);
                    case 1 -> at = at.truncatedTo(ChronoUnit.DAYS);
                    default -> { } // exactly a row's value
                }
                String op = field.operators().get(r.nextInt(field.operators().size()));
                String canonical = op + "(" + field.name() + "," + DatetimeForms.canonical(at) + ")";
                Object reference = field.name().equals("datetime") ? events(canonical) : profiles(canonical);
                if (field.name().equals("datetime")) {
                    assertThat(reference).as(canonical).isEqualTo(expectedEvents(op, at));
                } else if (field.rows() != null) {
                    assertThat(reference).as(canonical).isEqualTo(expected(field.rows(), op, at));
                }
                for (int k = 0; k < 4; k++) {
                    String written = DatetimeForms.random(at, r);
                    String quoted = switch (r.nextInt(3)) {
                        case 0 -> "\"" + written + "\"";
                        case 1 -> "'" + written + "'";
                        default -> written;
                    };
                    String filter = op + "(" + field.name() + "," + quoted + ")";
                    Object got = field.name().equals("datetime") ? events(filter) : profiles(filter);
                    assertThat(got).as(filter + " vs " + canonical + " (seed " + SEED + ")").isEqualTo(reference);
                    checks++;
                }
            }
        }
        assertThat(checks).isEqualTo(400);
    }

    /** query_metric_aggregates' bounds: the same forms, an offset-less one a local time of the query's zone (UTC here). */
    @Test
    void metricAggregateBoundsTakeTheFormsToo() {
        String metricId = api.get("get_metrics", "/api/metrics").data().get(0).get("id").asText();
        JsonNode reference = aggregate(metricId, "2025-03-01T00:00:00Z", "\"2025-04-01T00:00:00+00:00\"");
        int counted = 0;
        for (JsonNode n : reference.at("/data/0/measurements/count")) counted += n.asInt();
        assertThat(counted).isEqualTo(eventTimes.stream().filter(t -> !t.isBefore(Instant.parse("2025-03-01T00:00:00Z"))
                && t.isBefore(Instant.parse("2025-04-01T00:00:00Z"))).count()).isPositive();
        for (String[] bounds : new String[][] {{"2025-03-01", "2025-04-01"}, {"2025-03-01 00:00:00", "2025-04-01 00:00:00"},
                {"'2025-03-01T01:00:00+01:00'", "2025-03-31T19:00:00-05:00"}, {"2025-03-01T00:00", "\"2025-04-01 00:00:00.000Z\""},
                {"2025-03-01t00:00:00.000000z", "2025-04-01T00:00:00+0000"}}) {
            assertThat(aggregate(metricId, bounds[0], bounds[1])).as(bounds[0] + " " + bounds[1]).isEqualTo(reference);
        }
        Api.Response bad = api.post("query_metric_aggregates", "/api/metric-aggregates", aggregateBody(metricId, "2025-03-01 24:00:00", "2025-04-01"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.error().at("/source/pointer").asText()).isEqualTo("/data/attributes/filter/0");
    }

    static String aggregateBody(String metricId, String start, String end) {
        return "{\"data\":{\"type\":\"metric-aggregate\",\"attributes\":{\"metric_id\":\"" + metricId + "\",\"measurements\":[\"count\"],"
                + "\"interval\":\"week\",\"filter\":[" + Json.MAPPER.valueToTree("greater-or-equal(datetime," + start + ")") + ","
                + Json.MAPPER.valueToTree("less-than(datetime," + end + ")") + "]}}}";
    }

    static JsonNode aggregate(String metricId, String start, String end) {
        Api.Response r = api.post("query_metric_aggregates", "/api/metric-aggregates", aggregateBody(metricId, start, end));
        assertThat(r.status()).as(start + " " + end + ": " + r.text()).isEqualTo(200);
        return r.data().get("attributes");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"2026-08-05T24:00:00Z", "2026-02-29", "2026-08-05T00:00:00+3", "2026-08-05T00:00:00Zjunk",
            "2026-08-05T00:00:00+19:00", "2026-12-31T23:59:60Z", "2026-08-05T00:00:00.1234567890Z"})
    void aMalformedDatetimeIsA400OnTheFilterWithTheForms(String value) {
        for (String written : List.of(value, "\"" + value + "\"")) {
            Api.Response r = api.get("get_profiles", "/api/profiles?filter=" + q("greater-than(created," + written + ")"));
            assertThat(r.status()).isEqualTo(400);
            JsonNode error = r.error();
            assertThat(error.get("code").asText()).isEqualTo("invalid");
            assertThat(error.at("/source/parameter").asText()).isEqualTo("filter");
            assertThat(error.get("detail").asText()).contains(value).contains("2023-03-01 12:30:00.710").contains("'+03:00'");
        }
        Api.Response r = api.get("get_events", "/api/events?filter=" + q("less-than(datetime," + value + ")"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error().at("/source/parameter").asText()).isEqualTo("filter");
    }

    @Test
    void aQuotedStringThatIsNoDatetimeIsA400NamingTheFilter() {
        Api.Response r = api.get("get_profiles", "/api/profiles?filter=" + q("greater-than(created,\"last tuesday\")"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error().at("/source/parameter").asText()).isEqualTo("filter");
        assertThat(r.error().get("detail").asText()).startsWith("field 'created' expects a datetime, got a string \"last tuesday\"; use a date");
    }
}
