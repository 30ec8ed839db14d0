package dev.openprofile.jsonapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Request bodies held against the spec's own schemas: {@code spec/request-schemas.json} (tools/spec-extract.py, its
 * REQUEST_SCHEMA_ROOTS, every operation's body schema and what they reference), rewritten by
 * {@link RequestSchemaNormaliser} and compiled once, when App starts. A value a schema refuses is a 400 whose pointer
 * names the member at fault. The schemas as given also say which members a body requires ({@link #requires}).
 *
 * <p>Format assertions are on (a {@code date-time} that is not RFC 3339 is refused: the responses that would show it
 * are held to the same format); {@code readOnly} and {@code writeOnly} members are neither required nor refused.
 */
public final class RequestSchemas {
    private static final String RESOURCE = "/spec/request-schemas.json";
    private static final String DOCUMENT_URI = "https://openprofile.dev/spec/request-schemas.json";
    /** What each format the spec uses asks for, as an error says it. */
    private static final Map<String, String> FORMATS = Map.of(
            "date-time", "an RFC 3339 date-time, such as 2026-07-15T09:30:00Z",
            "date", "an RFC 3339 date, such as 2026-07-15",
            "time", "an RFC 3339 time with its offset, such as 09:30:00Z or 09:30:00+02:00",
            "uri", "an absolute URI");
    /** An enumeration longer than this (time zones) is named by its size in an error, not listed. */
    private static final int LISTED_VALUES = 12;

    private final JsonSchema document;
    /** The schemas as the spec gives them, for {@link #requires}. */
    private final JsonNode given;

    private RequestSchemas(JsonNode spec) {
        this.given = spec.path("components").path("schemas");
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .pathType(PathType.JSON_POINTER)
                .formatAssertionsEnabled(true)
                .typeLoose(false)
                .locale(Locale.ENGLISH)
                .build();
        this.document = factory.getSchema(SchemaLocation.of(DOCUMENT_URI), RequestSchemaNormaliser.normaliseDocument(spec), config);
    }

    /** Compiled once per JVM, on first use (App asks at startup): the document is a constant of the classpath. */
    private static final class Holder {
        static final RequestSchemas INSTANCE = read();
    }

    public static RequestSchemas load() {
        return Holder.INSTANCE;
    }

    private static RequestSchemas read() {
        try (InputStream in = RequestSchemas.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " is not on the classpath; run tools/spec-extract.py");
            return new RequestSchemas(Json.MAPPER.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /**
     * The schema at {@code location} among the spec's component schemas ("FlowDefinition", or deeper:
     * "FlowActionUpdateQueryResourceObject/properties/attributes"), compiled now.
     */
    public Check check(String location) {
        JsonNodePath pointer = new JsonNodePath(PathType.JSON_POINTER).append(RequestSchemaNormaliser.DEFS);
        for (String segment : location.split("/")) pointer = pointer.append(segment);
        JsonSchema schema = document.getRefSchema(pointer);
        if (schema == null) throw new IllegalStateException("request schemas: nothing at components/schemas/" + location);
        schema.initializeValidators();
        return new Check(schema);
    }

    /**
     * Whether the schema named {@code schema} (an operation's request body, {@link Operation#requestSchema()}) requires
     * the member at {@code path} of a body (["data", "attributes", "name"], ["data", "0", "id"]): its parent's schema,
     * reached through properties and array items, lists it as required. False where the path leaves what the schema
     * declares or passes through variants (oneOf, anyOf), which this does not choose between.
     */
    public boolean requires(String schema, List<String> path) {
        JsonNode at = schema == null ? null : given.get(schema);
        for (int i = 0; at != null && i < path.size(); i++) {
            at = resolve(at);
            String member = path.get(i);
            if (i == path.size() - 1) {
                for (JsonNode r : at.path("required")) if (r.asText().equals(member)) return true;
                return false;
            }
            at = at.path("properties").has(member) ? at.path("properties").get(member)
                    : at.has("items") && member.matches("\\d+") ? at.get("items") : null;
        }
        return false;
    }

    private JsonNode resolve(JsonNode schema) {
        while (schema.has("$ref")) schema = given.path(schema.get("$ref").asText().substring("#/components/schemas/".length()));
        return schema;
    }

    /** One compiled schema. */
    public static final class Check {
        private final JsonSchema schema;

        private Check(JsonSchema schema) {
            this.schema = schema;
        }

        /**
         * Throws a failure of {@code value}, found at {@code pointer} of the request body, as a 400 pointing at the member
         * at fault; returns when the schema accepts it. Of several failures, the deepest member's is told (where variants
         * that share a discriminating value are tried in turn, the one that matched furthest says most), then the first
         * in document order.
         */
        public void validate(JsonNode value, String pointer) {
            Set<ValidationMessage> messages = schema.validate(value);
            messages.stream()
                    .min(Comparator.comparingInt(Check::depth).reversed().thenComparing(ValidationMessage::getInstanceLocation))
                    .ifPresent(m -> {
                        throw failure(m, pointer);
                    });
        }

        /** How deep the member at fault is: a missing member lies one below the object that lacks it. */
        private static int depth(ValidationMessage m) {
            return m.getInstanceLocation().getNameCount() + ("required".equals(m.getType()) ? 1 : 0);
        }

        private static ApiError failure(ValidationMessage m, String base) {
            StringBuilder pointer = new StringBuilder(base);
            String name = "value";
            JsonNodePath at = m.getInstanceLocation();
            for (int i = 0; i < at.getNameCount(); i++) {
                Object element = at.getElement(i);
                name = element instanceof Integer index ? name + "/" + index : element.toString();
                pointer.append('/').append(escape(element.toString()));
            }
            if ("required".equals(m.getType())) {
                name = m.getProperty();
                return ApiError.invalidPointer(pointer.append('/').append(escape(name)).toString(), "'" + name + "' is a required field.");
            }
            return ApiError.invalidPointer(pointer.toString(), "'" + name + "' " + detail(m));
        }

        private static String detail(ValidationMessage m) {
            Object[] args = m.getArguments();
            return switch (m.getType()) {
                case "type" -> "must be " + typeName(String.valueOf(args[1])) + ", not " + args[0] + ".";
                case "enum" -> {
                    List<String> values = m.getSchemaNode().valueStream().filter(v -> !v.isNull()).map(JsonNode::asText).toList();
                    String orNull = values.size() < m.getSchemaNode().size() ? " (or null)" : "";
                    yield values.size() > LISTED_VALUES
                            ? "must be one of the " + values.size() + " values the spec lists for it" + orNull + "."
                            : "must be one of: " + String.join(", ", values) + orNull + ".";
                }
                case "format" -> FORMATS.containsKey(m.getSchemaNode().asText())
                        ? "must be " + FORMATS.get(m.getSchemaNode().asText()) + "."
                        : "is invalid: " + m.getError() + ".";
                default -> "is invalid: " + m.getError() + ".";
            };
        }

        /** "integer", "[string, null]" (a nullable member) as "an integer", "a string or null". */
        private static String typeName(String expected) {
            List<String> names = Arrays.stream(expected.replaceAll("[\\[\\]\\s]", "").split(","))
                    .map(n -> n.equals("null") ? n : (n.matches("[aeiou].*") ? "an " : "a ") + n).toList();
            return String.join(" or ", names);
        }

        private static String escape(String segment) {
            return segment.replace("~", "~0").replace("/", "~1");
        }
    }
}
