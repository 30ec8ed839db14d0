package dev.openprofile.templates;

import dev.openprofile.resource.Attribute;
import dev.openprofile.resource.IdScheme;
import dev.openprofile.resource.ResourceKind;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The declarations of Klaviyo's template and universal content: the one place their wire shapes live. */
final class TemplateKinds {
    static final String TEMPLATE = "template";
    static final String UNIVERSAL_CONTENT = "template-universal-content";
    static final String CODE = "CODE";
    static final String USER_DRAGGABLE = "USER_DRAGGABLE";
    static final String SYSTEM_DRAGGABLE = "SYSTEM_DRAGGABLE";

    private TemplateKinds() {}

    /**
     * Attributes in the spec's response order. {@code definition} is write-only for the kit: the response shows it
     * only for a SYSTEM_DRAGGABLE template, and in collections only when asked ({@link TemplateRules#render}).
     */
    static ResourceKind template(Supplier<String> ids) {
        return new ResourceKind(TEMPLATE, "/api/templates", "template", List.of(
                Attribute.string("name").column("name").require().nonEmpty().maxLength(255).nullAsAbsent(),
                // The create body's editor types (the spec: "Restricted to CODE, USER_DRAGGABLE, or SYSTEM_DRAGGABLE");
                // SIMPLE templates are made in Klaviyo's app only. A template never changes its editor.
                Attribute.string("editor_type").column("editor_type").require().immutable()
                        .oneOf(CODE, USER_DRAGGABLE, SYSTEM_DRAGGABLE),
                // Required for CODE and USER_DRAGGABLE, refused for SYSTEM_DRAGGABLE (TemplateRules); an update's null keeps it.
                Attribute.string("html").nullAsAbsent(),
                Attribute.string("text"),
                Attribute.string("amp"),
                Attribute.datetime("created").column("created").serverSet(),
                Attribute.datetime("updated").column("updated").serverSet(),
                Attribute.object("definition").hide().nullAsAbsent()),
                List.of(),
                new IdScheme.Generated(ids),
                new ResourceKind.Operations("get_templates", "create_template", "get_template", "update_template",
                        "delete_template", "id", Map.of()),
                new TemplateRules());
    }

    /** A universal content block; screenshot_status and screenshot_url are shown by {@link UniversalContentRules}. */
    static ResourceKind universalContent(Supplier<String> ids) {
        return new ResourceKind(UNIVERSAL_CONTENT, "/api/template-universal-content", "template_universal_content", List.of(
                Attribute.string("name").column("name").require().nonEmpty().maxLength(255).nullAsAbsent(),
                Attribute.object("definition").require().nullAsAbsent(),
                Attribute.datetime("created").column("created").serverSet(),
                Attribute.datetime("updated").column("updated").serverSet(),
                Attribute.string("screenshot_status").serverSet(),
                Attribute.string("screenshot_url").serverSet()),
                List.of(),
                new IdScheme.Generated(ids),
                new ResourceKind.Operations("get_all_universal_content", "create_universal_content", "get_universal_content",
                        "update_universal_content", "delete_universal_content", "id", Map.of()),
                new UniversalContentRules());
    }
}
