package dev.openprofile.catalogs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.MutableClock;
import dev.openprofile.testing.TestServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Catalog items, variants and categories through the resource kit: ids, shapes, filters, pages, relationships. */
class CatalogResourcesTest {
    static final MutableClock clock = new MutableClock(Instant.parse("2026-10-01T12:00:00Z"));
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

    static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String id(String externalId) {
        return "$custom:::$default:::" + externalId;
    }

    static String itemBody(String externalId, String title, String extra) {
        return "{\"data\":{\"type\":\"catalog-item\",\"attributes\":{\"external_id\":\"" + externalId + "\",\"title\":\"" + title
                + "\",\"description\":\"d\",\"url\":\"https://shop.test/" + externalId + "\"" + extra + "}}}";
    }

    static JsonNode createItem(String externalId, String title, String extra) {
        var r = api.post("create_catalog_item", "/api/catalog-items", itemBody(externalId, title, extra));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.data();
    }

    static JsonNode createVariant(String externalId, String itemId, String sku) {
        var r = api.post("create_catalog_variant", "/api/catalog-variants", "{\"data\":{\"type\":\"catalog-variant\",\"attributes\":{"
                + "\"external_id\":\"" + externalId + "\",\"title\":\"V " + externalId + "\",\"description\":\"d\",\"sku\":\"" + sku
                + "\",\"inventory_quantity\":3,\"price\":9.5,\"url\":\"https://shop.test/v\"},\"relationships\":{\"item\":{\"data\":"
                + "{\"type\":\"catalog-item\",\"id\":\"" + itemId + "\"}}}}}");
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.data();
    }

    static JsonNode createCategory(String externalId, String name) {
        var r = api.post("create_catalog_category", "/api/catalog-categories", "{\"data\":{\"type\":\"catalog-category\","
                + "\"attributes\":{\"external_id\":\"" + externalId + "\",\"name\":\"" + name + "\"}}}");
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.data();
    }

    static String path(String collection, String id) {
        return collection + "/" + q(id).replace("+", "%20");
    }

    static String now() {
        return dev.openprofile.jsonapi.Rfc3339.format(java.time.OffsetDateTime.ofInstant(clock.instant(), java.time.ZoneOffset.UTC));
    }

