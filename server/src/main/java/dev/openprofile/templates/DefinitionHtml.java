package dev.openprofile.templates;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The html of a SYSTEM_DRAGGABLE template, which Klaviyo makes from its definition with its own editor's layout. This
 * server keeps only the content: each text and html block's {@code data.content}, in document order, one after
 * another in a plain body (docs/compatibility.md, "Templates"), so the template tags in them still render.
 */
final class DefinitionHtml {
    private DefinitionHtml() {}

    static String of(JsonNode definition) {
        StringBuilder out = new StringBuilder("<html><body>");
        collect(definition.path("body"), out, 0);
        return out.append("</body></html>").toString();
    }

    /** Depth-bounded: a definition is a body of sections of blocks, never deeper than a few levels in practice. */
    private static void collect(JsonNode node, StringBuilder out, int depth) {
        if (depth > 64) return;
        if (node.isObject()) {
            String type = node.path("type").asText("");
            JsonNode content = node.path("data").path("content");
            if ((type.equals("text") || type.equals("html")) && content.isTextual()) {
                out.append("<div>").append(content.asText()).append("</div>");
                return;
            }
            for (JsonNode child : node) collect(child, out, depth + 1);
        } else if (node.isArray()) {
            for (JsonNode child : node) collect(child, out, depth + 1);
        }
    }
}
