package dev.openprofile.catalogs;

import dev.openprofile.resource.ResourceKit;
import dev.openprofile.resource.ResourceService;

/** The catalog kinds as registered in the server's resource kit; the bulk jobs and back in stock use them. */
public record Catalogs(ResourceService items, ResourceService variants, ResourceService categories) {

    public static Catalogs register(ResourceKit kit) {
        return new Catalogs(kit.register(CatalogKinds.item()), kit.register(CatalogKinds.variant()),
                kit.register(CatalogKinds.category()));
    }
}