    @Test
    void anItemHasTheCompoundIdEveryAttributeAndDefaults() {
        String created = now();
        JsonNode item = createItem("SHIRT-1", "Ocean Blue Shirt", ",\"price\":42,\"images\":[\"https://i/1\"],"
                + "\"custom_metadata\":{\"Top Pick\":true}");
        assertThat(item.get("id").asText()).isEqualTo("$custom:::$default:::SHIRT-1");
        JsonNode a = item.get("attributes");
        assertThat(a.get("external_id").asText()).isEqualTo("SHIRT-1");
        assertThat(a.get("title").asText()).isEqualTo("Ocean Blue Shirt");
        assertThat(a.get("price").decimalValue()).isEqualByComparingTo("42");
        assertThat(a.get("images").get(0).asText()).isEqualTo("https://i/1");
        assertThat(a.get("custom_metadata").get("Top Pick").asBoolean()).isTrue();
        assertThat(a.get("published").asBoolean()).isTrue();
        assertThat(a.get("image_full_url").isNull()).isTrue();
        assertThat(a.get("created").asText()).isEqualTo(created);
        assertThat(a.has("integration_type")).isFalse();
        assertThat(a.has("catalog_type")).isFalse();
        assertThat(item.at("/relationships/variants/links/related").asText()).endsWith("/variants/");
        var got = api.get("get_catalog_item", path("/api/catalog-items", item.get("id").asText()));
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.data()).isEqualTo(item);
    }

    @Test
    void aSecondItemWithTheSameExternalIdIsAConflictNamingTheExistingId() {
        createItem("DUP-1", "First", "");
        var r = api.post("create_catalog_item", "/api/catalog-items", itemBody("DUP-1", "Second", ""));
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.error().get("detail").asText()).contains("$custom:::$default:::DUP-1");
        assertThat(r.error().at("/source/pointer").asText()).isEqualTo("/data/attributes/external_id");
        assertThat(r.error().at("/meta/duplicate_id").asText()).isEqualTo("$custom:::$default:::DUP-1");
        assertThat(api.get("get_catalog_item", path("/api/catalog-items", id("DUP-1"))).data().at("/attributes/title").asText())
                .isEqualTo("First");
    }

    @Test
    void createValidationPointsAtTheMemberAndStoresNothing() {
        String[][] cases = {
                {"{\"data\":{\"type\":\"catalog-item\",\"attributes\":{\"external_id\":\"BAD\",\"description\":\"d\",\"url\":\"u\"}}}", "/data/attributes/title"},
                {itemBody("BAD", "t", ",\"price\":\"cheap\""), "/data/attributes/price"},
                {itemBody("BAD", "t", ",\"published\":\"yes\""), "/data/attributes/published"},
                {itemBody("BAD", "t", ",\"images\":[1]"), "/data/attributes/images"},
                {itemBody("BAD", "t", ",\"integration_type\":\"shopify\""), "/data/attributes/integration_type"},
                {itemBody("BAD", "t", ",\"colour\":\"red\""), "/data/attributes/colour"},
                {itemBody("BAD", "t", ",\"created\":\"2020-01-01T00:00:00Z\""), "/data/attributes/created"},
                {"{\"data\":{\"type\":\"catalog-variant\",\"attributes\":{}}}", "/data/type"},
                {itemBody("BAD", "t", ",\"custom_metadata\":{\"blob\":\"" + "x".repeat(100 * 1024) + "\"}"), "/data/attributes/custom_metadata"},
        };
        for (String[] c : cases) {
            var r = api.post("create_catalog_item", "/api/catalog-items", c[0]);
            assertThat(r.status()).as(c[0]).isEqualTo(400);
            assertThat(r.error().at("/source/pointer").asText()).as(c[0]).isEqualTo(c[1]);
        }
        assertThat(api.get("get_catalog_item", path("/api/catalog-items", id("BAD"))).status()).isEqualTo(404);
    }

    @Test
    void updateChangesWhatItNamesAndRefusesImmutableAttributes() {
        JsonNode item = createItem("UPD-1", "Before", ",\"price\":10");
        String p = path("/api/catalog-items", item.get("id").asText());
        clock.advance(Duration.ofMinutes(5));
        String updated = now();
        var r = api.patch("update_catalog_item", p, "{\"data\":{\"type\":\"catalog-item\",\"id\":\"" + id("UPD-1")
                + "\",\"attributes\":{\"title\":\"After\",\"published\":false}}}");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.data().at("/attributes/title").asText()).isEqualTo("After");
        assertThat(r.data().at("/attributes/published").asBoolean()).isFalse();
        assertThat(r.data().at("/attributes/price").decimalValue()).isEqualByComparingTo("10");
        assertThat(r.data().at("/attributes/updated").asText()).isEqualTo(updated);
        assertThat(r.data().at("/attributes/created").asText()).isNotEqualTo(r.data().at("/attributes/updated").asText());
        // The same values again (10 as 10.0) change nothing, so updated stays.
        clock.advance(Duration.ofMinutes(5));
        var same = api.patch("update_catalog_item", p, "{\"data\":{\"type\":\"catalog-item\",\"id\":\"" + id("UPD-1")
                + "\",\"attributes\":{\"title\":\"After\",\"price\":10.0},\"relationships\":{\"categories\":{\"data\":[]}}}}");
        assertThat(same.status()).isEqualTo(200);
        assertThat(same.data().at("/attributes/updated").asText()).isEqualTo(updated);
        var immutable = api.patch("update_catalog_item", p, "{\"data\":{\"type\":\"catalog-item\",\"id\":\"" + id("UPD-1")
                + "\",\"attributes\":{\"external_id\":\"OTHER\"}}}");
        assertThat(immutable.status()).isEqualTo(400);
        assertThat(immutable.error().at("/source/pointer").asText()).isEqualTo("/data/attributes/external_id");
        var mismatch = api.patch("update_catalog_item", p, "{\"data\":{\"type\":\"catalog-item\",\"id\":\"" + id("OTHER")
                + "\",\"attributes\":{\"title\":\"x\"}}}");
        assertThat(mismatch.status()).isEqualTo(409);
        var missing = api.patch("update_catalog_item", path("/api/catalog-items", id("NOPE")), "{\"data\":{\"type\":\"catalog-item\",\"id\":\""
                + id("NOPE") + "\",\"attributes\":{\"title\":\"x\"}}}");
        assertThat(missing.status()).isEqualTo(404);
    }

    @Test
    void variantsBelongToAnExistingItemAndGoWithIt() {
        JsonNode item = createItem("VAR-ITEM", "Has variants", "");
        var orphan = api.post("create_catalog_variant", "/api/catalog-variants", "{\"data\":{\"type\":\"catalog-variant\",\"attributes\":{"
                + "\"external_id\":\"V0\",\"title\":\"t\",\"description\":\"d\",\"sku\":\"S0\",\"inventory_quantity\":1,\"price\":1,"
                + "\"url\":\"u\"},\"relationships\":{\"item\":{\"data\":{\"type\":\"catalog-item\",\"id\":\"" + id("NO-ITEM") + "\"}}}}}");
        assertThat(orphan.status()).isEqualTo(404);
        assertThat(orphan.error().at("/source/pointer").asText()).isEqualTo("/data/relationships/item/data/id");
        JsonNode v1 = createVariant("VAR-1", item.get("id").asText(), "SKU-1");
        createVariant("VAR-2", item.get("id").asText(), "SKU-2");
        assertThat(v1.at("/attributes/inventory_policy").asInt()).isZero();
        assertThat(v1.at("/relationships/item/data/id").asText()).isEqualTo(id("VAR-ITEM"));
        String itemPath = path("/api/catalog-items", item.get("id").asText());
        var variants = api.get("get_variants_for_catalog_item", itemPath + "/variants");
        assertThat(variants.data()).extracting(v -> v.get("id").asText()).containsExactly(id("VAR-1"), id("VAR-2"));
        var ids = api.get("get_variant_ids_for_catalog_item", itemPath + "/relationships/variants?filter=" + q("equals(sku,'SKU-2')"));
        assertThat(ids.data()).extracting(v -> v.get("id").asText()).containsExactly(id("VAR-2"));
        var included = api.get("get_catalog_item", itemPath + "?include=variants&fields[catalog-variant]=sku");
        assertThat(included.body().get("included")).extracting(v -> v.at("/attributes/sku").asText()).containsExactly("SKU-1", "SKU-2");
        assertThat(included.data().at("/relationships/variants/data")).hasSize(2);
        var bySku = api.get("get_catalog_variants", "/api/catalog-variants?filter=" + q("equals(sku,'SKU-1')"));
        assertThat(bySku.data()).extracting(v -> v.get("id").asText()).containsExactly(id("VAR-1"));
        assertThat(api.delete("delete_catalog_item", itemPath, null).status()).isEqualTo(204);
        assertThat(api.get("get_catalog_variant", path("/api/catalog-variants", id("VAR-1"))).status()).isEqualTo(404);
        assertThat(api.get("get_catalog_item", itemPath).status()).isEqualTo(404);
    }

    @Test
    void itemsAndCategoriesLinkFromBothSides() {
        JsonNode shoes = createCategory("CAT-SHOES", "Shoes");
        JsonNode sale = createCategory("CAT-SALE", "Sale");
        createItem("LINK-1", "Boot", ",\"published\":false");
        createItem("LINK-2", "Sandal", "");
        String shoesPath = path("/api/catalog-categories", shoes.get("id").asText());
        var add = api.post("add_items_to_catalog_category", shoesPath + "/relationships/items",
                "{\"data\":[{\"type\":\"catalog-item\",\"id\":\"" + id("LINK-1") + "\"},{\"type\":\"catalog-item\",\"id\":\"" + id("LINK-2") + "\"}]}");
        assertThat(add.status()).as(add.text()).isEqualTo(204);
        String item1 = path("/api/catalog-items", id("LINK-1"));
        var addOther = api.post("add_categories_to_catalog_item", item1 + "/relationships/categories",
                "{\"data\":[{\"type\":\"catalog-category\",\"id\":\"" + sale.get("id").asText() + "\"}]}");
        assertThat(addOther.status()).isEqualTo(204);
        assertThat(api.get("get_category_ids_for_catalog_item", item1 + "/relationships/categories").data())
                .extracting(x -> x.get("id").asText()).containsExactlyInAnyOrder(id("CAT-SHOES"), id("CAT-SALE"));
        assertThat(api.get("get_items_for_catalog_category", shoesPath + "/items?filter=" + q("equals(published,true)")).data())
                .extracting(x -> x.get("id").asText()).containsExactly(id("LINK-2"));
        assertThat(api.get("get_catalog_items", "/api/catalog-items?filter=" + q("equals(category.id,\"" + id("CAT-SALE") + "\")")).data())
                .extracting(x -> x.get("id").asText()).containsExactly(id("LINK-1"));
        assertThat(api.get("get_catalog_categories", "/api/catalog-categories?filter=" + q("equals(item.id,\"" + id("LINK-2") + "\")")).data())
                .extracting(x -> x.get("id").asText()).containsExactly(id("CAT-SHOES"));
        var replace = api.patch("update_items_for_catalog_category", shoesPath + "/relationships/items",
                "{\"data\":[{\"type\":\"catalog-item\",\"id\":\"" + id("LINK-2") + "\"}]}");
        assertThat(replace.status()).isEqualTo(204);
        assertThat(api.get("get_item_ids_for_catalog_category", shoesPath + "/relationships/items").data())
                .extracting(x -> x.get("id").asText()).containsExactly(id("LINK-2"));
        var remove = api.delete("remove_categories_from_catalog_item", item1 + "/relationships/categories",
                "{\"data\":[{\"type\":\"catalog-category\",\"id\":\"" + sale.get("id").asText() + "\"}]}");
        assertThat(remove.status()).isEqualTo(204);
        assertThat(api.get("get_categories_for_catalog_item", item1 + "/categories").data()).isEmpty();
        var unknown = api.post("add_items_to_catalog_category", shoesPath + "/relationships/items",
                "{\"data\":[{\"type\":\"catalog-item\",\"id\":\"" + id("LINK-1") + "\"},{\"type\":\"catalog-item\",\"id\":\"" + id("GHOST") + "\"}]}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.error().at("/source/pointer").asText()).isEqualTo("/data/1/id");
        assertThat(api.get("get_item_ids_for_catalog_category", shoesPath + "/relationships/items").data()).hasSize(1);
        assertThat(api.delete("delete_catalog_category", shoesPath, null).status()).isEqualTo(204);
        assertThat(api.get("get_catalog_item", path("/api/catalog-items", id("LINK-2"))).status()).isEqualTo(200);
    }

    @Test
    void collectionsPageByKeysetInCreatedOrder() {
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofSeconds(1));
            made.add(createCategory("PAGE-" + i, "Paged " + i).get("id").asText());
        }
        List<String> seen = new ArrayList<>();
        String url = "/api/catalog-categories?page[size]=2&sort=-created&filter=" + q("contains(name,'Paged')");
        while (url != null) {
            var page = api.get("get_catalog_categories", url);
            page.data().forEach(x -> seen.add(x.get("id").asText()));
            String next = page.body().at("/links/next").isNull() ? null : page.body().at("/links/next").asText();
            url = next == null ? null : next.substring(server.baseUrl().length());
        }
        assertThat(seen).containsExactlyElementsOf(made.reversed());
    }

    @Test
    void anotherAccountSeesNone() {
        createItem("MINE-1", "Mine", "");
        Api other = server.api(server.createKey("other-catalog-account", java.util.Set.of("catalogs:read", "catalogs:write")));
        assertThat(other.get("get_catalog_item", path("/api/catalog-items", id("MINE-1"))).status()).isEqualTo(404);
        assertThat(other.get("get_catalog_items", "/api/catalog-items").data()).isEmpty();
    }

    @Test
    void aCategorysItemsPageInCreatedOrderThroughTheLinkTableFromBothSides() {
        JsonNode category = createCategory("NEW-ARRIVALS", "New arrivals");
        String categoryId = category.get("id").asText();
        List<String> members = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            clock.advance(Duration.ofSeconds(1));
            JsonNode item = createItem("ARRIVAL-" + i, "Arrival " + i, i % 2 == 0 ? "" : ",\"published\":false");
            createItem("OTHER-" + i, "Other " + i, "");
            if (i != 3) members.add(item.get("id").asText());
        }
        // Linked from both ends: the category names some items, each other item names the category.
        String link = members.subList(0, 3).stream().map(x -> "{\"type\":\"catalog-item\",\"id\":\"" + x + "\"}")
                .collect(java.util.stream.Collectors.joining(","));
        assertThat(api.post("add_items_to_catalog_category", path("/api/catalog-categories", categoryId) + "/relationships/items",
                "{\"data\":[" + link + "]}").status()).isEqualTo(204);
        for (String item : members.subList(3, members.size())) {
            assertThat(api.post("add_categories_to_catalog_item", path("/api/catalog-items", item) + "/relationships/categories",
                    "{\"data\":[{\"type\":\"catalog-category\",\"id\":\"" + categoryId + "\"}]}").status()).isEqualTo(204);
        }
        String filter = q("equals(category.id,\"" + categoryId + "\")");
        for (boolean descending : new boolean[] {false, true}) {
            List<String> expected = descending ? members.reversed() : members;
            String sort = descending ? "-created" : "created";
            assertThat(walk("get_catalog_items", "/api/catalog-items?page[size]=2&sort=" + sort + "&filter=" + filter))
                    .as(sort).containsExactlyElementsOf(expected);
            assertThat(walk("get_items_for_catalog_category", path("/api/catalog-categories", categoryId) + "/items?page[size]=2&sort=" + sort))
                    .as(sort).containsExactlyElementsOf(expected);
            assertThat(walk("get_item_ids_for_catalog_category", path("/api/catalog-categories", categoryId)
                    + "/relationships/items?page[size]=3&sort=" + sort)).as(sort).containsExactlyElementsOf(expected);
        }
        // The other filters still hold on the linked read.
        assertThat(walk("get_catalog_items", "/api/catalog-items?sort=created&filter=" + filter + q(",equals(published,false)")))
                .containsExactly(members.get(1), members.get(4)); // ARRIVAL-1 and -5 (ARRIVAL-3 is not a member)
        // The link keeps each item's own created, whichever end made it.
        assertThat(server.queryInt("select count(*) from catalog_item_category l join catalog_item i on i.account_id = l.account_id "
                + "and i.id = l.item_id where l.item_created <> i.created")).isZero();
    }

    /** Every id of a collection, following links.next. */
    static List<String> walk(String operationId, String url) {
        List<String> seen = new ArrayList<>();
        while (url != null) {
            var page = api.get(operationId, url);
            assertThat(page.status()).as(page.text()).isEqualTo(200);
            page.data().forEach(x -> seen.add(x.get("id").asText()));
            url = page.body().at("/links/next").isNull() ? null : page.body().at("/links/next").asText().substring(server.baseUrl().length());
        }
        return seen;
    }
}
