package dev.openprofile.objectrecords;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.MutableClock;
import dev.openprofile.testing.TestServer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The single call: a record through the current schema into an object record, the type rules, and every 4xx. */
class IngestionHttpTest {
    static final MutableClock clock = new MutableClock(Instant.parse("2026-10-01T12:00:00Z"));
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(clock);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** An account with a data source feeding a type with one property of each type (none required but name). */
    record Setup(Api api, String accountId, String source, String type) {}

    static Setup setup() {
        TestServer.Account account = server.newAccount("co-ing-");
        Definitions d = new Definitions(server.jdbc(), account.id());
        String source = d.dataSource("Shop");
        String type = d.type("Product").property(1, "name", "string", true).property(2, "stock", "int", false)
                .property(3, "price", "float", false).property(4, "live", "boolean", false)
                .property(5, "launched", "timestamp", false).property(6, "origin", "string", false)
                .map(1, source, "$['sku']", "$['name']").map(2, source, "$['sku']", "$['stock']")
                .map(3, source, "$['sku']", "$['price']").map(4, source, "$['sku']", "$.flags.live")
                .map(5, source, "$['sku']", "$['launched']").constant(6, com.fasterxml.jackson.databind.node.TextNode.valueOf("shop"))
                .active().id;
        return new Setup(account.api(), account.id(), source, type);
    }

    @Test
    void aRecordBecomesAnObjectRecordWithItsMappedValuesNormalised() {
        Setup s = setup();
        var r = Ingest.one(s.api(), s.source(), "{\"sku\":\"A-1\",\"name\":\"Lamp\",\"stock\":3,\"price\":9.5,\"flags\":{\"live\":true},"
                + "\"launched\":\"2024-05-01T10:00:00+02:00\",\"ignored\":\"x\"}");
        assertThat(r.status()).as(r.text()).isEqualTo(204);
        assertThat(r.text()).isEmpty();
        var got = Ingest.record(s.api(), s.type(), "A-1");
        assertThat(got.status()).as(got.text()).isEqualTo(200);
        assertThat(got.data().get("id").asText()).isEqualTo(s.type() + ":::A-1");
        assertThat(got.data().get("type").asText()).isEqualTo("object-record");
        JsonNode p = got.data().at("/attributes/record_properties");
        assertThat(p.get("name").asText()).isEqualTo("Lamp");
        assertThat(p.get("stock").asInt()).isEqualTo(3);
        assertThat(p.get("price").asDouble()).isEqualTo(9.5);
        assertThat(p.get("live").asBoolean()).isTrue();
        assertThat(p.get("launched").asText()).isEqualTo("2024-05-01T08:00:00Z");
        assertThat(p.get("origin").asText()).isEqualTo("shop");
        assertThat(p.has("ignored")).isFalse();
        assertThat(got.data().at("/links/self").asText()).endsWith("/api/object-records/" + Ingest.q(s.type() + ":::A-1") + "/");
        // Full replace: a second ingestion without stock leaves it absent.
        assertThat(Ingest.one(s.api(), s.source(), "{\"sku\":\"A-1\",\"name\":\"Lamp 2\"}").status()).isEqualTo(204);
        JsonNode again = Ingest.properties(s.api(), s.type(), "A-1");
        assertThat(again.get("name").asText()).isEqualTo("Lamp 2");
        assertThat(again.has("stock")).isFalse();
        assertThat(again.get("origin").asText()).isEqualTo("shop");
    }

