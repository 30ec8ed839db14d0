package dev.openprofile.catalogs;

import dev.openprofile.resource.Attribute;
import dev.openprofile.resource.Hooks;
import dev.openprofile.resource.IdScheme;
import dev.openprofile.resource.Relationship;
import dev.openprofile.resource.ResourceKind;
import dev.openprofile.resource.ResourceKind.Operations;
import dev.openprofile.resource.ResourceKind.RelationshipOperations;
import java.util.List;
import java.util.Map;

/**
 * The declarations of catalog items, variants and categories: the one place their wire shape lives.
 * Attribute order is the spec's response order.
 */
public final class CatalogKinds {
    public static final String ITEM = "catalog-item";
    public static final String VARIANT = "catalog-variant";
    public static final String CATEGORY = "catalog-category";

    /** Klaviyo's compound id: {@code {integration}:::{catalog}:::{external_id}}. */
    static final IdScheme COMPOUND_ID = new IdScheme.Composite(List.of("integration_type", "catalog_type", "external_id"), ":::");

    /** A link keeps its item's created, so a category's items page through the link index (docs/benchmarks.md). */
    private static final Relationship.LinkTable ITEM_TO_CATEGORIES =
            new Relationship.LinkTable("catalog_item_category", "item_id", "category_id").withCreatedCopies("item_created", null);
    private static final Relationship.LinkTable CATEGORY_TO_ITEMS = ITEM_TO_CATEGORIES.reversed();

    private CatalogKinds() {}

    /** Only "$custom" and "$default" exist (the spec); both are parts of the id and never shown. */
    private static List<Attribute> idParts() {
        return List.of(
                Attribute.string("external_id").column("external_id").require().immutable(),
                Attribute.string("integration_type").immutable().hide().defaultsTo("$custom").oneOf("$custom"),
                Attribute.string("catalog_type").immutable().hide().defaultsTo("$default").oneOf("$default"));
    }

    /** What items and variants share after their own attributes. */
    private static List<Attribute> media() {
        return List.of(
                Attribute.string("image_full_url"),
                Attribute.string("image_thumbnail_url"),
                Attribute.strings("images"),
                // "Flat JSON blob ... May not exceed 100kb" (spec).
                Attribute.object("custom_metadata").maxLength(100 * 1024),
                Attribute.bool("published").column("published").notNull().defaultsTo(true),
                Attribute.datetime("created").column("created").serverSet(),
                Attribute.datetime("updated").column("updated").serverSet());
    }

    public static ResourceKind item(Hooks hooks) {
        List<Attribute> attributes = new java.util.ArrayList<>(idParts());
        attributes.addAll(List.of(
                Attribute.string("title").column("title").require(),
                Attribute.string("description").require(),
                Attribute.number("price"),
                Attribute.string("url").require()));
        attributes.addAll(media());
        return new ResourceKind(ITEM, "/api/catalog-items", "catalog_item", attributes, List.of(
                Relationship.toMany("variants", VARIANT, new Relationship.Inverse("item_id")),
                Relationship.toMany("categories", CATEGORY, ITEM_TO_CATEGORIES).filteredAs("category").hidden()
                        .writable(true, true, false)),
                COMPOUND_ID,
                new Operations("get_catalog_items", "create_catalog_item", "get_catalog_item", "update_catalog_item",
                        "delete_catalog_item", "created", Map.of(
                        "variants", new RelationshipOperations("get_variants_for_catalog_item", "get_variant_ids_for_catalog_item",
                                null, null, null),
                        "categories", new RelationshipOperations("get_categories_for_catalog_item", "get_category_ids_for_catalog_item",
                                "add_categories_to_catalog_item", "update_categories_for_catalog_item",
                                "remove_categories_from_catalog_item"))),
                hooks);
    }

    public static ResourceKind variant(Hooks hooks) {
        List<Attribute> attributes = new java.util.ArrayList<>(idParts());
        attributes.addAll(List.of(
                Attribute.string("title").column("title").require(),
                Attribute.string("description").require(),
                Attribute.string("sku").column("sku").require(),
                Attribute.integer("inventory_policy").defaultsTo(0).oneOf(0, 1, 2),
                Attribute.number("inventory_quantity").require(),
                Attribute.number("price").require(),
                Attribute.string("url").require()));
        attributes.addAll(media());
        return new ResourceKind(VARIANT, "/api/catalog-variants", "catalog_variant", attributes, List.of(
                Relationship.toOne("item", ITEM, "item_id").filteredAs("item").writable(true, false, true)),
                COMPOUND_ID,
                new Operations("get_catalog_variants", "create_catalog_variant", "get_catalog_variant",
                        "update_catalog_variant", "delete_catalog_variant", "created", Map.of()),
                hooks);
    }

    public static ResourceKind category() {
        List<Attribute> attributes = new java.util.ArrayList<>(idParts());
        attributes.addAll(List.of(
                Attribute.string("name").column("name").require(),
                Attribute.datetime("updated").column("updated").serverSet()));
        return new ResourceKind(CATEGORY, "/api/catalog-categories", "catalog_category", attributes, List.of(
                Relationship.toMany("items", ITEM, CATEGORY_TO_ITEMS).filteredAs("item").writable(true, true, false)),
                COMPOUND_ID,
                new Operations("get_catalog_categories", "create_catalog_category", "get_catalog_category",
                        "update_catalog_category", "delete_catalog_category", "created", Map.of(
                        "items", new RelationshipOperations("get_items_for_catalog_category", "get_item_ids_for_catalog_category",
                                "add_items_to_catalog_category", "update_items_for_catalog_category",
                                "remove_items_from_catalog_category"))),
                Hooks.NONE);
    }
}
