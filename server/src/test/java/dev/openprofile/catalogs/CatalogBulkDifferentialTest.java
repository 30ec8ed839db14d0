package dev.openprofile.catalogs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.TestServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two paths, one rule: random batches of catalog records (valid and invalid, repeated external ids, missing
 * resources, unknown related ids) go once through a bulk job on one account and once, record by record,
 * through the single create/update/delete calls on another. Both accounts end with the same items, variants
 * and category links (bodies compared minus timestamps), and the same records fail with the same code,
 * detail and pointer (below the record's place in the job's body, below /data in the single call).
 */
class CatalogBulkDifferentialTest {
    static final int ROUNDS = 30;
    static final int POOL = 16;
    static TestServer server;
    static Api bulk;
    static Api single;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        bulk = server.api();
        single = server.api(server.createKey("single-calls", Set.of("*")));
        for (Api api : List.of(bulk, single)) {
            for (int c = 0; c < 4; c++) {
                Api.Response r = api.post("create_catalog_category", "/api/catalog-categories", "{\"data\":{\"type\":\"catalog-category\","
                        + "\"attributes\":{\"external_id\":\"C" + c + "\",\"name\":\"Category " + c + "\"}}}");
                assertThat(r.status()).as(r.text()).isEqualTo(201);
            }
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A kind under test: its record type, collection, job member and operation names. */
    record Kind(String name, String type, String collection, String member) {
        String op(String verb) {
            return verb + "_catalog_" + name;
        }

        String jobs(String verb) {
            return "/api/" + type + "-bulk-" + verb + "-jobs";
        }

        String submitOp(String verb) {
            return "bulk_" + verb + "_catalog_" + member;
        }

        String getJobOp(String verb) {
            return name.equals("item") ? "get_bulk_" + verb + "_catalog_items_job" : "get_bulk_" + verb + "_" + member + "_job";
        }
    }

    static final Kind ITEM = new Kind("item", "catalog-item", "/api/catalog-items", "items");
    static final Kind VARIANT = new Kind("variant", "catalog-variant", "/api/catalog-variants", "variants");

    @Test
    void bulkJobsAndSingleCallsGiveTheSameRowsAndTheSameFailures() {
        long seed = Long.getLong("seed", System.nanoTime());
        Random random = new Random(seed);
        Set<String> codes = new java.util.TreeSet<>();
        int applied = 0;
        int refused = 0;
        for (int round = 0; round < ROUNDS; round++) {
            Kind kind = random.nextInt(3) == 0 ? VARIANT : ITEM;
            int p = random.nextInt(10);
            String verb = p < 5 ? "create" : p < 8 ? "update" : "delete";
            // A dirty batch may hold records the schema refuses and ids named twice: the whole request is then a 400.
            boolean dirty = random.nextInt(3) == 0;
            List<Integer> pool = new ArrayList<>();
            for (int i = 0; i < POOL; i++) pool.add(i);
            java.util.Collections.shuffle(pool, random);
            List<String> records = new ArrayList<>();
            int n = 1 + random.nextInt(dirty ? 30 : POOL);
            for (int i = 0; i < n; i++) records.add(record(random, kind, verb, dirty ? random.nextInt(POOL) : pool.get(i), dirty));
            String at = "seed " + seed + ", round " + round + " (" + kind.name() + " " + verb + (dirty ? ", dirty" : "") + "): ";

            Api.Response accepted = submit(kind, verb, records);
            if (accepted.status() == 400) {
                refused++;
                codes.add(accepted.error().get("code").asText());
                sameRefusal(kind, verb, records, accepted.error(), at);
            } else {
                assertThat(accepted.status()).as(at + accepted.text()).isEqualTo(202);
                Map<Integer, String> bulkFailures = failures(kind, verb, accepted, records, at);
                Map<Integer, String> singleFailures = viaSingleCalls(kind, verb, records, at);
                assertThat(bulkFailures).as(at + "failures").isEqualTo(singleFailures);
                bulkFailures.values().forEach(f -> codes.add(f.substring(0, f.indexOf(' '))));
                applied += records.size() - bulkFailures.size();
            }
            Map<String, JsonNode> viaBulk = state(bulk);
            Map<String, JsonNode> viaSingle = state(single);
            Set<String> differing = new java.util.TreeSet<>(viaBulk.keySet());
            differing.addAll(viaSingle.keySet());
            differing.removeIf(k -> java.util.Objects.equals(viaBulk.get(k), viaSingle.get(k)));
            assertThat(differing).as(at + "rows differ: " + differing.stream().map(k -> k + "\n bulk:   " + viaBulk.get(k)
                    + "\n single: " + viaSingle.get(k)).toList()).isEmpty();
        }
        // The batches exercised every outcome: applied records, refused requests, missing resources, duplicates.
        assertThat(applied).as("seed " + seed).isPositive();
        assertThat(refused).as("seed " + seed).isPositive();
        assertThat(codes).as("seed " + seed).contains("invalid", "not_found", "conflict");
    }

    static Api.Response submit(Kind kind, String verb, List<String> records) {
        return bulk.post(kind.submitOp(verb), kind.jobs(verb), "{\"data\":{\"type\":\"" + kind.type() + "-bulk-" + verb
                + "-job\",\"attributes\":{\"" + kind.member() + "\":{\"data\":[" + String.join(",", records) + "]}}}}");
    }

    /**
     * A refused bulk request points at a record that names an id an earlier record named, or that its single call
     * refuses with the same error (which changes nothing, so the two accounts stay equal).
     */
    static void sameRefusal(Kind kind, String verb, List<String> records, JsonNode error, String at) {
        String prefix = "/data/attributes/" + kind.member() + "/data/";
        String pointer = error.at("/source/pointer").asText();
        assertThat(pointer).as(at + error).startsWith(prefix);
        String rest = pointer.substring(prefix.length());
        int slash = rest.indexOf('/');
        int index = Integer.parseInt(slash < 0 ? rest : rest.substring(0, slash));
        String below = slash < 0 ? "" : rest.substring(slash);
        Set<String> earlier = new java.util.HashSet<>();
        for (int i = 0; i < index; i++) earlier.add(identity(records.get(i), verb));
        String mine = identity(records.get(index), verb);
        // A repeat is refused at its id, unless the record's own schema fault comes first (it is read first).
        if (mine != null && earlier.contains(mine) && error.get("detail").asText().contains("more than once")) {
            assertThat(below).as(at + error).isIn("/id", "/attributes/external_id");
            return;
        }
        Map<Integer, String> single = viaSingleCalls(kind, verb, List.of(records.get(index)), at);
        assertThat(single.get(0)).as(at + "the single call of record " + index)
                .isEqualTo(error.get("code").asText() + " " + below + " " + error.get("detail").asText());
    }

    /** What a record names: its id (update, delete) or its external id (create). */
    static String identity(String record, String verb) {
        JsonNode r = read(record);
        return verb.equals("create") ? r.at("/attributes/external_id").asText(null) : r.path("id").asText(null);
    }

    /** The accepted job's failures by record index, as "code pointer-below-the-record detail". */
    static Map<Integer, String> failures(Kind kind, String verb, Api.Response accepted, List<String> records, String at) {
        server.awaitJobs();
        JsonNode job = bulk.get(kind.getJobOp(verb), kind.jobs(verb) + "/" + accepted.data().get("id").asText()).data();
        Map<Integer, String> out = new TreeMap<>();
        String prefix = "/data/attributes/" + kind.member() + "/data/";
        for (JsonNode e : job.at("/attributes/errors")) {
            String pointer = e.at("/source/pointer").asText();
            assertThat(pointer).as(at + e).startsWith(prefix);
            String rest = pointer.substring(prefix.length());
            int slash = rest.indexOf('/');
            int index = Integer.parseInt(slash < 0 ? rest : rest.substring(0, slash));
            out.put(index, e.get("code").asText() + " " + (slash < 0 ? "" : rest.substring(slash)) + " " + e.get("detail").asText());
        }
        assertThat(job.at("/attributes/failed_count").asInt()).as(at).isEqualTo(out.size());
        assertThat(job.at("/attributes/completed_count").asInt()).as(at).isEqualTo(records.size() - out.size());
        return out;
    }

    /** Applies the records one call each; the failures as {@link #viaBulk} reports them. */
    static Map<Integer, String> viaSingleCalls(Kind kind, String verb, List<String> records, String at) {
        Map<Integer, String> out = new TreeMap<>();
        for (int i = 0; i < records.size(); i++) {
            String record = records.get(i);
            String id = read(record).path("id").asText();
            Api.Response r = switch (verb) {
                case "create" -> single.post(kind.op("create"), kind.collection(), "{\"data\":" + record + "}");
                case "update" -> single.patch(kind.op("update"), path(kind.collection(), id), "{\"data\":" + record + "}");
                default -> single.delete(kind.op("delete"), path(kind.collection(), id), null);
            };
            if (r.status() < 300) continue;
            assertThat(r.status()).as(at + r.text()).isBetween(400, 499);
            JsonNode e = r.error();
            // The single call's id is in its URL (source.parameter "id"); the job's is in the record ("/id").
            String pointer = e.at("/source/parameter").asText().equals("id") ? "/id" : e.at("/source/pointer").asText().substring("/data".length());
            out.put(i, e.get("code").asText() + " " + pointer + " " + e.get("detail").asText());
        }
        return out;
    }

    /** Items, variants and category links of an account, bodies without their timestamps. */
    static Map<String, JsonNode> state(Api api) {
        Map<String, JsonNode> out = new TreeMap<>();
        for (Kind kind : List.of(ITEM, VARIANT)) {
            Api.Response r = api.get("get_catalog_" + kind.member(), kind.collection() + "?page%5Bsize%5D=100");
            assertThat(r.data().size()).isLessThan(100);
            for (JsonNode d : r.data()) {
                ObjectNode copy = d.deepCopy();
                ((ObjectNode) copy.get("attributes")).remove(List.of("created", "updated"));
                out.put(d.get("id").asText(), copy);
            }
        }
        for (int c = 0; c < 4; c++) {
            String category = "$custom:::$default:::C" + c;
            // Linked items as a set: their order is by creation time, which differs between the two paths.
            List<String> items = new ArrayList<>();
            api.get("get_item_ids_for_catalog_category", path("/api/catalog-categories", category) + "/relationships/items")
                    .data().forEach(d -> items.add(d.get("id").asText()));
            out.put(category, dev.openprofile.jsonapi.Json.MAPPER.valueToTree(items.stream().sorted().toList()));
        }
        return out;
    }

    /**
     * A random record of the verb naming pool entry {@code n} (so rounds name each other's resources); a clean one
     * only fails against stored state, a dirty one may break the schema too.
     */
    static String record(Random random, Kind kind, String verb, int n, boolean dirty) {
        String ext = (kind == ITEM ? "I" : "V") + n;
        Random bad = dirty ? random : new Random(0) {
            @Override
            public int nextInt(int bound) {
                return bound - 1; // never 0: no schema fault
            }
        };
        String id = "$custom:::$default:::" + ext;
        StringBuilder a = new StringBuilder();
        switch (verb) {
            case "create" -> {
                if (bad.nextInt(12) != 0) a.append(",\"external_id\":\"").append(ext).append('"');
                if (bad.nextInt(10) != 0) a.append(",\"title\":").append(bad.nextInt(15) == 0 ? "7" : "\"T" + random.nextInt(5) + "\"");
                if (bad.nextInt(12) != 0) a.append(",\"description\":\"d\"");
                a.append(",\"url\":\"https://shop.test/").append(ext).append('"');
                if (kind == VARIANT) {
                    if (bad.nextInt(12) != 0) a.append(",\"sku\":\"S").append(random.nextInt(4)).append('"');
                    a.append(",\"inventory_quantity\":").append(random.nextInt(5));
                    if (random.nextInt(4) != 0) a.append(",\"inventory_policy\":").append(dirty ? random.nextInt(4) : random.nextInt(3));
                }
                if (kind == VARIANT || random.nextBoolean()) a.append(",\"price\":").append(bad.nextInt(15) == 0 ? "\"abc\"" : random.nextInt(100) + ".5");
                if (random.nextBoolean()) a.append(",\"published\":").append(bad.nextInt(15) == 0 ? "\"yes\"" : random.nextBoolean());
                if (bad.nextInt(15) == 0) a.append(",\"colour\":\"red\"");
                return "{\"type\":\"" + kind.type() + "\",\"attributes\":{" + a.substring(1) + "}" + relationships(random, kind, false) + "}";
            }
            case "update" -> {
                a.append(",\"title\":\"U").append(random.nextInt(5)).append('"');
                if (random.nextBoolean()) a.append(",\"price\":").append(bad.nextInt(15) == 0 ? "\"abc\"" : random.nextInt(100));
                if (random.nextBoolean()) a.append(",\"published\":").append(random.nextBoolean());
                if (bad.nextInt(15) == 0) a.append(",\"external_id\":\"NEW\"");
                if (kind == VARIANT && random.nextBoolean()) a.append(",\"inventory_quantity\":").append(random.nextInt(9));
                return "{\"type\":\"" + kind.type() + "\",\"id\":\"" + id + "\",\"attributes\":{" + a.substring(1) + "}"
                        + relationships(random, kind, true) + "}";
            }
            default -> {
                return "{\"type\":\"" + kind.type() + "\",\"id\":\"" + id + "\"}";
            }
        }
    }

    /** An item's categories (C4 does not exist), a variant's item (on create only; the pool's items may not exist). */
    static String relationships(Random random, Kind kind, boolean update) {
        if (kind == VARIANT) {
            return update ? "" : ",\"relationships\":{\"item\":{\"data\":{\"type\":\"catalog-item\",\"id\":\"$custom:::$default:::I"
                    + random.nextInt(POOL) + "\"}}}";
        }
        if (random.nextInt(3) == 0) return "";
        List<String> ids = new ArrayList<>();
        for (int c = 0; c < 5; c++) {
            if (random.nextInt(3) == 0) ids.add("{\"type\":\"catalog-category\",\"id\":\"$custom:::$default:::C" + (random.nextInt(12) == 0 ? 4 : c) + "\"}");
        }
        return ",\"relationships\":{\"categories\":{\"data\":[" + String.join(",", ids) + "]}}";
    }

    static JsonNode read(String json) {
        try {
            return dev.openprofile.jsonapi.Json.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String path(String collection, String id) {
        return collection + "/" + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