    @Test
    void anIntegerIdIsItsDecimalTextAndOtherIdsAreRefused() {
        Setup s = setup();
        assertThat(Ingest.one(s.api(), s.source(), "{\"sku\":42,\"name\":\"N\"}").status()).isEqualTo(204);
        assertThat(Ingest.properties(s.api(), s.type(), "42").get("name").asText()).isEqualTo("N");
        for (String bad : List.of("true", "1.5", "{\"a\":1}", "\"\"")) {
            var r = Ingest.one(s.api(), s.source(), "{\"sku\":" + bad + ",\"name\":\"N\"}");
            assertThat(r.status()).as(bad + ": " + r.text()).isEqualTo(400);
            assertThat(r.error().at("/source/pointer").asText()).isEqualTo(IngestionInput.SINGLE_RECORD + "/sku");
        }
        var missing = Ingest.one(s.api(), s.source(), "{\"name\":\"N\"}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.error().at("/source/pointer").asText()).isEqualTo(IngestionInput.SINGLE_RECORD + "/sku");
        assertThat(missing.error().get("detail").asText()).contains("Field required").contains(s.type());
    }

    @ParameterizedTest(name = "{0} accepts {1} as {2}")
    @CsvSource(delimiter = '|', value = {
            "stock|7|7", "stock|-9223372036854775808|-9223372036854775808",
            "price|7|7", "price|2.25|2.25", "price|1e2|100",
            "live|false|false",
            "launched|\"2024-01-02T03:04:05Z\"|\"2024-01-02T03:04:05Z\"",
            "launched|\"2024-01-02T03:04:05\"|\"2024-01-02T03:04:05Z\"",
            "launched|\"2024-01-02T03:04:05.250-01:00\"|\"2024-01-02T04:04:05.25Z\"",
            "launched|1700000000|\"2023-11-14T22:13:20Z\"",
            "launched|1700000000.5|\"2023-11-14T22:13:20.5Z\""})
    void eachTypeAcceptsItsForms(String property, String value, String stored) throws Exception {
        Setup s = setup();
        var r = Ingest.one(s.api(), s.source(), "{\"sku\":\"T\",\"name\":\"N\",\"" + (property.equals("live") ? "flags\":{\"live\":"
                + value + "}" : property + "\":" + value) + "}");
        assertThat(r.status()).as(r.text()).isEqualTo(204);
        JsonNode got = Ingest.properties(s.api(), s.type(), "T").get(property);
        assertThat(got.toString()).isEqualTo(dev.openprofile.jsonapi.Json.MAPPER.readTree(stored).toString());
    }

    @ParameterizedTest(name = "{0} refuses {1} ({2})")
    @CsvSource(delimiter = '|', value = {
            "name|/name|7|string_type", "name|/name|true|string_type",
            "stock|/stock|\"7\"|int_type", "stock|/stock|7.5|int_type", "stock|/stock|9223372036854775808|int_type",
            "stock|/stock|true|int_type",
            "price|/price|\"7\"|float_type", "price|/price|[1]|float_type",
            "live|/flags/live|\"true\"|bool_type", "live|/flags/live|1|bool_type",
            "launched|/launched|\"yesterday\"|datetime_parsing", "launched|/launched|\"2024-01-02\"|datetime_parsing",
            "launched|/launched|true|datetime_type", "launched|/launched|{}|datetime_type"})
    void eachTypeRefusesOtherFormsWithAPointerIntoTheRecordAndStoresNothing(String property, String pointer, String value,
                                                                           String code) {
        Setup s = setup();
        String member = property.equals("live") ? "\"flags\":{\"live\":" + value + "}" : "\"" + property + "\":" + value;
        String body = "{\"sku\":\"T\"," + (property.equals("name") ? "" : "\"name\":\"N\",") + member + "}";
        var r = Ingest.one(s.api(), s.source(), body);
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.body().get("errors")).hasSize(1);
        assertThat(r.error().at("/source/pointer").asText()).isEqualTo(IngestionInput.SINGLE_RECORD + pointer);
        assertThat(r.error().get("detail").asText()).contains("'" + property + "'").contains(s.type()).contains(code);
        assertThat(Ingest.record(s.api(), s.type(), "T").status()).isEqualTo(404);
    }

    @Test
    void everyBrokenRuleIsAnErrorOfTheSame400() {
        Setup s = setup();
        var r = Ingest.one(s.api(), s.source(), "{\"sku\":\"T\",\"stock\":\"x\",\"price\":\"y\"}");
        assertThat(r.status()).isEqualTo(400);
        List<String> pointers = new ArrayList<>();
        r.body().get("errors").forEach(e -> pointers.add(e.at("/source/pointer").asText()));
        assertThat(pointers).containsExactly(IngestionInput.SINGLE_RECORD + "/name", IngestionInput.SINGLE_RECORD + "/stock",
                IngestionInput.SINGLE_RECORD + "/price");
    }

