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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** query_metric_aggregates over HTTP: buckets, measurements, time zones, dimensions, filters, sorting, paging. */
class MetricAggregatesTest {
    static final String OP = "query_metric_aggregates";
    static final String PATH = "/api/metric-aggregates";
    static TestServer server;
    static Api api;
    static String account;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = server.api();
        account = StoredEvents.account(server, "default");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Event event(String profile, String at) {
        return new Event(profile, Instant.parse(at), null, null, Map.of());
    }

    static Event event(String profile, String at, String value, String currency, Map<String, String> properties) {
        return new Event(profile, Instant.parse(at), value == null ? null : new BigDecimal(value), currency, properties);
    }

    static void store(String metricId, Event... events) {
        StoredEvents.metric(server, account, metricId, "Metric " + metricId);
        StoredEvents.insert(server, account, metricId, List.of(events));
    }

    /** attributes with the metric, {@code count}, and the time range as given. */
    static ObjectNode query(String metricId, String start, String end) {
        ObjectNode a = Json.MAPPER.createObjectNode();
        a.put("metric_id", metricId);
        a.putArray("measurements").add("count");
        a.putArray("filter").add("greater-or-equal(datetime," + start + ")").add("less-than(datetime," + end + ")");
        return a;
    }

    static ObjectNode with(ObjectNode attributes, Consumer<ObjectNode> change) {
        ObjectNode copy = attributes.deepCopy();
        change.accept(copy);
        return copy;
    }

    static String body(ObjectNode attributes) {
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.putObject("data").put("type", "metric-aggregate").set("attributes", attributes);
        return doc.toString();
    }

    static Api.Response post(ObjectNode attributes) {
        return api.post(OP, PATH, body(attributes));
    }

    static JsonNode ok(ObjectNode attributes) {
        Api.Response r = post(attributes);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.data().get("attributes");
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }

