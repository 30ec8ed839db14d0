package dev.openprofile.customobjects;

import com.fasterxml.jackson.databind.JsonNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import dev.openprofile.jsonapi.Json;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSONPath selectors of source mappings ({@code $['id']}, {@code $.owner.email}), compiled once per text and
 * evaluated on Jackson trees: a missing leaf reads as absent, never as an error.
 */
public final class JsonPaths {
    private static final Configuration CONFIG = Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider(Json.MAPPER))
            .mappingProvider(new JacksonMappingProvider(Json.MAPPER))
            .options(Option.SUPPRESS_EXCEPTIONS)
            .build();
    private static final ConcurrentHashMap<String, JsonPath> COMPILED = new ConcurrentHashMap<>();

    private JsonPaths() {}

    /** The path's problem, if the text is not a JSONPath that starts at the record's root. */
    public static Optional<String> problem(String path) {
        if (path == null || !path.startsWith("$")) return Optional.of("must be a JSONPath starting at the record's root ($)");
        try {
            JsonPath.compile(path);
            return Optional.empty();
        } catch (InvalidPathException | IllegalArgumentException e) {
            return Optional.of("is not a valid JSONPath: " + e.getMessage());
        }
    }

    /** The value the path selects in the record; empty when nothing (or JSON null) is there. */
    public static Optional<JsonNode> read(JsonNode record, String path) {
        JsonPath compiled = COMPILED.computeIfAbsent(path, JsonPath::compile);
        // A function ($.length(), $.sum()) answers a Java number, not a tree node.
        Object raw = compiled.read(record, CONFIG);
        JsonNode out = raw == null || raw instanceof JsonNode ? (JsonNode) raw : Json.MAPPER.valueToTree(raw);
        if (out == null || out.isNull() || out.isMissingNode()) return Optional.empty();
        // An indefinite path ($..x, [*]) answers a list; an empty list selected nothing.
        if (!compiled.isDefinite() && out.isArray() && out.isEmpty()) return Optional.empty();
        return Optional.of(out);
    }
}
