package dev.openprofile.forms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.jsonapi.RequestSchemas;
import dev.openprofile.resource.Attribute;
import dev.openprofile.resource.Hooks;
import dev.openprofile.resource.IdScheme;
import dev.openprofile.resource.ResourceInput;
import dev.openprofile.resource.ResourceKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The body of create_form, checked with pointers: the JSON:API envelope by the kit's {@link ResourceInput} against a
 * request shape declared here (never registered: it only parses), the definition by the spec's own schema
 * (FormDefinition, through {@link RequestSchemas}), then what the schema cannot say: a version's {@code id} is the
 * server's ("Not allowed on create", the spec), and a form created as a draft has no live version.
 */
final class FormInput {
    private static final String DEFINITION = "/data/attributes/definition";

    private static final ResourceKind CREATE = new ResourceKind(FormKinds.FORM, "/api/forms", "form", List.of(
            Attribute.object("definition").require(),
            // The spec allows only "draft" on create: a form goes live in Klaviyo's editor, not through the API.
            Attribute.string("status").require().oneOf("draft"),
            Attribute.bool("ab_test").require(),
            Attribute.string("name").require().nonEmpty()),
            List.of(), new IdScheme.Generated(() -> null),
            new ResourceKind.Operations(null, null, null, null, null, null, Map.of()), Hooks.NONE);

    /** The spec's defaults of a version (Version's {@code default}s), filled into the stored definition. */
    private static final Map<String, JsonNode> VERSION_DEFAULTS = Map.of(
            "type", Json.MAPPER.getNodeFactory().textNode("popup"),
            "status", Json.MAPPER.getNodeFactory().textNode("draft"),
            "ab_test", Json.MAPPER.getNodeFactory().booleanNode(false),
            "channel", Json.MAPPER.getNodeFactory().textNode("WEB"),
            "message_priority", Json.MAPPER.getNodeFactory().numberNode(50));

    /**
     * The members whose object names something that exists elsewhere by its own id (the spec's only non-server ids
     * in a definition: ImageAssetProperties under {@code image} and a background image's {@code properties},
     * UniqueCouponConfig under {@code coupon}).
     */
    private static final java.util.Set<String> REFERENCES = java.util.Set.of("image", "coupon", "properties");

    private FormInput() {}

    /** A new form: its attributes, its definition with the versions' defaults filled in, and each version as shown. */
    record NewForm(String name, boolean abTest, ObjectNode definition, List<NewVersion> versions) {}

    /** A form version's attributes, from its entry in the definition. */
    record NewVersion(String formType, String variationName, JsonNode abTest) {}

    static NewForm create(JsonNode data, RequestSchemas.Check schema) {
        ResourceInput.Changes c = ResourceInput.create(CREATE, data, "/data");
        String name = c.attributes().get("name").asText();
        JsonNode given = c.attributes().get("definition");
        schema.validate(given, DEFINITION);
        ObjectNode definition = (ObjectNode) given.deepCopy();
        JsonNode entries = definition.get("versions");
        if (entries.isEmpty()) throw ApiError.invalidPointer(DEFINITION + "/versions", "A form needs at least one version.");
        List<NewVersion> versions = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            versions.add(version((ObjectNode) entries.get(i), name, DEFINITION + "/versions/" + i));
        }
        return new NewForm(name, c.attributes().get("ab_test").asBoolean(), definition, versions);
    }

    private static NewVersion version(ObjectNode entry, String formName, String pointer) {
        noServerIds(entry, pointer);
        VERSION_DEFAULTS.forEach((member, value) -> {
            if (!entry.hasNonNull(member)) entry.set(member, value);
        });
        // Decided (docs/compatibility.md, "Forms"): create_form makes a draft form, so none of its versions is live.
        if (entry.get("status").asText().equals("live")) {
            throw ApiError.invalidPointer(pointer + "/status", "A form is created as a draft: its versions cannot be 'live'.");
        }
        // The definition spells the full-screen type "full_screen", the form version's form_type "full_page".
        String type = entry.get("type").asText();
        String formType = type.equals("full_screen") ? "full_page" : type;
        JsonNode name = entry.get("name");
        String variation = name == null || name.isNull() ? formName : name.asText();
        JsonNode abTest = entry.get("ab_test").asBoolean()
                ? Json.MAPPER.createObjectNode().put("variation_name", variation) : Json.MAPPER.nullNode();
        return new NewVersion(formType, variation, abTest);
    }

    /**
     * The spec marks the {@code id} of a version and of every part below it (steps, columns, rows, blocks, teasers,
     * triggers: 60 schemas) "Not allowed on create": Klaviyo makes them. Only the ids of what a part refers to are
     * the caller's: an image's and a coupon's (the members {@code image} and {@code coupon}, and a background image's
     * {@code properties}).
     */
    private static void noServerIds(JsonNode node, String pointer) {
        noServerIds(node, pointer, false);
    }

    private static void noServerIds(JsonNode node, String pointer, boolean reference) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) noServerIds(node.get(i), pointer + "/" + i, false);
            return;
        }
        if (!node.isObject()) return;
        if (!reference && node.hasNonNull("id")) throw ApiError.invalidPointer(pointer + "/id", "'id' is not allowed on create.");
        for (var it = node.properties().iterator(); it.hasNext(); ) {
            var member = it.next();
            noServerIds(member.getValue(), pointer + "/" + member.getKey(), REFERENCES.contains(member.getKey()));
        }
    }
}
