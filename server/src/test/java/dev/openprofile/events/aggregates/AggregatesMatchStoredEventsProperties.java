package dev.openprofile.events.aggregates;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.events.aggregates.StoredEvents.Event;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.TestServer;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Every number query_metric_aggregates answers is what plain SQL over the stored events says: random
 * events (months of times, values, currencies, profiles, a URL property) under a fresh metric, a
 * random query (interval, time zone with DST changes in range, by, measurements, dimension filters,
 * bounds with or without offsets, small pages followed to the end), checked against
 * {@code date_trunc(unit, datetime, zone) ... group by} over the same rows.
 */
class AggregatesMatchStoredEventsProperties {
    static final String PATH = "/api/metric-aggregates";
    static final List<String> ZONES = List.of("UTC", "America/New_York", "Europe/London", "Asia/Kolkata", "Australia/Lord_Howe");
    static final List<String> CURRENCIES = List.of("USD", "EUR", "GBP");
    static final List<String> URLS = List.of("a", "b", "c", "/x?y=1");
    /** Sep 2024 .. Jan 2025 holds the autumn DST changes of both hemispheres' zones; Feb .. May 2024 the spring ones. */
    static final List<Instant[]> WINDOWS = List.of(
            new Instant[] {Instant.parse("2024-09-01T00:00:00Z"), Instant.parse("2025-01-01T00:00:00Z")},
            new Instant[] {Instant.parse("2024-02-01T00:00:00Z"), Instant.parse("2024-05-01T00:00:00Z")});
    static final AtomicInteger metrics = new AtomicInteger();
    static TestServer server;
    static Api api;
    static String account;

    @BeforeContainer
    static void start() {
        server = TestServer.start();
        api = server.api();
        account = StoredEvents.account(server, "default");
    }

    @AfterContainer
    static void stop() {
        server.close();
    }

    record Query(Interval interval, ZoneId zone, Instant start, Instant end, List<String> by, List<Measurement> measurements,
                 String currency, List<String> urls) {}

    @Property(tries = 30)
    void everyNumberIsWhatSqlOverTheStoredEventsSays(@ForAll long seed) {
        Random random = new Random(seed);
        Instant[] window = WINDOWS.get(random.nextInt(WINDOWS.size()));
        ZoneId zone = ZoneId.of(ZONES.get(random.nextInt(ZONES.size())));
        String metricId = "Random" + metrics.incrementAndGet();
        StoredEvents.metric(server, account, metricId, metricId);
        List<Event> events = events(random, window, zone);
        StoredEvents.insert(server, account, metricId, events);
        Query q = query(random, window, zone, events);
        Map<String, BigDecimal[]> expected = expected(metricId, q);

        ObjectNode attributes = attributes(random, metricId, q);
        List<JsonNode> rows = new ArrayList<>();
        JsonNode dates = null;
        for (int page = 0; ; page++) {
            Api.Response r = api.post("query_metric_aggregates", PATH, MetricAggregatesTest.body(attributes));
            assertThat(r.status()).as("seed %d: %s", seed, r.text()).isEqualTo(200);
            JsonNode a = r.data().get("attributes");
            if (dates != null) assertThat(a.get("dates")).isEqualTo(dates);
            dates = a.get("dates");
            a.get("data").forEach(rows::add);
            JsonNode next = r.body().at("/links/next");
            if (next.isNull()) break;
            assertThat(page).as("pages").isLessThan(1000);
            attributes.put("page_cursor", next.asText());
        }

        List<Instant> starts = checkDates(dates, q);
        Set<String> seen = new HashSet<>();
        for (JsonNode row : rows) {
            List<String> dims = new ArrayList<>();
            row.get("dimensions").forEach(d -> dims.add(d.asText()));
            assertThat(seen.add(String.join("\u0000", dims))).as("row repeated across pages: %s", dims).isTrue();
            for (int b = 0; b < starts.size(); b++) {
                BigDecimal[] want = expected.remove(key(starts.get(b), dims));
                for (int m = 0; m < q.measurements().size(); m++) {
                    BigDecimal got = row.at("/measurements/" + q.measurements().get(m).wire()).get(b).decimalValue();
                    BigDecimal w = want == null ? BigDecimal.ZERO : want[q.measurements().get(m).ordinal()];
                    assertThat(got).as("seed %d, %s, %s at %s", seed, q.measurements().get(m).wire(), dims, starts.get(b))
                            .isEqualByComparingTo(w);
                }
            }
        }
        assertThat(expected).as("seed %d: groups SQL found that the answer has no row or date for", seed).isEmpty();
        if (q.by().isEmpty()) assertThat(rows).hasSize(1);
    }

