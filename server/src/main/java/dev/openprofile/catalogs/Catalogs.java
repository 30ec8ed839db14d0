package dev.openprofile.catalogs;

import dev.openprofile.resource.ResourceKit;
import dev.openprofile.resource.ResourceService;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** The catalog kinds as registered in the server's resource kit; the bulk jobs and back in stock use them. */
public record Catalogs(ResourceService items, ResourceService variants, ResourceService categories) {

    /**
     * Told, inside the deleting transaction, which variants go (one variant, or an item's): back in stock
     * drops the subscriptions to them, since nothing could ever notify them.
     */
    @FunctionalInterface
    public interface VariantsDeleted {
        void deleted(Connection c, String accountId, List<String> variantIds) throws SQLException;
    }

    public static Catalogs register(ResourceKit kit, VariantsDeleted variantsDeleted) {
        return new Catalogs(kit.register(CatalogKinds.item(new CatalogHooks.ItemDeletion(variantsDeleted))),
                kit.register(CatalogKinds.variant(new CatalogHooks.VariantDeletion(variantsDeleted))),
                kit.register(CatalogKinds.category()));
    }
}
