package dev.openprofile.objectrecords;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two paths, one rule: random records (valid and invalid, ids repeating) sent one by one into one account and in bulk
 * jobs into another with the same definitions end in the same object records, the same links and the same rejected
 * records.
 */
class SingleVersusBulkTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    record Side(Api api, String accountId, String source, Map<String, String> typeNames) {}

    static Side side(String prefix) {
        TestServer.Account account = server.newAccount(prefix);
        Definitions d = new Definitions(server.jdbc(), account.id());
        String source = d.dataSource("Feed");
        String tag = d.type("Tag").property(1, "label", "string", false).map(1, source, "$['id']", "$['label']").active().id;
        Definitions.Type t = d.type("Thing").property(1, "name", "string", true).property(2, "qty", "int", false)
                .property(3, "price", "float", false).property(4, "flag", "boolean", false).property(5, "at", "timestamp", false)
                .map(1, source, "$['id']", "$['name']").map(2, source, "$['id']", "$['qty']").map(3, source, "$['id']", "$['price']")
                .map(4, source, "$['id']", "$['flag']").map(5, source, "$['id']", "$['at']");
        t.profiles("owner", source, "$['id']", false, "email", "$['email']", "external-id", "$['ext']");
        t.objects("tags", tag, source, "$['id']", "$['tags']", true);
        String thing = t.active().id;
        return new Side(account.api(), account.id(), source, Map.of(tag, "Tag", thing, "Thing"));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void singleCallsAndBulkJobsAgree(long seed) {
        Random random = new Random(seed);
        List<String> records = new ArrayList<>();
        for (int i = 0; i < 160; i++) records.add(record(random).toString());
        Side single = side("co-single-");
        Side bulk = side("co-bulk-");
        List<String> rejectedOneByOne = new ArrayList<>();
        for (String r : records) {
            var response = Ingest.one(single.api(), single.source(), r);
            assertThat(response.status()).as(r + " " + response.text()).isIn(204, 400);
            if (response.status() == 400) rejectedOneByOne.add(idOf(r));
        }
        for (int from = 0; from < records.size(); ) {
            int to = Math.min(records.size(), from + 1 + random.nextInt(60));
            assertThat(Ingest.many(bulk.api(), bulk.source(), records.subList(from, to)).status()).isEqualTo(204);
            from = to;
        }
        server.awaitJobs();
        assertThat(state(bulk)).isEqualTo(state(single));
        assertThat(rejectedOneByOne).isNotEmpty();
        // Each rejected record logs once per type its source feeds (the one it breaks, and the one it was kept from).
        List<String> logged = column(bulk, "select coalesce(record_id, '?') from object_ingestion_log where account_id = ?"
                + " and object_type_id = ? order by 1", thingOf(bulk));
        assertThat(logged).isEqualTo(rejectedOneByOne.stream().sorted().toList());
        assertThat(column(single, "select count(*)::text from object_ingestion_log where account_id = ?")).containsExactly("0");
    }

    /** Each member valid, invalid or absent at random; ids from a small pool, so that records repeat. */
    private static ObjectNode record(Random random) {
        ObjectNode r = Json.MAPPER.createObjectNode();
        switch (random.nextInt(12)) {
            case 0 -> { } // no id
            case 1 -> r.put("id", true);
            case 2 -> r.put("id", random.nextInt(5));
            default -> r.put("id", "t" + random.nextInt(25));
        }
        pick(random, r, "name", Json.MAPPER.getNodeFactory().textNode("n" + random.nextInt(100)), Json.MAPPER.getNodeFactory().numberNode(3));
        pick(random, r, "qty", Json.MAPPER.getNodeFactory().numberNode(random.nextInt(1000)), Json.MAPPER.getNodeFactory().textNode("x"));
        pick(random, r, "price", Json.MAPPER.getNodeFactory().numberNode(random.nextDouble()), Json.MAPPER.getNodeFactory().booleanNode(true));
        pick(random, r, "flag", Json.MAPPER.getNodeFactory().booleanNode(random.nextBoolean()), Json.MAPPER.getNodeFactory().numberNode(1));
        pick(random, r, "at", Json.MAPPER.getNodeFactory().textNode("2024-0" + (1 + random.nextInt(9)) + "-01T00:00:00"),
                Json.MAPPER.getNodeFactory().textNode("soon"));
        pick(random, r, "email", Json.MAPPER.getNodeFactory().textNode("p" + random.nextInt(6) + "@diff.example"),
                Json.MAPPER.getNodeFactory().textNode("nope"));
        if (random.nextInt(4) == 0) r.put("ext", "x" + random.nextInt(4));
        int tags = random.nextInt(4);
        if (tags > 0) {
            var array = r.putArray("tags");
            for (int i = 0; i < tags; i++) array.add("g" + random.nextInt(6));
            if (random.nextInt(25) == 0) array.addObject();
        }
        return r;
    }

    private static void pick(Random random, ObjectNode r, String name, JsonNode valid, JsonNode invalid) {
        int roll = random.nextInt(20);
        if (roll == 0) r.set(name, invalid);
        else if (roll < 5) r.putNull(name);
        else if (roll < 8) return;
        else r.set(name, valid);
    }

    private static String idOf(String record) {
        JsonNode id = Json.MAPPER.valueToTree(parse(record)).path("id");
        if (id.isTextual() && !id.asText().isEmpty()) return id.asText();
        if (id.isIntegralNumber()) return id.asText();
        return "?";
    }

    private static JsonNode parse(String s) {
        try {
            return Json.MAPPER.readTree(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String thingOf(Side side) {
        return side.typeNames().entrySet().stream().filter(e -> e.getValue().equals("Thing")).findFirst().orElseThrow().getKey();
    }

    /** Records (by type name), their owners (by email or external id) and their tag links, as sorted text. */
    private static Map<String, List<String>> state(Side side) {
        Map<String, List<String>> out = new TreeMap<>();
        List<String> records = new ArrayList<>();
        for (String row : column(side, "select object_type_id || ' ' || record_id || ' ' || properties::text from object_record"
                + " where account_id = ? order by 1")) {
            String type = row.substring(0, row.indexOf(' '));
            records.add(side.typeNames().get(type) + row.substring(row.indexOf(' ')));
        }
        out.put("records", records.stream().sorted().toList());
        out.put("owners", column(side, """
                select l.record_id || ' ' || coalesce(p.email, '') || ' ' || coalesce(p.external_id, '') from object_record_profile l
                join profile p on p.account_id = l.account_id and p.id = l.profile_id where l.account_id = ? order by 1"""));
        out.put("tags", column(side, "select record_id || ' ' || related_record_id from object_record_link where account_id = ? order by 1"));
        out.put("profiles", column(side, "select coalesce(email, '') || ' ' || coalesce(external_id, '') from profile where account_id = ? order by 1"));
        return out;
    }

    private static List<String> column(Side side, String sql, String... more) {
        List<String> out = new ArrayList<>();
        server.jdbc().read(c -> {
            try (var ps = c.prepareStatement(sql)) {
                ps.setString(1, side.accountId());
                for (int i = 0; i < more.length; i++) ps.setString(i + 2, more[i]);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) out.add(rs.getString(1));
                }
            }
            return null;
        });
        return out;
    }
}
