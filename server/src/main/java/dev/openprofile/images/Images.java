package dev.openprofile.images;

import dev.openprofile.config.ImageSettings;
import dev.openprofile.http.Endpoint;
import dev.openprofile.http.FileRoute;
import dev.openprofile.resource.ResourceKit;
import dev.openprofile.store.Jdbc;
import java.util.List;

/** The images feature as App wires it: the kind registered in the kit, the uploads, the file path, the reset sweep. */
public final class Images {
    private final ImageService service;
    private final ImageRoutes routes;

    private Images(ImageService service, ImageRoutes routes) {
        this.service = service;
        this.routes = routes;
    }

    /** Registers the image kind in the kit; {@code baseUrl} is where image_url points (OPENPROFILE_BASE_URL). */
    public static Images register(ResourceKit kit, Jdbc jdbc, ImageSettings settings, String baseUrl) {
        var resources = kit.register(ImageKind.declare(new ImageKind.NumericIds()));
        ImageService service = new ImageService(resources, new ImageFiles(settings.dir()), new ImageFetch(settings), jdbc, baseUrl);
        return new Images(service, new ImageRoutes(service, kit.renderer()));
    }

    /** The two upload operations (the kit serves the reads and the update). */
    public List<Endpoint> endpoints() {
        return routes.endpoints();
    }

    /** The public path of the stored bytes. */
    public FileRoute files() {
        return routes.files();
    }

    /** Deletes the account's files no image row names (after a reset or an import of its state). */
    public void forget(String accountId) {
        service.forget(accountId);
    }
}