    @Test
    void aRecordIsWrittenToEveryTypeItsSourceFeedsOrToNone() {
        Setup s = setup();
        Definitions d = new Definitions(server.jdbc(), s.accountId());
        String strict = d.type("Strict").property(1, "code", "int", true).map(1, s.source(), "$['sku']", "$['code']").active().id;
        var refused = Ingest.one(s.api(), s.source(), "{\"sku\":\"B\",\"name\":\"Fine\",\"code\":\"not an int\"}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.error().get("detail").asText()).contains(strict);
        assertThat(Ingest.record(s.api(), s.type(), "B").status()).isEqualTo(404);
        assertThat(Ingest.one(s.api(), s.source(), "{\"sku\":\"B\",\"name\":\"Fine\",\"code\":5}").status()).isEqualTo(204);
        assertThat(Ingest.properties(s.api(), s.type(), "B").get("name").asText()).isEqualTo("Fine");
        assertThat(Ingest.properties(s.api(), strict, "B").get("code")).isEqualTo(IntNode.valueOf(5));
    }

    @Test
    void malformedBodiesAre400sAtTheirPointerAndAnUnknownSourceIs404() {
        Setup s = setup();
        String base = Ingest.single(s.source(), "{\"sku\":\"Z\",\"name\":\"N\"}");
        record Case(String body, String pointer) {}
        for (Case c : List.of(
                new Case(base.replace("data-source-record-create-job", "nope"), "/data/type"),
                new Case(base.replace("{\"sku\":\"Z\",\"name\":\"N\"}", "[1]"), "/data/attributes/data-source-record/data/attributes/record"),
                new Case(base.replace("\"type\":\"data-source-record\"", "\"type\":\"x\""), "/data/attributes/data-source-record/data/type"),
                new Case(base.replace("\"type\":\"data-source\"", "\"type\":\"x\""), "/data/relationships/data-source/data/type"),
                new Case(base.replace(",\"relationships\":{\"data-source\":{\"data\":{\"type\":\"data-source\",\"id\":\"" + s.source()
                        + "\"}}}", ""), "/data/relationships/data-source/data"))) {
            var r = s.api().post("create_data_source_record", "/api/data-source-record-create-jobs", c.body());
            assertThat(r.status()).as(c.body() + " " + r.text()).isEqualTo(400);
            assertThat(r.error().at("/source/pointer").asText()).isEqualTo(c.pointer());
        }
        var unknown = Ingest.one(s.api(), "01NOSUCHSOURCE0000000000000", "{\"sku\":\"Z\"}");
        assertThat(unknown.status()).as(unknown.text()).isEqualTo(404);
        assertThat(unknown.error().at("/source/pointer").asText()).isEqualTo("/data/relationships/data-source/data/id");
        var bulkUnknown = Ingest.many(s.api(), "01NOSUCHSOURCE0000000000000", List.of("{\"sku\":\"Z\"}"));
        assertThat(bulkUnknown.status()).as(bulkUnknown.text()).isEqualTo(404);
        assertThat(server.queryInt("select count(*) from job where account_id = '" + s.accountId() + "'")).isZero();
        String big = "{\"sku\":\"Z\",\"blob\":\"" + "x".repeat(IngestionInput.MAX_RECORD_BYTES) + "\"}";
        var tooBig = Ingest.one(s.api(), s.source(), big);
        assertThat(tooBig.status()).isEqualTo(413);
        assertThat(tooBig.error().at("/source/pointer").asText()).isEqualTo("/data/attributes/data-source-record/data/attributes/record");
        List<String> many = new ArrayList<>();
        for (int i = 0; i <= IngestionInput.MAX_RECORDS; i++) many.add("{\"sku\":" + i + "}");
        var tooMany = Ingest.many(s.api(), s.source(), many);
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.error().at("/source/pointer").asText()).isEqualTo("/data/attributes/data-source-records/data");
        List<String> heavy = new ArrayList<>();
        for (int i = 0; i < 9; i++) heavy.add("{\"sku\":" + i + ",\"blob\":\"" + "x".repeat(500_000) + "\"}");
        var tooHeavy = Ingest.many(s.api(), s.source(), heavy);
        assertThat(tooHeavy.status()).isEqualTo(413);
        assertThat(tooHeavy.error().get("detail").asText()).contains("4MB");
        var empty = Ingest.many(s.api(), s.source(), List.of());
        assertThat(empty.status()).isEqualTo(400);
        var notObject = Ingest.many(s.api(), s.source(), List.of("{\"sku\":1}", "\"text\""));
        assertThat(notObject.status()).isEqualTo(400);
        assertThat(notObject.error().at("/source/pointer").asText()).isEqualTo("/data/attributes/data-source-records/data/1/attributes/record");
    }

