package dev.openprofile.templates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.http.ApiRequest;
import dev.openprofile.http.ApiResponse;
import dev.openprofile.http.Endpoint;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.jsonapi.Resources;
import dev.openprofile.resource.ResourceInput;
import dev.openprofile.resource.ResourceRenderer;
import dev.openprofile.resource.ResourceRow;
import dev.openprofile.resource.ResourceService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** clone_template and render_template: both name a template in {@code data.id} and answer it as PostTemplateResponse. */
final class TemplateRoutes {
    /** Klaviyo's clone names (the spec's example: "Clone of Monthly Newsletter Template"). */
    static final String CLONE_PREFIX = "Clone of ";
    private final ResourceService templates;
    private final ResourceRenderer resources;
    private final TemplateRenderer renderer;
    private final java.time.Clock clock;

    TemplateRoutes(ResourceService templates, ResourceRenderer resources, TemplateRenderer renderer, java.time.Clock clock) {
        this.templates = templates;
        this.resources = resources;
        this.renderer = renderer;
        this.clock = clock;
    }

    List<Endpoint> endpoints() {
        return List.of(Endpoint.of("render_template", this::render), Endpoint.of("clone_template", this::cloneTemplate));
    }

    private ApiResponse render(ApiRequest r) {
        JsonNode attributes = attributes(r.data(), Set.of("context"));
        JsonNode context = attributes.get("context");
        if (context == null || !context.isObject()) {
            throw ApiError.invalidPointer("/data/attributes/context", "'context' is required and must be an object.");
        }
        ResourceRow template = template(r);
        Map<String, JsonNode> rendered = new LinkedHashMap<>(template.attributes());
        // A preview has no recipient: the message tags link to fragments; the year is the server clock's.
        MessageTags tags = MessageTags.preview(java.time.OffsetDateTime.ofInstant(clock.instant(), java.time.ZoneOffset.UTC).getYear());
        rendered.put("html", text(part(() -> renderer.render(str(template, "html"), context, tags), "html")));
        rendered.put("text", text(part(() -> renderer.renderText(str(template, "text"), context, tags), "text")));
        rendered.put("amp", text(part(() -> renderer.render(str(template, "amp"), context, tags), "amp")));
        return answer(r, new ResourceRow(template.id(), rendered, template.toOne(), template.created(), template.updated()));
    }

    private ApiResponse cloneTemplate(ApiRequest r) {
        JsonNode attributes = attributes(r.data(), Set.of("name"));
        JsonNode name = attributes.get("name");
        if (name != null && !name.isNull() && (!name.isTextual() || name.asText().isBlank() || name.asText().length() > 255)) {
            throw ApiError.invalidPointer("/data/attributes/name", "'name' must be a non-empty string of 255 characters or fewer.");
        }
        ResourceRow source = template(r);
        String derived = CLONE_PREFIX + source.attributes().get("name").asText();
        ResourceRow clone = templates.create(r.accountId(), new ResourceInput.Changes(null,
                copyOf(source, name == null || name.isNull() ? text(derived.length() > 255 ? derived.substring(0, 255) : derived) : name),
                Map.of()));
        return answer(r, clone);
    }

    /** A template's content under a new name: what a clone, or a campaign message's own copy, starts from. */
    static Map<String, JsonNode> copyOf(ResourceRow source, JsonNode name) {
        Map<String, JsonNode> copy = new LinkedHashMap<>();
        copy.put("name", name);
        String editor = source.attributes().get("editor_type").asText();
        copy.put("editor_type", text(editor));
        // A SYSTEM_DRAGGABLE template's html is made from its definition again (TemplateRules).
        for (String a : editor.equals(TemplateKinds.SYSTEM_DRAGGABLE) ? List.of("definition", "text")
                : List.of("html", "text", "amp")) {
            JsonNode v = source.attributes().get(a);
            if (v != null && !v.isNull()) copy.put(a, v);
        }
        return copy;
    }

    /** The body's resource object: type template, a non-empty id, and attributes naming only {@code allowed}. */
    private static JsonNode attributes(JsonNode data, Set<String> allowed) {
        if (!data.isObject()) throw ApiError.invalidPointer("/data", "'data' must be an object.");
        for (var it = data.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!Set.of("type", "id", "attributes").contains(key)) throw ApiError.invalidPointer("/data/" + key, "'" + key + "' is not allowed here.");
        }
        if (!TemplateKinds.TEMPLATE.equals(data.path("type").asText(null)) || !data.get("type").isTextual()) {
            throw ApiError.invalidPointer("/data/type", "'type' must be 'template'.");
        }
        if (!data.path("id").isTextual() || data.get("id").asText().isEmpty()) {
            throw ApiError.invalidPointer("/data/id", "'id' must be a non-empty string.");
        }
        JsonNode attributes = data.get("attributes");
        if (attributes == null || !attributes.isObject()) throw ApiError.invalidPointer("/data/attributes", "'attributes' must be an object.");
        for (var it = attributes.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                throw ApiError.invalidPointer("/data/attributes/" + key, "'" + key + "' is not a valid field for this request.");
            }
        }
        return attributes;
    }

    private ResourceRow template(ApiRequest r) {
        String id = r.data().get("id").asText();
        return templates.find(r.accountId(), id).orElseThrow(() -> new ApiError(404, "not_found", "Not found.",
                "A template with id '" + id + "' does not exist.", ApiError.Source.pointer("/data/id"), null));
    }

    /**
     * A part that does not render is a 400: at {@code /data/id} when the stored template is at fault (its syntax, a
     * tag this server does not support), at {@code /data/attributes/context} when rendering it with this context fails.
     */
    private static String part(java.util.function.Supplier<String> render, String part) {
        try {
            return render.get();
        } catch (TemplateRenderer.TemplateError e) {
            throw ApiError.invalidPointer(e.inTemplate() ? "/data/id" : "/data/attributes/context",
                    "The template's " + part + " could not be rendered: " + e.getMessage());
        }
    }

    private ApiResponse answer(ApiRequest r, ResourceRow row) {
        ObjectNode node = resources.resource(r.accountId(), templates.kind(), row, r.query());
        // PostTemplateResponse has no definition.
        if (node.get("attributes") instanceof ObjectNode a) a.remove("definition");
        return ApiResponse.created(Resources.single(node));
    }

    private static String str(ResourceRow row, String attribute) {
        JsonNode v = row.attributes().get(attribute);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static JsonNode text(String s) {
        return s == null ? Json.MAPPER.nullNode() : Json.MAPPER.getNodeFactory().textNode(s);
    }
}