    static List<Event> events(Random random, Instant[] window, ZoneId zone) {
        int n = 50 + random.nextInt(350);
        long span = Duration.between(window[0], window[1]).toSeconds();
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Instant at = window[0].plusSeconds((long) (random.nextDouble() * span)).plusMillis(random.nextInt(1000));
            if (random.nextInt(10) == 0) {
                // exactly on a local midnight or hour: the edges of buckets
                at = at.atZone(zone).truncatedTo(random.nextBoolean() ? java.time.temporal.ChronoUnit.DAYS
                        : java.time.temporal.ChronoUnit.HOURS).toInstant();
            }
            BigDecimal value = random.nextInt(5) == 0 ? null : BigDecimal.valueOf(random.nextInt(200_000) - 20_000, 2);
            String currency = random.nextInt(5) == 0 ? null : CURRENCIES.get(random.nextInt(CURRENCIES.size()));
            Map<String, String> properties = random.nextInt(5) == 0 ? Map.of() : Map.of("URL", URLS.get(random.nextInt(URLS.size())));
            events.add(new Event("p" + random.nextInt(25), at, value, currency, properties));
        }
        return events;
    }

    static Query query(Random random, Instant[] window, ZoneId zone, List<Event> events) {
        Interval interval = Interval.values()[random.nextInt(Interval.values().length)];
        // Hours are kept to two weeks so that answers stay small; the half-hour DST of Lord Howe is left out of hours
        // (date_trunc keeps the offset there, the answer labels local clock hours).
        if (interval == Interval.HOUR && zone.getId().equals("Australia/Lord_Howe")) interval = Interval.DAY;
        long maxSpan = interval == Interval.HOUR ? 14 * 24 * 3600 : Duration.between(window[0], window[1]).toSeconds();
        long span = Duration.between(window[0], window[1]).toSeconds();
        Instant start = window[0].minusSeconds(86_400).plusSeconds((long) (random.nextDouble() * span));
        if (random.nextBoolean()) start = start.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
        // A third of the bounds fall exactly on an event: the start takes it, the end leaves it out.
        if (random.nextInt(3) == 0) start = events.get(random.nextInt(events.size())).datetime();
        Instant end = start.plusSeconds(1 + (long) (random.nextDouble() * maxSpan));
        if (random.nextInt(3) == 0) {
            Instant from = start;
            Instant limit = start.plusSeconds(maxSpan);
            List<Instant> inside = events.stream().map(Event::datetime).filter(t -> t.isAfter(from) && t.isBefore(limit)).toList();
            if (!inside.isEmpty()) end = inside.get(random.nextInt(inside.size()));
        }
        List<String> by = new ArrayList<>();
        if (random.nextBoolean()) by.add("$value_currency");
        if (random.nextBoolean()) by.add(random.nextBoolean() ? 0 : by.size(), "URL");
        List<Measurement> measurements = new ArrayList<>(List.of(Measurement.values()));
        java.util.Collections.shuffle(measurements, random);
        measurements = measurements.subList(0, 1 + random.nextInt(measurements.size()));
        String currency = random.nextInt(3) == 0 ? CURRENCIES.get(random.nextInt(CURRENCIES.size())) : null;
        List<String> urls = random.nextInt(4) == 0 ? List.of("a", "/x?y=1") : List.of();
        return new Query(interval, zone, start, end, by, measurements, currency, urls);
    }

    /** The body, with the bounds written as local times of the zone when they are unambiguous there, else with an offset. */
    static ObjectNode attributes(Random random, String metricId, Query q) {
        ObjectNode a = Json.MAPPER.createObjectNode();
        a.put("metric_id", metricId);
        a.put("interval", q.interval().wire());
        a.put("timezone", q.zone().getId());
        a.put("page_size", 1 + random.nextInt(4));
        ArrayNode measurements = a.putArray("measurements");
        q.measurements().forEach(m -> measurements.add(m.wire()));
        ArrayNode by = a.putArray("by");
        q.by().forEach(by::add);
        ArrayNode filter = a.putArray("filter");
        filter.add("greater-or-equal(datetime," + bound(random, q.start(), q.zone()) + ")");
        if (q.currency() != null) filter.add("equals($value_currency,\"" + q.currency() + "\")");
        if (!q.urls().isEmpty()) filter.add("any(URL,[\"" + String.join("\",\"", q.urls()) + "\"])");
        filter.add("less-than(datetime," + bound(random, q.end(), q.zone()) + ")");
        return a;
    }

    static String bound(Random random, Instant at, ZoneId zone) {
        LocalDateTime local = LocalDateTime.ofInstant(at, zone);
        if (random.nextBoolean() && zone.getRules().getValidOffsets(local).size() == 1) {
            return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(local);
        }
        ZoneOffset offset = ZoneOffset.ofHoursMinutes(random.nextInt(25) - 12, 0);
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at.atOffset(offset));
    }

    static String key(Instant bucket, List<String> dims) {
        return bucket + "|" + String.join("\u0000", dims);
    }

    /** The answer: (bucket start instant, dimensions) to {count, sum_value, unique}, from plain SQL. */
    static Map<String, BigDecimal[]> expected(String metricId, Query q) {
        StringBuilder sql = new StringBuilder("select date_trunc(?, e.datetime, ?)");
        for (String d : q.by()) sql.append(d.equals("URL") ? ", coalesce(e.properties ->> 'URL', '')" : ", coalesce(e.value_currency, '')");
        sql.append(", count(*), coalesce(sum(e.value), 0), count(distinct e.profile_id) from event e"
                + " where e.account_id = ? and e.metric_id = ? and e.datetime >= ? and e.datetime < ?");
        if (q.currency() != null) sql.append(" and e.value_currency = ?");
        if (!q.urls().isEmpty()) sql.append(" and e.properties ->> 'URL' = any(?)");
        sql.append(" group by 1");
        for (int i = 0; i < q.by().size(); i++) sql.append(", ").append(i + 2);
        return server.jdbc().read(c -> {
            Map<String, BigDecimal[]> out = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                int i = 1;
                ps.setString(i++, q.interval().wire());
                ps.setString(i++, q.zone().getId());
                ps.setString(i++, account);
                ps.setString(i++, metricId);
                ps.setObject(i++, OffsetDateTime.ofInstant(q.start(), ZoneOffset.UTC));
                ps.setObject(i++, OffsetDateTime.ofInstant(q.end(), ZoneOffset.UTC));
                if (q.currency() != null) ps.setString(i++, q.currency());
                if (!q.urls().isEmpty()) ps.setArray(i, c.createArrayOf("text", q.urls().toArray()));
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        List<String> dims = new ArrayList<>();
                        for (int d = 0; d < q.by().size(); d++) dims.add(rs.getString(2 + d));
                        int base = 2 + q.by().size();
                        Instant bucket = rs.getObject(1, OffsetDateTime.class).toInstant();
                        out.put(key(bucket, dims), new BigDecimal[] {
                                rs.getBigDecimal(base), rs.getBigDecimal(base + 1), rs.getBigDecimal(base + 2)});
                    }
                }
            }
            return out;
        });
    }

    /** The dates: increasing, in the zone's offset, the first holding the start and the last before the end. */
    static List<Instant> checkDates(JsonNode dates, Query q) {
        List<Instant> starts = new ArrayList<>();
        for (JsonNode d : dates) {
            OffsetDateTime t = OffsetDateTime.parse(d.asText());
            assertThat(t.getOffset()).isEqualTo(q.zone().getRules().getOffset(t.toInstant()));
            if (!starts.isEmpty()) assertThat(t.toInstant()).isAfter(starts.getLast());
            starts.add(t.toInstant());
        }
        assertThat(starts).isNotEmpty();
        assertThat(starts.getFirst()).isBeforeOrEqualTo(q.start());
        if (starts.size() > 1) assertThat(starts.get(1)).isAfter(q.start());
        assertThat(starts.getLast()).isBefore(q.end());
        ZonedDateTime afterLast = q.interval().next(starts.getLast().atZone(q.zone()));
        assertThat(afterLast.toInstant()).isAfterOrEqualTo(q.end());
        return starts;
    }
}
