package dev.openprofile.forms;

import dev.openprofile.http.Endpoint;
import dev.openprofile.jsonapi.Links;
import dev.openprofile.jsonapi.RequestSchemas;
import dev.openprofile.resource.ResourceKit;
import dev.openprofile.resource.ResourceService;
import dev.openprofile.store.Jdbc;
import java.security.SecureRandom;
import java.util.List;
import java.util.function.Supplier;

/** The forms feature as App wires it: forms and form versions registered in the kit, create_form and get_form. */
public final class Forms {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final FormRoutes routes;

    private Forms(FormRoutes routes) {
        this.routes = routes;
    }

    /** @param formIds form ids, Klaviyo-like (6 letters and digits, "Y6nRLr" in the spec) */
    public static Forms register(ResourceKit kit, Jdbc jdbc, Links links, Supplier<String> formIds, RequestSchemas schemas) {
        ResourceService forms = kit.register(FormKinds.form(formIds));
        ResourceService versions = kit.register(FormKinds.version(Forms::versionId));
        FormService service = new FormService(jdbc, forms, versions);
        return new Forms(new FormRoutes(service, forms, schemas.check("FormDefinition"), links));
    }

    /** The endpoints the kit does not serve (it serves the reads, the relationship reads and delete_form). */
    public List<Endpoint> endpoints() {
        return routes.endpoints();
    }

    /**
     * Klaviyo's form version ids are numbers ("1234567" in the spec), and the definition shows them as integers
     * (Version.id), so ours are too: 9 digits.
     */
    static String versionId() {
        return Long.toString(100_000_000L + (RANDOM.nextLong() & Long.MAX_VALUE) % 900_000_000L);
    }
}