    static List<String> numbers(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.decimalValue().stripTrailingZeros().toPlainString()));
        return out;
    }

    @Test
    void countsEventsPerDayWithZerosForDaysWithout() {
        store("Days01", event("p1", "2024-03-01T10:00:00Z"), event("p2", "2024-03-01T23:59:59Z"),
                event("p1", "2024-03-03T00:00:00Z"), event("p1", "2024-02-29T23:59:59Z"), event("p1", "2024-03-05T00:00:00Z"));
        Api.Response r = post(query("Days01", "2024-03-01T00:00:00", "2024-03-05T00:00:00"));
        assertThat(r.status()).isEqualTo(200);
        JsonNode a = r.data().get("attributes");
        assertThat(texts(a.get("dates"))).containsExactly("2024-03-01T00:00:00+00:00", "2024-03-02T00:00:00+00:00",
                "2024-03-03T00:00:00+00:00", "2024-03-04T00:00:00+00:00");
        assertThat(a.get("data")).hasSize(1);
        assertThat(a.at("/data/0/dimensions")).isEmpty();
        assertThat(numbers(a.at("/data/0/measurements/count"))).containsExactly("2", "0", "1", "0");
        assertThat(r.data().get("type").asText()).isEqualTo("metric-aggregate");
        assertThat(r.data().at("/links/self").asText()).isEqualTo(server.baseUrl() + "/api/metric-aggregates/");
        assertThat(r.body().at("/links/next").isNull()).isTrue();
        // The id is stable for the same query and differs for another one.
        assertThat(post(query("Days01", "2024-03-01T00:00:00", "2024-03-05T00:00:00")).data().get("id"))
                .isEqualTo(r.data().get("id"));
        assertThat(post(query("Days01", "2024-03-01T00:00:00", "2024-03-06T00:00:00")).data().get("id"))
                .isNotEqualTo(r.data().get("id"));
    }

    @Test
    void withoutEventsTheOneRowIsAllZeros() {
        store("Empty01");
        JsonNode a = ok(query("Empty01", "2024-03-01T00:00:00", "2024-03-03T00:00:00"));
        assertThat(numbers(a.at("/data/0/measurements/count"))).containsExactly("0", "0");
        JsonNode grouped = ok(with(query("Empty01", "2024-03-01T00:00:00", "2024-03-03T00:00:00"),
                q -> q.putArray("by").add("URL")));
        assertThat(grouped.get("data")).isEmpty();
    }

    @Test
    void sumsValuesAndCountsUniqueProfilesInTheOrderAsked() {
        store("Sum01", event("p1", "2024-05-01T01:00:00Z", "10.50", "USD", Map.of()),
                event("p1", "2024-05-01T02:00:00Z", "2.25", "USD", Map.of()),
                event("p2", "2024-05-01T03:00:00Z", null, null, Map.of()),
                event("p3", "2024-05-01T04:00:00Z", "5", "USD", Map.of()));
        JsonNode a = ok(with(query("Sum01", "2024-05-01T00:00:00", "2024-05-02T00:00:00"),
                q -> q.putArray("measurements").add("unique").add("sum_value").add("count")));
        JsonNode m = a.at("/data/0/measurements");
        assertThat(m.fieldNames()).toIterable().containsExactly("unique", "sum_value", "count");
        assertThat(numbers(m.get("unique"))).containsExactly("3");
        assertThat(numbers(m.get("sum_value"))).containsExactly("17.75");
        assertThat(numbers(m.get("count"))).containsExactly("4");
    }

    @Test
    void daysFollowTheTimezoneAcrossADstChange() {
        store("Dst01", event("p1", "2024-11-02T03:59:59Z"), event("p1", "2024-11-02T04:00:00Z"),
                event("p1", "2024-11-04T04:30:00Z"), event("p1", "2024-11-04T05:00:00Z"));
        ObjectNode q = with(query("Dst01", "2024-11-02T00:00:00", "2024-11-05T00:00:00"),
                x -> x.put("timezone", "America/New_York"));
        JsonNode a = ok(q);
        // Nov 3 is 25 hours long in New York; an event at 23:30 local (04:30Z on Nov 4) is still Nov 3.
        assertThat(texts(a.get("dates"))).containsExactly("2024-11-02T00:00:00-04:00", "2024-11-03T00:00:00-04:00",
                "2024-11-04T00:00:00-05:00");
        assertThat(numbers(a.at("/data/0/measurements/count"))).containsExactly("1", "1", "1");
        // A date alone means local midnight; a bound with an offset is that instant.
        JsonNode same = ok(with(q, x -> x.putArray("filter").add("greater-or-equal(datetime,2024-11-02)")
                .add("less-than(datetime,\"2024-11-05T05:00:00Z\")")));
        assertThat(same.get("dates")).isEqualTo(a.get("dates"));
        assertThat(same.get("data")).isEqualTo(a.get("data"));
    }

    @Test
    void theRepeatedHourOfAFallBackNightIsTwoHourBuckets() {
        store("Dst02", event("p1", "2024-11-03T05:30:00Z"), event("p1", "2024-11-03T06:30:00Z"),
                event("p2", "2024-11-03T06:45:00Z"));
        JsonNode a = ok(with(query("Dst02", "2024-11-03T00:00:00", "2024-11-03T03:00:00"), x -> {
            x.put("timezone", "America/New_York");
            x.put("interval", "hour");
            x.putArray("measurements").add("count").add("unique");
        }));
        assertThat(texts(a.get("dates"))).containsExactly("2024-11-03T00:00:00-04:00", "2024-11-03T01:00:00-04:00",
                "2024-11-03T01:00:00-05:00", "2024-11-03T02:00:00-05:00");
        assertThat(numbers(a.at("/data/0/measurements/count"))).containsExactly("0", "1", "2", "0");
        assertThat(numbers(a.at("/data/0/measurements/unique"))).containsExactly("0", "1", "2", "0");
    }

    @Test
    void weeksStartOnMondayAndMonthsOnTheFirst() {
        store("Week01", event("p1", "2024-01-31T12:00:00Z"), event("p1", "2024-02-01T00:00:00Z"),
                event("p1", "2024-02-05T00:00:00Z"));
        ObjectNode q = query("Week01", "2024-01-31T00:00:00", "2024-02-13T00:00:00");
        JsonNode weeks = ok(with(q, x -> x.put("interval", "week")));
        assertThat(texts(weeks.get("dates"))).containsExactly("2024-01-29T00:00:00+00:00", "2024-02-05T00:00:00+00:00",
                "2024-02-12T00:00:00+00:00");
        assertThat(numbers(weeks.at("/data/0/measurements/count"))).containsExactly("2", "1", "0");
        JsonNode months = ok(with(q, x -> x.put("interval", "month")));
        assertThat(texts(months.get("dates"))).containsExactly("2024-01-01T00:00:00+00:00", "2024-02-01T00:00:00+00:00");
        assertThat(numbers(months.at("/data/0/measurements/count"))).containsExactly("1", "2");
    }

    static void storeDimensions(String metricId) {
        store(metricId, event("p1", "2024-06-01T10:00:00Z", "1", "USD", Map.of("URL", "a")),
                event("p2", "2024-06-02T10:00:00Z", "2", "USD", Map.of("URL", "a")),
                event("p1", "2024-06-01T11:00:00Z", "4", "USD", Map.of("URL", "b")),
                event("p3", "2024-06-02T12:00:00Z", "8", "EUR", Map.of("URL", "a")),
                event("p4", "2024-06-01T12:00:00Z", null, null, Map.of("Other", "x")));
    }

    static ObjectNode june(String metricId) {
        return query(metricId, "2024-06-01T00:00:00", "2024-06-03T00:00:00");
    }

    static List<String> rows(JsonNode attributes) {
        List<String> out = new ArrayList<>();
        for (JsonNode row : attributes.get("data")) {
            out.add(String.join("|", texts(row.get("dimensions"))) + "=" + String.join(",", numbers(row.at("/measurements/count"))));
        }
        return out;
    }

    @Test
    void groupsByCurrencyAndPropertiesWithEmptyForMissing() {
        storeDimensions("Dim01");
        JsonNode a = ok(with(june("Dim01"), q -> q.putArray("by").add("$value_currency").add("URL")));
        assertThat(rows(a)).containsExactly("|=1,0", "EUR|a=0,1", "USD|a=1,1", "USD|b=1,0");
    }

    @Test
    void filtersOnDimensions() {
        storeDimensions("Dim02");
        ObjectNode byUrl = with(june("Dim02"), q -> q.putArray("by").add("URL"));
        Map<String, List<String>> cases = Map.of(
                "equals($value_currency,\"USD\")", List.of("a=1,1", "b=1,0"),
                "equals(URL,'b')", List.of("b=1,0"),
                "any(URL,[\"a\",\"b\"])", List.of("a=1,2", "b=1,0"),
                "equals($value_currency,[\"EUR\",\"GBP\"])", List.of("a=0,1"),
                "contains-any(URL,[\"b\",\"z\"])", List.of("b=1,0"),
                "and(equals($value_currency,\"USD\"),starts-with(URL,\"a\"))", List.of("a=1,1"));
        cases.forEach((filter, expected) -> {
            JsonNode a = ok(with(byUrl, q -> ((ArrayNode) q.get("filter")).add(filter)));
            assertThat(rows(a)).as(filter).containsExactlyElementsOf(expected);
        });
    }

    @Test
    void sortsAndPagesWithTheCursorOrTheWholeNextLink() {
        storeDimensions("Dim03");
        ObjectNode q = with(june("Dim03"), x -> {
            x.putArray("by").add("URL");
            x.put("sort", "-count");
            x.put("page_size", 1);
        });
        Api.Response first = post(q);
        assertThat(rows(first.data().get("attributes"))).containsExactly("a=1,2");
        assertThat(first.body().at("/links/prev").isNull()).isTrue();
        String next = first.body().at("/links/next").asText();
        assertThat(next).startsWith(server.baseUrl() + "/api/metric-aggregates/?page%5Bcursor%5D=");
        Api.Response second = post(with(q, x -> x.put("page_cursor", next.substring(next.indexOf('=') + 1))));
        // Ties on the total go by the dimensions: "" before "b".
        assertThat(rows(second.data().get("attributes"))).containsExactly("=1,0");
        Api.Response third = post(with(q, x -> x.put("page_cursor", second.body().at("/links/next").asText())));
        assertThat(rows(third.data().get("attributes"))).containsExactly("b=1,0");
        assertThat(third.body().at("/links/next").isNull()).isTrue();
        assertThat(third.body().at("/links/prev").asText()).contains("page%5Bcursor%5D=");
        assertThat(rows(ok(with(q, x -> {
            x.put("sort", "-URL");
            x.remove("page_size");
        })))).containsExactly("b=1,0", "a=1,2", "=1,0");
        assertThat(rows(ok(with(q, x -> {
            x.put("sort", "sum_value");
            x.putArray("measurements").add("count").add("sum_value");
            x.remove("page_size");
        })))).containsExactly("=1,0", "b=1,0", "a=1,2");
    }

    @Test
    void sparseFieldsetsTrimTheAttributesAndReturnFieldsChangesNothing() {
        storeDimensions("Dim04");
        Api.Response dates = api.post(OP, PATH + "?fields%5Bmetric-aggregate%5D=dates", body(june("Dim04")));
        assertThat(dates.status()).isEqualTo(200);
        assertThat(dates.data().get("attributes").fieldNames()).toIterable().containsExactly("dates");
        JsonNode all = ok(june("Dim04"));
        assertThat(ok(with(june("Dim04"), q -> q.putArray("return_fields").add("data")))).isEqualTo(all);
    }

    @Test
    void nullMeansTheDefault() {
        storeDimensions("Dim05");
        JsonNode a = ok(with(june("Dim05"), q -> {
            q.putNull("interval");
            q.putNull("timezone");
            q.putNull("by");
            q.putNull("page_size");
            q.putNull("return_fields");
        }));
        assertThat(texts(a.get("dates"))).containsExactly("2024-06-01T00:00:00+00:00", "2024-06-02T00:00:00+00:00");
        assertThat(rows(a)).containsExactly("=3,2");
    }

    @Test
    void anUnknownMetricOrAnotherAccountsIs404() {
        Api.Response r = post(query("NoSuch", "2024-06-01T00:00:00", "2024-06-03T00:00:00"));
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.error().get("code").asText()).isEqualTo("not_found");
        assertThat(r.error().at("/source/pointer").asText()).isEqualTo("/data/attributes/metric_id");
        String otherKey = server.createKey("aggregates-other", Set.of("*"));
        String other = StoredEvents.account(server, "aggregates-other");
        StoredEvents.metric(server, other, "Theirs", "Theirs");
        assertThat(post(query("Theirs", "2024-06-01T00:00:00", "2024-06-03T00:00:00")).status()).isEqualTo(404);
        assertThat(server.api(otherKey).post(OP, PATH, body(query("Theirs", "2024-06-01T00:00:00", "2024-06-03T00:00:00")))
                .status()).isEqualTo(200);
    }

    @Test
    void anotherAccountsEventsAreNotCounted() {
        store("Shared", event("p1", "2024-06-01T10:00:00Z"));
        server.createKey("aggregates-third", Set.of("*"));
        String third = StoredEvents.account(server, "aggregates-third");
        StoredEvents.metric(server, third, "Shared", "Shared");
        StoredEvents.insert(server, third, "Shared", List.of(event("p9", "2024-06-01T11:00:00Z"), event("p9", "2024-06-02T11:00:00Z")));
        assertThat(rows(ok(june("Shared")))).containsExactly("=1,0");
    }

    @Test
    void needsTheMetricsReadScope() {
        String key = server.createKey("default", Set.of("profiles:read"));
        Api.Response r = server.api(key).post(OP, PATH, body(june("Dim01")));
        assertThat(r.status()).isEqualTo(403);
    }

    @Test
    void validationErrorsPointAtTheMemberAtFault() {
        store("Valid01");
        ObjectNode q = query("Valid01", "2024-06-01T00:00:00", "2024-06-03T00:00:00");
        String f = "/data/attributes/filter";
        List<Object[]> cases = List.of(
                new Object[] {with(q, x -> x.remove("metric_id")), "/data/attributes/metric_id"},
                new Object[] {with(q, x -> x.put("metric_id", 7)), "/data/attributes/metric_id"},
                new Object[] {with(q, x -> x.remove("measurements")), "/data/attributes/measurements"},
                new Object[] {with(q, x -> x.putArray("measurements")), "/data/attributes/measurements"},
                new Object[] {with(q, x -> x.putArray("measurements").add("count").add("average")), "/data/attributes/measurements/1"},
                new Object[] {with(q, x -> x.putArray("measurements").add("count").add("count")), "/data/attributes/measurements/1"},
                new Object[] {with(q, x -> x.put("interval", "minute")), "/data/attributes/interval"},
                new Object[] {with(q, x -> x.put("timezone", "america/new_york")), "/data/attributes/timezone"},
                new Object[] {with(q, x -> x.put("timezone", "Mars/Olympus_Mons")), "/data/attributes/timezone"},
                new Object[] {with(q, x -> x.put("timezone", "Europe/Kyiv")), "/data/attributes/timezone"},
                new Object[] {with(q, x -> x.remove("filter")), f},
                new Object[] {with(q, x -> x.putArray("filter")), f},
                new Object[] {with(q, x -> x.putArray("filter").add("greater-or-equal(datetime,2024-06-01T00:00:00)")), f},
                new Object[] {with(q, x -> ((ArrayNode) x.get("filter")).add(5)), f + "/2"},
                new Object[] {with(q, x -> ((ArrayNode) x.get("filter")).add("equals(URL,unquoted)")), f + "/2"},
                new Object[] {with(q, x -> ((ArrayNode) x.get("filter")).add("equals(Colour,'red')")), f + "/2"},
                new Object[] {with(q, x -> ((ArrayNode) x.get("filter")).add("greater-than(URL,'a')")), f + "/2"},
                new Object[] {with(q, x -> ((ArrayNode) x.get("filter")).add("equals(Campaign Name,'x')")), f + "/2"},
                new Object[] {with(q, x -> ((ArrayNode) x.get("filter")).add("or(equals(URL,'a'),equals(URL,'b'))")), f + "/2"},
                new Object[] {with(q, x -> ((ArrayNode) x.get("filter")).add("and(equals(URL,'a'),greater-or-equal(datetime,2024-06-01))")), f + "/2"},
                new Object[] {with(q, x -> ((ArrayNode) x.get("filter")).add("less-than(datetime,2024-06-02T00:00:00)")), f + "/2"},
                new Object[] {with(q, x -> x.putArray("filter").add("greater-than(datetime,2024-06-01T00:00:00)")
                        .add("less-than(datetime,2024-06-02T00:00:00)")), f + "/0"},
                new Object[] {with(q, x -> x.putArray("filter").add("greater-or-equal(datetime,2024-13-01T00:00:00)")
                        .add("less-than(datetime,2024-06-02T00:00:00)")), f + "/0"},
                new Object[] {with(q, x -> x.putArray("filter").add("greater-or-equal(datetime,2024-06-01T00:00:00)")
                        .add("less-than(datetime,2024-06-01T00:00:00)")), f + "/1"},
                new Object[] {with(q, x -> x.putArray("filter").add("less-than(datetime,2025-06-01T00:00:01)")
                        .add("greater-or-equal(datetime,2024-06-01T00:00:00)")), f + "/0"},
                new Object[] {with(q, x -> x.putArray("by").add("URL").add("Colour")), "/data/attributes/by/1"},
                new Object[] {with(q, x -> x.put("sort", "unique")), "/data/attributes/sort"},
                new Object[] {with(q, x -> x.put("sort", "-URL")), "/data/attributes/sort"},
                new Object[] {with(q, x -> x.put("page_size", 0)), "/data/attributes/page_size"},
                new Object[] {with(q, x -> x.put("page_size", "10")), "/data/attributes/page_size"},
                new Object[] {with(q, x -> x.put("page_size", 10_001)), "/data/attributes/page_size"},
                new Object[] {with(q, x -> x.put("page_cursor", "not a cursor")), "/data/attributes/page_cursor"},
                new Object[] {with(q, x -> x.putArray("return_fields").add("dates").add(1)), "/data/attributes/return_fields/1"},
                new Object[] {with(q, x -> x.put("return_fields", "dates")), "/data/attributes/return_fields"},
                new Object[] {with(q, x -> x.put("colour", "red")), "/data/attributes/colour"});
        for (Object[] c : cases) {
            Api.Response r = post((ObjectNode) c[0]);
            assertThat(r.status()).as(c[0].toString()).isEqualTo(400);
            assertThat(r.error().at("/source/pointer").asText()).as(c[0] + " -> " + r.error()).isEqualTo(c[1]);
        }
        // A whole year is allowed, one second more is not (above).
        assertThat(post(with(q, x -> x.putArray("filter").add("greater-or-equal(datetime,2024-06-01T00:00:00)")
                .add("less-than(datetime,2025-06-01T00:00:00)"))).status()).isEqualTo(200);
        String[][] documents = {
                {"{\"data\":{\"type\":\"metric\",\"attributes\":" + q + "}}", "/data/type"},
                {"{\"data\":{\"type\":\"metric-aggregate\",\"id\":\"x\",\"attributes\":" + q + "}}", "/data/id"},
                {"{\"data\":{\"type\":\"metric-aggregate\"}}", "/data/attributes"},
                {"{\"data\":[]}", "/data"},
        };
        for (String[] d : documents) {
            Api.Response r = api.post(OP, PATH, d[0]);
            assertThat(r.status()).as(d[0]).isEqualTo(400);
            assertThat(r.error().at("/source/pointer").asText()).as(d[0]).isEqualTo(d[1]);
        }
    }
}
