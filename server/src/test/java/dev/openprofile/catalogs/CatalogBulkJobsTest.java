package dev.openprofile.catalogs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.jsonapi.Rfc3339;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.MutableClock;
import dev.openprofile.testing.TestServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The nine catalog bulk-job families over HTTP: the 202 document, processing (written rows readable through
 * the single endpoints, per-record errors with pointers into the body), include, lists and their status
 * filter and pages, the request-shape 400s, and 404 for an unknown job.
 */
class CatalogBulkJobsTest {
    static final MutableClock clock = new MutableClock(Instant.parse("2026-11-02T08:00:00Z"));
    static TestServer server;
    static Api api;

    @BeforeAll
    static void start() {
        server = TestServer.start(clock);
        api = server.api();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A family as a client sees it: its URL, type, operations, the member carrying its records, and the record kind. */
    record Family(String kind, String verb, String member, String jobs, String type) {
        String submitOp() {
            return "bulk_" + verb + "_catalog_" + member;
        }

        String listOp() {
            return kind.equals("item") ? "get_bulk_" + verb + "_catalog_items_jobs" : "get_bulk_" + verb + "_" + member + "_jobs";
        }

        String getOp() {
            return listOp().substring(0, listOp().length() - 1);
        }

        String recordType() {
            return "catalog-" + kind;
        }

        String collection() {
            return "/api/catalog-" + (kind.equals("category") ? "categories" : kind + "s");
        }

        String singleGetOp() {
            return "get_catalog_" + kind;
        }

        @Override
        public String toString() {
            return type;
        }
    }

    static Family family(String kind, String verb) {
        String member = kind.equals("category") ? "categories" : kind + "s";
        String type = "catalog-" + kind + "-bulk-" + verb + "-job";
        return new Family(kind, verb, member, "/api/" + type + "s", type);
    }

    static Stream<Family> families() {
        return Stream.of("item", "variant", "category").flatMap(k -> Stream.of("create", "update", "delete").map(v -> family(k, v)));
    }

    static String id(String externalId) {
        return "$custom:::$default:::" + externalId;
    }

    static String path(String collection, String id) {
        return collection + "/" + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String itemAttributes(String ext) {
        return "\"external_id\":\"" + ext + "\",\"title\":\"Item " + ext + "\",\"description\":\"d\",\"url\":\"https://shop.test/" + ext + "\"";
    }

    static String variantAttributes(String ext) {
        return "\"external_id\":\"" + ext + "\",\"title\":\"Variant " + ext + "\",\"description\":\"d\",\"sku\":\"SKU-" + ext
                + "\",\"inventory_quantity\":3,\"price\":9.5,\"url\":\"https://shop.test/v/" + ext + "\"";
    }

    static String itemLink(String itemExt) {
        return ",\"relationships\":{\"item\":{\"data\":{\"type\":\"catalog-item\",\"id\":\"" + id(itemExt) + "\"}}}";
    }

    /** A record the family's job writes successfully (for update and delete, of a resource that exists). */
    static String validRecord(Family f, String ext, String parentItem) {
        return switch (f.verb()) {
            case "create" -> "{\"type\":\"" + f.recordType() + "\",\"attributes\":{" + switch (f.kind()) {
                case "item" -> itemAttributes(ext) + "}";
                case "variant" -> variantAttributes(ext) + "}" + itemLink(parentItem);
                default -> "\"external_id\":\"" + ext + "\",\"name\":\"Category " + ext + "\"}";
            } + "}";
            case "update" -> "{\"type\":\"" + f.recordType() + "\",\"id\":\"" + id(ext) + "\",\"attributes\":{\""
                    + (f.kind().equals("category") ? "name" : "title") + "\":\"Renamed " + ext + "\"}}";
            default -> "{\"type\":\"" + f.recordType() + "\",\"id\":\"" + id(ext) + "\"}";
        };
    }

    /** A record the job fails, and the pointer its error carries below the record's place in the body. */
    static String[] invalidRecord(Family f, String ext, String parentItem) {
        return switch (f.verb()) {
            case "create" -> switch (f.kind()) {
                // a category that does not exist: the single call's 404, as a job error
                case "item" -> new String[] {"{\"type\":\"catalog-item\",\"attributes\":{" + itemAttributes(ext) + "},"
                        + "\"relationships\":{\"categories\":{\"data\":[{\"type\":\"catalog-category\",\"id\":\"" + id("NO-SUCH-CATEGORY")
                        + "\"}]}}}", "/relationships/categories/data/0/id", "not_found"};
                // an item that does not exist: the single call's 404, as a job error
                case "variant" -> new String[] {"{\"type\":\"catalog-variant\",\"attributes\":{" + variantAttributes(ext) + "}"
                        + itemLink("NO-SUCH-ITEM") + "}", "/relationships/item/data/id", "not_found"};
                default -> new String[] {"{\"type\":\"catalog-category\",\"attributes\":{\"external_id\":\"" + ext
                        + "\",\"name\":\"n\"},\"relationships\":{\"items\":{\"data\":[{\"type\":\"catalog-item\",\"id\":\""
                        + id("NO-SUCH-ITEM") + "\"}]}}}", "/relationships/items/data/0/id", "not_found"};
            };
            // a resource that does not exist: the single call's 404, its id now a pointer into the body
            default -> new String[] {validRecord(f, "MISSING-" + ext, parentItem), "/id", "not_found"};
        };
    }

    static String body(Family f, List<String> records) {
        return "{\"data\":{\"type\":\"" + f.type() + "\",\"attributes\":{\"" + f.member() + "\":{\"data\":["
                + String.join(",", records) + "]}}}}";
    }

    static void created(Api.Response r) {
        assertThat(r.status()).as(r.text()).isEqualTo(201);
    }

    /** What update and delete jobs work on, and the item new variants belong to, made through the single calls. */
    static void existing(Family f, String prefix, List<String> exts) {
        String parent = prefix + "-PARENT";
        created(api.post("create_catalog_item", "/api/catalog-items", "{\"data\":{\"type\":\"catalog-item\",\"attributes\":{"
                + itemAttributes(parent) + "}}}"));
        if (f.verb().equals("create")) return;
        for (String ext : exts) {
            created(api.post("create_catalog_" + f.kind(), f.collection(), "{\"data\":" + validRecord(family(f.kind(), "create"), ext, parent)
                    + "}"));
        }
    }

    JsonNode awaitComplete(Family f, String jobId) {
        server.awaitJobs();
        Api.Response r = api.get(f.getOp(), path(f.jobs(), jobId));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.data();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void aJobAppliesItsRecordsThroughTheSingleCallsAndReportsEachFailureWithItsPointer(Family f) {
        String prefix = f.type().toUpperCase();
        List<String> exts = List.of(prefix + "-A", prefix + "-B");
        existing(f, prefix, exts);
        String parent = prefix + "-PARENT";
        String[] invalid = invalidRecord(f, prefix + "-X", parent);
        String submitted = Rfc3339.format(OffsetDateTime.ofInstant(clock.instant(), java.time.ZoneOffset.UTC));
        Api.Response accepted = api.post(f.submitOp(), f.jobs(), body(f, List.of(validRecord(f, exts.get(0), parent), invalid[0],
                validRecord(f, exts.get(1), parent))));
        assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
        JsonNode job = accepted.data();
        assertThat(job.get("type").asText()).isEqualTo(f.type());
        JsonNode a = job.get("attributes");
        assertThat(a.get("status").asText()).isEqualTo("queued");
        assertThat(a.get("created_at").asText()).isEqualTo(submitted);
        assertThat(a.get("total_count").asInt()).isEqualTo(3);
        assertThat(a.get("completed_count").asInt()).isZero();
        assertThat(a.get("failed_count").asInt()).isZero();
        assertThat(a.get("completed_at").isNull()).isTrue();
        assertThat(a.get("expires_at").isNull()).isTrue();
        assertThat(a.get("errors")).isEmpty();
        assertThat(job.at("/relationships/" + f.member() + "/data")).isEmpty();
        assertThat(job.at("/links/self").asText()).endsWith(f.jobs() + "/" + job.get("id").asText() + "/");

        JsonNode done = awaitComplete(f, job.get("id").asText());
        a = done.get("attributes");
        assertThat(a.get("status").asText()).isEqualTo("complete");
        assertThat(a.get("completed_count").asInt()).isEqualTo(2);
        assertThat(a.get("failed_count").asInt()).isEqualTo(1);
        assertThat(a.get("completed_at").asText()).isEqualTo(submitted);
        assertThat(OffsetDateTime.parse(a.get("expires_at").asText()))
                .isEqualTo(OffsetDateTime.parse(submitted).plusDays(7));
        assertThat(a.get("errors")).hasSize(1);
        JsonNode error = a.get("errors").get(0);
        assertThat(error.get("code").asText()).isEqualTo(invalid[2]);
        assertThat(error.at("/source/pointer").asText()).isEqualTo("/data/attributes/" + f.member() + "/data/1" + invalid[1]);
        assertThat(error.get("detail").asText()).isNotBlank();
        assertThat(error.get("id").asText()).hasSize(36);
        assertThat(done.at("/relationships/" + f.member() + "/data").findValuesAsText("id"))
                .containsExactly(id(exts.get(0)), id(exts.get(1)));
        assertThat(done.at("/relationships/" + f.member() + "/data/0/type").asText()).isEqualTo(f.recordType());

        for (String ext : exts) {
            Api.Response single = api.get(f.singleGetOp(), path(f.collection(), id(ext)));
            switch (f.verb()) {
                case "create" -> assertThat(single.data().at("/attributes/external_id").asText()).isEqualTo(ext);
                case "update" -> assertThat(single.data().at(f.kind().equals("category") ? "/attributes/name" : "/attributes/title")
                        .asText()).isEqualTo("Renamed " + ext);
                default -> assertThat(single.status()).isEqualTo(404);
            }
        }
        assertThat(api.get(f.singleGetOp(), path(f.collection(), id(prefix + "-X"))).status()).as("the failed record left nothing")
                .isEqualTo(404);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void aRequestOfTheWrongShapeIsRefusedWholeAndStoresNothing(Family f) {
        int jobs = server.queryInt("select count(*) from job");
        String one = validRecord(f, "SHAPE-1", "SHAPE-PARENT");
        Api.Response over = api.post(f.submitOp(), f.jobs(), body(f, java.util.Collections.nCopies(101, one)));
        assertThat(over.status()).isEqualTo(400);
        assertThat(over.error().at("/source/pointer").asText()).isEqualTo("/data/attributes/" + f.member() + "/data");
        assertThat(over.error().get("detail").asText()).contains("up to 100");
        Api.Response empty = api.post(f.submitOp(), f.jobs(), body(f, List.of()));
        assertThat(empty.error().at("/source/pointer").asText()).isEqualTo("/data/attributes/" + f.member() + "/data");
        Api.Response wrongType = api.post(f.submitOp(), f.jobs(), body(f, List.of(one)).replace(f.type(), "catalog-bulk-job"));
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.error().at("/source/pointer").asText()).isEqualTo("/data/type");
        Api.Response noArray = api.post(f.submitOp(), f.jobs(), "{\"data\":{\"type\":\"" + f.type() + "\",\"attributes\":{\""
                + f.member() + "\":{\"data\":{}}}}}");
        assertThat(noArray.error().at("/source/pointer").asText()).isEqualTo("/data/attributes/" + f.member() + "/data");
        Api.Response otherMember = api.post(f.submitOp(), f.jobs(), "{\"data\":{\"type\":\"" + f.type()
                + "\",\"attributes\":{\"records\":{\"data\":[]}}}}");
        assertThat(otherMember.error().at("/source/pointer").asText()).isEqualTo("/data/attributes/records");
        assertThat(server.queryInt("select count(*) from job")).isEqualTo(jobs);
    }

    @Test
    void aBodyOverFiveMegabytesIsRefusedWhole() {
        Family f = family("item", "create");
        int jobs = server.queryInt("select count(*) from job");
        String big = "x".repeat(60_000);
        List<String> records = IntStream.range(0, 90).mapToObj(i -> "{\"type\":\"catalog-item\",\"attributes\":{"
                + itemAttributes("BIG-" + i).replace("\"description\":\"d\"", "\"description\":\"" + big + "\"") + "}}").toList();
        Api.Response r = api.post(f.submitOp(), f.jobs(), body(f, records));
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.error().get("code").asText()).isEqualTo("request_too_large");
        assertThat(server.queryInt("select count(*) from job")).isEqualTo(jobs);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void anUnknownJobIsA404(Family f) {
        Api.Response r = api.get(f.getOp(), path(f.jobs(), "01JNOSUCHJOB0000000000000"));
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.error().at("/source/parameter").asText()).isEqualTo("job_id");
        // A job of another family is not one of this family's.
        Family other = family(f.kind().equals("item") ? "category" : "item", "create");
        Api.Response otherJob = api.post(other.submitOp(), other.jobs(), body(other, List.of(validRecord(other, "OTHER-" + f.type(), null))));
        assertThat(api.get(f.getOp(), path(f.jobs(), otherJob.data().get("id").asText())).status()).isEqualTo(404);
        server.awaitJobs();
    }

    @Test
    void includeNamesTheResourcesTheJobWroteAsTheyAreNow() {
        Family f = family("item", "create");
        Api.Response accepted = api.post(f.submitOp(), f.jobs(), body(f, List.of(validRecord(f, "INC-1", null),
                validRecord(f, "INC-2", null))));
        JsonNode job = awaitComplete(f, accepted.data().get("id").asText());
        Api.Response r = api.get(f.getOp(), path(f.jobs(), job.get("id").asText()) + "?include=items&fields%5Bcatalog-item%5D=title");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.body().get("included").findValuesAsText("id")).containsExactly(id("INC-1"), id("INC-2"));
        assertThat(r.body().at("/included/0/attributes/title").asText()).isEqualTo("Item INC-1");
        assertThat(r.body().at("/included/0/attributes/url").isMissingNode()).as("sparse fieldset").isTrue();
        Api.Response sparse = api.get(f.getOp(), path(f.jobs(), job.get("id").asText()) + "?fields%5Bcatalog-item-bulk-create-job%5D=status,total_count");
        assertThat(sparse.data().get("attributes").propertyStream().map(java.util.Map.Entry::getKey).toList())
                .containsExactly("status", "total_count");
        // An update job's include shows the items after the update.
        Family u = family("item", "update");
        Api.Response updated = api.post(u.submitOp(), u.jobs(), body(u, List.of(validRecord(u, "INC-2", null))));
        awaitComplete(u, updated.data().get("id").asText());
        Api.Response after = api.get(u.getOp(), path(u.jobs(), updated.data().get("id").asText()) + "?include=items");
        assertThat(after.body().at("/included/0/attributes/title").asText()).isEqualTo("Renamed INC-2");
        assertThat(after.body().get("included")).hasSize(1);
    }

    @Test
    void aResourceNamedTwiceInOneRequestRefusesItWhole() {
        int jobs = server.queryInt("select count(*) from job");
        Family create = family("category", "create");
        String first = validRecord(create, "DUP-1", null);
        Api.Response twice = api.post(create.submitOp(), create.jobs(), body(create, List.of(first, first.replace("Category DUP-1", "Again"))));
        assertThat(twice.status()).isEqualTo(400);
        assertThat(twice.error().at("/source/pointer").asText()).isEqualTo("/data/attributes/categories/data/1/attributes/external_id");
        assertThat(twice.error().get("detail").asText()).contains(id("DUP-1"));
        Family delete = family("item", "delete");
        String doomed = validRecord(delete, "DUP-2", null);
        Api.Response deleteTwice = api.post(delete.submitOp(), delete.jobs(), body(delete, List.of(doomed, doomed)));
        assertThat(deleteTwice.status()).isEqualTo(400);
        assertThat(deleteTwice.error().at("/source/pointer").asText()).isEqualTo("/data/attributes/items/data/1/id");
        assertThat(server.queryInt("select count(*) from job")).isEqualTo(jobs);
        assertThat(api.get("get_catalog_category", path("/api/catalog-categories", id("DUP-1"))).status()).isEqualTo(404);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void aRecordTheSchemaRefusesRefusesTheRequestWithTheSingleCallsError(Family f) {
        int jobs = server.queryInt("select count(*) from job");
        String good = validRecord(f, "SCHEMA-OK", "SCHEMA-PARENT");
        // The record's own fault, which the single call's reader finds without reading any stored state.
        String[] bad = switch (f.verb()) {
            case "create" -> new String[] {good.replaceFirst("\"external_id\":\"[^\"]*\",", ""), "/attributes/external_id"};
            case "update" -> new String[] {good.replace("\"attributes\":{", "\"attributes\":{\"external_id\":\"NEW\","),
                    "/attributes/external_id"};
            default -> new String[] {good.replace("\"type\":\"" + f.recordType() + "\"", "\"type\":\"profile\""), "/type"};
        };
        Api.Response r = api.post(f.submitOp(), f.jobs(), body(f, List.of(good, bad[0])));
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.error().get("code").asText()).isEqualTo("invalid");
        assertThat(r.error().at("/source/pointer").asText()).isEqualTo("/data/attributes/" + f.member() + "/data/1" + bad[1]);
        assertThat(server.queryInt("select count(*) from job")).isEqualTo(jobs);
    }

    @Test
    void theJobListFiltersByStatusAndPagesByOneHundred() {
        Family f = family("variant", "delete");
        created(api.post("create_catalog_item", "/api/catalog-items", "{\"data\":{\"type\":\"catalog-item\",\"attributes\":{"
                + itemAttributes("LIST-PARENT") + "}}}"));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            Api.Response r = api.post(f.submitOp(), f.jobs(), body(f, List.of(validRecord(f, "LIST-" + i, null))));
            assertThat(r.status()).as(r.text()).isEqualTo(202);
            ids.add(r.data().get("id").asText());
        }
        server.awaitJobs();
        // Other tests may have run jobs of this family first: the list is every job, oldest first, 100 a page.
        Api.Response page1 = api.get(f.listOp(), f.jobs());
        assertThat(page1.status()).as(page1.text()).isEqualTo(200);
        assertThat(page1.data()).hasSize(100);
        List<String> listed = new ArrayList<>(ids(page1));
        String next = page1.body().at("/links/next").asText();
        assertThat(next).contains("page%5Bcursor%5D=");
        Api.Response page2 = api.get(f.listOp(), next.substring(next.indexOf("/api/")));
        assertThat(page2.status()).as(page2.text()).isEqualTo(200);
        assertThat(page2.data().size()).isBetween(1, 100);
        assertThat(page2.body().at("/links/next").isNull() || page2.body().at("/links/next").isMissingNode()).isTrue();
        listed.addAll(ids(page2));
        assertThat(listed.stream().filter(ids::contains).toList()).containsExactlyElementsOf(ids);
        JsonNode mine = page2.data().get(page2.data().size() - 1);
        assertThat(mine.get("id").asText()).isEqualTo(ids.get(100));
        assertThat(mine.at("/attributes/failed_count").asInt()).isEqualTo(1);
        assertThat(mine.at("/attributes/errors/0/source/pointer").asText()).isEqualTo("/data/attributes/variants/data/0/id");
        String complete = URLEncoder.encode("equals(status,\"complete\")", StandardCharsets.UTF_8);
        assertThat(api.get(f.listOp(), f.jobs() + "?filter=" + complete).data()).hasSize(100);
        assertThat(api.get(f.listOp(), f.jobs() + "?filter=" + complete).data().findValuesAsText("status")).containsOnly("complete");
        String queued = URLEncoder.encode("equals(status,\"queued\")", StandardCharsets.UTF_8);
        assertThat(api.get(f.listOp(), f.jobs() + "?filter=" + queued).data()).isEmpty();
        // The spec gives these lists no sort and no page size.
        Api.Response sorted = api.get(f.listOp(), f.jobs() + "?sort=-created_at");
        assertThat(sorted.status()).as(sorted.text()).isEqualTo(400);
        assertThat(sorted.error().at("/source/parameter").asText()).isEqualTo("sort");
        Api.Response sized = api.get(f.listOp(), f.jobs() + "?page%5Bsize%5D=10");
        assertThat(sized.status()).as(sized.text()).isEqualTo(400);
        // Another family's jobs are not listed here.
        assertThat(ids(api.get("get_bulk_create_variants_jobs", "/api/catalog-variant-bulk-create-jobs"))).doesNotContainAnyElementsOf(ids);
    }

    static List<String> ids(Api.Response r) {
        List<String> out = new ArrayList<>();
        r.data().forEach(d -> out.add(d.get("id").asText()));
        return out;
    }
}
