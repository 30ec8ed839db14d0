package dev.openprofile.testing;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Catalog variants for tests that subscribe profiles to back in stock notifications: a subscription names a
 * variant the account's catalog holds (docs/compatibility.md, "Catalogs"), so such a test creates it first.
 */
public final class CatalogVariants {
    private CatalogVariants() {}

    /**
     * Creates, in the default account, a catalog item and one variant of it with this external id (each created
     * once: a second call finds them); returns the variant's id, {@code $custom:::$default:::EXTERNAL_ID}.
     */
    public static String variant(TestServer server, String externalId) {
        String id = "$custom:::$default:::" + externalId;
        Api api = server.api();
        create(api, "create_catalog_item", "/api/catalog-items", "{\"data\":{\"type\":\"catalog-item\",\"attributes\":{"
                + "\"external_id\":\"" + externalId + "-item\",\"title\":\"T\",\"description\":\"D\",\"url\":\"https://shop.example/i\"}}}");
        create(api, "create_catalog_variant", "/api/catalog-variants", "{\"data\":{\"type\":\"catalog-variant\",\"attributes\":{"
                + "\"external_id\":\"" + externalId + "\",\"title\":\"V\",\"description\":\"D\",\"sku\":\"S\",\"inventory_quantity\":0,"
                + "\"price\":10,\"url\":\"https://shop.example/v\"},\"relationships\":{\"item\":{\"data\":{\"type\":\"catalog-item\","
                + "\"id\":\"$custom:::$default:::" + externalId + "-item\"}}}}}");
        return id;
    }

    private static void create(Api api, String operationId, String path, String body) {
        var r = api.post(operationId, path, body);
        // 409: made by an earlier call.
        assertThat(r.status()).as(r.text()).isIn(201, 409);
    }
}