    @Test
    void recordsArePagedInRecordIdOrderAndAnUnknownTypeIs404() {
        Setup s = setup();
        List<String> records = new ArrayList<>();
        for (int i = 0; i < 25; i++) records.add("{\"sku\":\"r" + (char) ('a' + i) + "\",\"name\":\"N" + i + "\"}");
        for (String r : records) assertThat(Ingest.one(s.api(), s.source(), r).status()).isEqualTo(204);
        List<String> seen = new ArrayList<>();
        String path = "/api/object-types/" + s.type() + "/object-records?page%5Bsize%5D=10";
        while (path != null) {
            var page = s.api().get("get_records_for_object_type", path);
            assertThat(page.status()).as(page.text()).isEqualTo(200);
            page.data().forEach(d -> seen.add(d.get("id").asText()));
            JsonNode next = page.body().at("/links/next");
            path = next.isNull() || next.isMissingNode() ? null : next.asText().substring(next.asText().indexOf("/api/"));
        }
        assertThat(seen).hasSize(25).isSorted();
        var ids = s.api().get("get_record_ids_for_object_type", "/api/object-types/" + s.type() + "/relationships/object-records");
        assertThat(ids.status()).isEqualTo(200);
        assertThat(ids.data()).hasSize(20);
        assertThat(ids.data().get(0).get("id").asText()).isEqualTo(s.type() + ":::ra");
        var sparse = s.api().get("get_records_for_object_type", "/api/object-types/" + s.type()
                + "/object-records?fields%5Bobject-record%5D=id&page%5Bsize%5D=1");
        assertThat(sparse.data().get(0).get("attributes").size()).isZero();
        var unknownType = s.api().get("get_records_for_object_type", "/api/object-types/01NOSUCHTYPE00000000000000/object-records");
        assertThat(unknownType.status()).isEqualTo(404);
        assertThat(Ingest.record(s.api(), s.type(), "nope").status()).isEqualTo(404);
        assertThat(s.api().get("get_object_record", "/api/object-records/no-separator").status()).isEqualTo(404);
        // Another account sees none of it.
        Api other = server.newAccount("co-other-").api();
        assertThat(Ingest.record(other, s.type(), "ra").status()).isEqualTo(404);
    }

    @Test
    void bulkDeleteDeletesTheNamedRecordsSkipsUnknownOnesAndRefusesMalformedIds() {
        Setup s = setup();
        for (String sku : List.of("d1", "d2", "d3")) Ingest.one(s.api(), s.source(), "{\"sku\":\"" + sku + "\",\"name\":\"N\"}");
        var bad = Ingest.delete(s.api(), List.of(s.type() + ":::d1", "malformed"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.error().at("/source/pointer").asText()).isEqualTo("/data/relationships/object-records/data/1/id");
        assertThat(Ingest.record(s.api(), s.type(), "d1").status()).isEqualTo(200);
        var ok = Ingest.delete(s.api(), List.of(s.type() + ":::d1", s.type() + ":::d3", s.type() + ":::unknown",
                "01NOSUCHTYPE00000000000000:::d2"));
        assertThat(ok.status()).as(ok.text()).isEqualTo(202);
        assertThat(ok.text()).isEmpty();
        assertThat(Ingest.record(s.api(), s.type(), "d1").status()).isEqualTo(404);
        assertThat(Ingest.record(s.api(), s.type(), "d2").status()).isEqualTo(200);
        assertThat(Ingest.record(s.api(), s.type(), "d3").status()).isEqualTo(404);
        // Another account cannot delete this one's records.
        Api other = server.newAccount("co-other-").api();
        assertThat(Ingest.delete(other, List.of(s.type() + ":::d2")).status()).isEqualTo(202);
        assertThat(Ingest.record(s.api(), s.type(), "d2").status()).isEqualTo(200);
        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i <= IngestionInput.MAX_DELETES; i++) tooMany.add(s.type() + ":::" + i);
        assertThat(Ingest.delete(s.api(), tooMany).status()).isEqualTo(400);
    }
}
