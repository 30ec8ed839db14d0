package dev.openprofile.resource;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openprofile.testing.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every declaration the server's resource kit serves, held against the official spec (DESIGN.md: declarations
 * cannot drift from it): the attributes a response shows, create and update accept and require, with their
 * types; the relationships each shape carries; and every filter field, sort and include of every operation the
 * kind serves, which the kit must be able to execute.
 */
class DeclarationsMatchSpecTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonNode schemas;
    private static JsonNode operations;
    private static TestServer server;

    @BeforeAll
    static void load() throws IOException {
        schemas = read("/spec/schemas.json").path("components").path("schemas");
        operations = read("/spec/operations.json").path("operations");
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** JUnit builds the arguments after {@link #load}, so the server is up. */
    static Stream<String> kinds() {
        return server.resourceKinds().stream().map(ResourceKind::type);
    }

    private ResourceKind kind(String type) {
        return server.resourceKinds().stream().filter(k -> k.type().equals(type)).findFirst().orElseThrow();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void responsesShowTheSpecsAttributesWithTheirTypes(String type) {
        ResourceKind kind = kind(type);
        String get = kind.operations().get() != null ? kind.operations().get() : kind.operations().list();
        JsonNode resource = resourceObject(op(get).path("responseSchemas").path(op(get).path("method").asText().equals("GET")
                ? "200" : "201").asText());
        Set<String> shown = new TreeSet<>();
        kind.attributes().stream().filter(a -> !a.writeOnly()).forEach(a -> shown.add(a.name()));
        Set<String> spec = names(resource.path("properties").path("attributes").path("properties"));
        spec.removeAll(additionalFields(get, type));
        assertThat(shown).as(type + " response attributes").isEqualTo(spec);
        for (Attribute a : kind.attributes()) {
            JsonNode property = resource.path("properties").path("attributes").path("properties").path(a.name());
            if (!property.isMissingNode()) assertThat(a.type()).as(type + "." + a.name()).isEqualTo(typeOf(property));
        }
        Set<String> relationships = new TreeSet<>();
        kind.relationships().stream().filter(Relationship::shown).forEach(r -> relationships.add(r.name()));
        assertThat(relationships).as(type + " response relationships")
                .isEqualTo(names(resource.path("properties").path("relationships").path("properties")));
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void createAndUpdateAcceptAndRequireWhatTheSpecDoes(String type) {
        ResourceKind kind = kind(type);
        if (kind.operations().create() != null) {
            JsonNode create = resourceObject(op(kind.operations().create()).path("requestSchema").asText());
            assertThat(names(kind.attributes().stream().filter(Attribute::creatable).map(Attribute::name).toList()))
                    .as(type + " create attributes").isEqualTo(names(create.path("properties").path("attributes").path("properties")));
            assertThat(names(kind.attributes().stream().filter(Attribute::required).map(Attribute::name).toList()))
                    .as(type + " required on create").isEqualTo(strings(create.path("properties").path("attributes").path("required")));
            assertThat(names(kind.relationships().stream().filter(Relationship::onCreate).map(Relationship::name).toList()))
                    .as(type + " create relationships").isEqualTo(names(create.path("properties").path("relationships").path("properties")));
            for (Attribute a : kind.attributes()) {
                JsonNode property = create.path("properties").path("attributes").path("properties").path(a.name());
                if (!property.isMissingNode()) assertThat(a.type()).as(type + "." + a.name() + " on create").isEqualTo(typeOf(property));
            }
        }
        if (kind.operations().update() != null) {
            JsonNode update = resourceObject(op(kind.operations().update()).path("requestSchema").asText());
            assertThat(names(kind.attributes().stream().filter(a -> !a.readOnly() && !a.createOnly()).map(Attribute::name).toList()))
                    .as(type + " update attributes").isEqualTo(names(update.path("properties").path("attributes").path("properties")));
            assertThat(names(kind.relationships().stream().filter(Relationship::onUpdate).map(Relationship::name).toList()))
                    .as(type + " update relationships").isEqualTo(names(update.path("properties").path("relationships").path("properties")));
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void everyFilterSortAndIncludeOfItsOperationsIsServed(String type) {
        ResourceKind kind = kind(type);
        List<String[]> served = new ArrayList<>(); // operation id, the kind its rows are
        if (kind.operations().list() != null) served.add(new String[] {kind.operations().list(), type});
        kind.operations().relationships().forEach((name, ops) -> {
            String target = kind.relationship(name).orElseThrow().target();
            if (ops.related() != null) served.add(new String[] {ops.related(), target});
            if (ops.ids() != null) served.add(new String[] {ops.ids(), target});
        });
        for (String[] s : served) {
            JsonNode op = op(s[0]);
            ResourceKind rows = kind(s[1]);
            for (String field : names(op.path("filters"))) {
                assertThat(rows.filterFields()).as(s[0] + " filters on " + field).contains(field);
            }
            for (String sort : strings(op.path("query").path("sort").path("enum"))) {
                String field = sort.startsWith("-") ? sort.substring(1) : sort;
                boolean sortable = Set.of("id", "created", "updated").contains(field)
                        || rows.attribute(field).filter(a -> a.column() != null).isPresent();
                assertThat(sortable).as(s[0] + " sorts by " + field).isTrue();
            }
            // An External relationship's include is its feature's to supply (a list's tags: ResourceKit.supplyInclude).
            for (String include : strings(op.path("query").path("include").path("enum"))) {
                assertThat(rows.relationship(include)).as(s[0] + " includes " + include).isPresent();
            }
        }
        assertThat(served.isEmpty() && kind.operations().get() == null).as(type + " serves something").isFalse();
    }

    private static Set<String> additionalFields(String operationId, String type) {
        return strings(op(operationId).path("query").path("additional-fields[" + type + "]").path("enum"));
    }

    private static AttributeType typeOf(JsonNode property) {
        // A oneOf of object schemas (a flow action's definition, one schema per action type; a universal content's
        // definition, one of the spec's blocks) is an object.
        if (property.has("oneOf") && !property.has("type")) {
            for (JsonNode branch : property.get("oneOf")) {
                JsonNode resolved = branch.has("$ref") ? schemas.path(branch.get("$ref").asText().replace("#/components/schemas/", "")) : branch;
                assertThat(resolved.path("type").asText()).as("a oneOf branch " + branch).isEqualTo("object");
            }
            return AttributeType.OBJECT;
        }
        return switch (property.path("type").asText() + "/" + property.path("format").asText()) {
            case "string/date-time" -> AttributeType.DATETIME;
            case "string/" -> AttributeType.STRING;
            case "number/" -> AttributeType.NUMBER;
            case "integer/" -> AttributeType.INTEGER;
            case "boolean/" -> AttributeType.BOOLEAN;
            case "object/" -> AttributeType.OBJECT;
            case "array/" -> {
                // An array of objects the server alone sets (a campaign message's send_times) is kept as JSON, as objects are.
                JsonNode items = property.path("items");
                if (items.has("$ref")) items = schemas.path(items.get("$ref").asText().replace("#/components/schemas/", ""));
                if (items.path("type").asText().equals("object")) yield AttributeType.OBJECT;
                assertThat(items.path("type").asText()).isEqualTo("string");
                yield AttributeType.STRING_LIST;
            }
            default -> throw new AssertionError("a type the kit has no AttributeType for: " + property);
        };
    }

    private static JsonNode op(String id) {
        JsonNode op = operations.path(id);
        assertThat(op.isMissingNode()).as("operation " + id + " is in the spec").isFalse();
        return op;
    }

    /** The resource object a document schema's {@code data} holds (following $refs, allOf and arrays). */
    private static JsonNode resourceObject(String documentSchema) {
        JsonNode data = resolve(resolve(schemas.path(documentSchema)).path("properties").path("data"));
        if (data.path("type").asText().equals("array")) data = resolve(data.path("items"));
        return data;
    }

    /** Follows $refs, and merges an allOf's members (their properties, recursively: attributes too). */
    private static JsonNode resolve(JsonNode node) {
        while (node.has("$ref")) node = schemas.path(node.get("$ref").asText().substring("#/components/schemas/".length()));
        if (!node.has("allOf") && !node.path("properties").isObject()) return node;
        com.fasterxml.jackson.databind.node.ObjectNode merged = node.deepCopy();
        merged.remove("allOf");
        com.fasterxml.jackson.databind.node.ObjectNode properties = JSON.createObjectNode();
        List<JsonNode> parts = new ArrayList<>();
        node.path("allOf").forEach(parts::add);
        parts.add(node);
        for (JsonNode part : parts) {
            JsonNode resolved = part == node ? node : resolve(part);
            resolved.path("properties").properties().forEach(e -> {
                JsonNode value = resolve(e.getValue());
                JsonNode existing = properties.get(e.getKey());
                if (existing != null && existing.path("properties").isObject() && value.path("properties").isObject()) {
                    com.fasterxml.jackson.databind.node.ObjectNode both = existing.deepCopy();
                    ((com.fasterxml.jackson.databind.node.ObjectNode) both.get("properties")).setAll(
                            (com.fasterxml.jackson.databind.node.ObjectNode) value.get("properties"));
                    properties.set(e.getKey(), both);
                } else {
                    properties.set(e.getKey(), value);
                }
            });
        }
        merged.set("properties", properties);
        return merged;
    }

    private static Set<String> names(JsonNode object) {
        Set<String> out = new TreeSet<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static Set<String> names(List<String> list) {
        return new TreeSet<>(list);
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> out = new LinkedHashSet<>();
        array.forEach(v -> out.add(v.asText()));
        return new TreeSet<>(out);
    }

    private static JsonNode read(String resource) throws IOException {
        try (InputStream in = DeclarationsMatchSpecTest.class.getResourceAsStream(resource)) {
            return JSON.readTree(in);
        }
    }
}
