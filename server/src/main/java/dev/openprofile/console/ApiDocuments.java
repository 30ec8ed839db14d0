package dev.openprofile.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.jsonapi.Json;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.eclipse.jetty.util.UrlEncoded;

/** What the console's pages read off the API's documents: texts, pretty JSON, and the cursors of its page links. */
final class ApiDocuments {
    private ApiDocuments() {}

    /** A text attribute, or null when it is absent or JSON null (the template shows nothing then). */
    static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isMissingNode() || v.isNull() ? null : v.asText();
    }

    /** A value as text: null for JSON null, a scalar as it reads, an object or array as pretty JSON. */
    static String value(JsonNode v) {
        return v.isMissingNode() || v.isNull() ? null : v.isValueNode() ? v.asText() : pretty(v);
    }

    /** A profile's first and last name, as far as it has them ("" when neither). */
    static String name(JsonNode attributes) {
        return String.join(" ", java.util.stream.Stream.of(text(attributes, "first_name"), text(attributes, "last_name"))
                .filter(s -> s != null && !s.isBlank()).toList());
    }

    /** JSON indented for a {@code <pre>}: properties and nested attributes as the API gives them. */
    static String pretty(JsonNode node) {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The page[cursor] of a collection's {@code next} or {@code prev} link: the console pages with the API's own
     * keyset cursor (passed on in its own URL), so a page never counts or offsets the account's rows.
     */
    static Optional<String> cursor(JsonNode document, String rel) {
        String link = text(document.path("links"), rel);
        if (link == null) return Optional.empty();
        String query = URI.create(link).getRawQuery();
        return query == null ? Optional.empty() : Optional.ofNullable(UrlEncoded.decodeQuery(query).getValue("page[cursor]"));
    }

    /** A query string for a console link ("a=1&b=2", values URL-encoded); null values are left out. */
    static String query(String... namesAndValues) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] == null) continue;
            sb.append(sb.isEmpty() ? "" : "&").append(namesAndValues[i]).append('=')
                    .append(URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8));
        }
        return sb.toString();
    }
}
