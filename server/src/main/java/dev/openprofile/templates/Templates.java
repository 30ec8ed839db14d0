package dev.openprofile.templates;

import dev.openprofile.http.Endpoint;
import dev.openprofile.resource.ResourceKit;
import dev.openprofile.resource.ResourceService;
import java.util.List;
import java.util.function.Supplier;

/**
 * The templates feature as other features see it: whether a template exists (a flow message's or campaign message's
 * template), the kit's service for reading one, and the renderer sending uses.
 */
public final class Templates {
    private final ResourceService templates;
    private final TemplateRenderer renderer = new TemplateRenderer();
    private final TemplateRoutes routes;

    private Templates(ResourceService templates, ResourceKit kit, java.time.Clock clock) {
        this.templates = templates;
        this.routes = new TemplateRoutes(templates, kit.renderer(), renderer, clock);
    }

    /**
     * Registers templates and universal content in the server's kit (the kit serves their CRUD).
     *
     * @param templateIds ids of new templates (Klaviyo's are six letters and digits)
     * @param contentIds  ids of new universal content (Klaviyo's are ULIDs)
     * @param clock       the server's clock ({@code {% current_year %}} in a preview)
     */
    public static Templates register(ResourceKit kit, Supplier<String> templateIds, Supplier<String> contentIds, java.time.Clock clock) {
        ResourceService templates = kit.register(TemplateKinds.template(templateIds));
        kit.register(TemplateKinds.universalContent(contentIds));
        return new Templates(templates, kit, clock);
    }

    public boolean exists(String accountId, String templateId) {
        return templates.exists(accountId, templateId);
    }

    /**
     * A copy of a template under its own name, in the caller's transaction (the non-reusable template a campaign message
     * gets when one is assigned to it); null when the account has no such template.
     */
    public String copy(java.sql.Connection c, String accountId, String templateId) throws java.sql.SQLException {
        var source = templates.find(c, accountId, templateId);
        if (source.isEmpty()) return null;
        return templates.create(c, accountId, new dev.openprofile.resource.ResourceInput.Changes(null,
                TemplateRoutes.copyOf(source.get(), source.get().attributes().get("name")), java.util.Map.of()), "/data").id();
    }

    /** The kit's service of templates: read a template's html, text and amp ({@code find}). */
    public ResourceService service() {
        return templates;
    }

    public TemplateRenderer renderer() {
        return renderer;
    }

    /** render_template and clone_template; the kit serves the other ten operations. */
    public List<Endpoint> endpoints() {
        return routes.endpoints();
    }
}
