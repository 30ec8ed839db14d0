package dev.openprofile.jsonapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Rewrites the spec's OpenAPI 3.0 schemas into JSON Schema 2020-12 whose failures name the member at fault, for
 * {@link RequestSchemas}. Two constructs would otherwise make errors useless or wrong:
 * <ul>
 *   <li>{@code nullable: true}: a typed schema takes {@code type: [T, "null"]} (and null joins its {@code enum}); an
 *       untyped one ({@code $ref} beside it) becomes {@code if: {type: null}, else: schema}, so a non-null value
 *       reports the schema's own failures rather than "does not match any of".</li>
 *   <li>{@code oneOf} over object variants that each fix one member to a single value (the action's {@code type},
 *       a filter's {@code type}, a consent's {@code subscription}: the spec declares no {@code discriminator}, the
 *       variants do): the variant is chosen by that member, and only its failures are reported. Variants sharing a
 *       value (a "string" filter per operator) are tried as {@code anyOf} among themselves. Other {@code oneOf}s
 *       become {@code anyOf}, as the spec's variants overlap ({@code [integer, number]}). Either way a value passes
 *       exactly when some variant accepts it, as the test-side validator (oneOf as anyOf) holds.</li>
 * </ul>
 */
final class RequestSchemaNormaliser {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final String DEFS = "$defs";
    private static final String REF_PREFIX = "#/components/schemas/";
    private static final Set<String> SUBSCHEMA = Set.of("items", "additionalProperties", "not");
    private static final Set<String> SUBSCHEMA_LISTS = Set.of("anyOf", "allOf");

    /** The spec's schemas as given: variants are inspected before they are rewritten. */
    private final JsonNode originals;

    private RequestSchemaNormaliser(JsonNode originals) {
        this.originals = originals;
    }

    /**
     * The schemas of a document shaped as {@code {components: {schemas: {...}}}}, normalised into a JSON Schema document
     * that holds them in {@code $defs} (where 2020-12 keeps schemas that are not the root's: no unknown keyword).
     */
    static ObjectNode normaliseDocument(JsonNode document) {
        JsonNode given = document.path("components").path("schemas");
        RequestSchemaNormaliser normaliser = new RequestSchemaNormaliser(given);
        ObjectNode out = NODES.objectNode();
        ObjectNode defs = out.putObject(DEFS);
        given.properties().forEach(e -> defs.set(e.getKey(), normaliser.normalise(e.getValue().deepCopy())));
        return out;
    }

    private JsonNode normalise(JsonNode schema) {
        if (!schema.isObject()) return schema;
        ObjectNode node = (ObjectNode) schema;
        if (node.get("$ref") instanceof JsonNode ref && ref.asText().startsWith(REF_PREFIX)) {
            node.put("$ref", "#/" + DEFS + "/" + ref.asText().substring(REF_PREFIX.length()));
        }
        JsonNode oneOf = node.remove("oneOf");
        if (node.get("properties") instanceof ObjectNode properties) {
            properties.properties().forEach(e -> e.setValue(normalise(e.getValue())));
        }
        for (String keyword : SUBSCHEMA) {
            if (node.has(keyword)) node.set(keyword, normalise(node.get(keyword)));
        }
        for (String keyword : SUBSCHEMA_LISTS) {
            if (node.get(keyword) instanceof ArrayNode variants) {
                for (int i = 0; i < variants.size(); i++) variants.set(i, normalise(variants.get(i)));
            }
        }
        if (oneOf instanceof ArrayNode variants) {
            ArrayNode all = node.has("allOf") ? (ArrayNode) node.get("allOf") : node.putArray("allOf");
            all.add(choice(variants));
        }
        JsonNode nullable = node.remove("nullable");
        return nullable != null && nullable.asBoolean() ? allowNull(node) : node;
    }

    /** One of {@code variants}: by the member that tells them apart, else any of them. */
    private ObjectNode choice(ArrayNode variants) {
        List<JsonNode> given = new ArrayList<>();
        variants.forEach(given::add);
        return choice(given, Set.of());
    }

    /** As above, among {@code given} that agree on the members {@code decided} already. */
    private ObjectNode choice(List<JsonNode> given, Set<String> decided) {
        Optional<String> key = discriminator(given.stream().map(this::resolve).toList(), decided);
        if (key.isEmpty()) return anyOf(given);
        Map<JsonNode, List<JsonNode>> byValue = new LinkedHashMap<>();
        boolean allRequire = true;
        for (JsonNode variant : given) {
            JsonNode resolved = resolve(variant);
            byValue.computeIfAbsent(fixedValue(resolved.path("properties").path(key.get())), v -> new ArrayList<>()).add(variant);
            allRequire &= contains(resolved.path("required"), key.get());
        }
        ArrayNode values = NODES.arrayNode();
        ArrayNode cases = NODES.arrayNode();
        byValue.forEach((value, group) -> {
            values.add(value);
            ObjectNode when = NODES.objectNode();
            when.putObject("if").putObject("properties").putObject(key.get()).set("const", value);
            // Variants sharing the value (two "date" triggers) may be told apart by another member (date_field_type).
            when.set("then", group.size() == 1 ? normalise(group.getFirst().deepCopy()) : choice(group, with(decided, key.get())));
            cases.add(when);
        });
        ObjectNode present = NODES.objectNode().put("type", "object");
        present.putArray("required").add(key.get());
        ObjectNode chosen = NODES.objectNode();
        chosen.putObject("properties").putObject(key.get()).set("enum", values);
        chosen.set("allOf", cases);
        ObjectNode out = NODES.objectNode();
        out.set("if", present);
        out.set("then", chosen);
        // Without the member, a variant that does not require it may still accept the value.
        out.set("else", allRequire ? present.deepCopy() : anyOf(given));
        return out;
    }

    private ObjectNode anyOf(List<JsonNode> variants) {
        ObjectNode out = NODES.objectNode();
        ArrayNode list = out.putArray("anyOf");
        variants.forEach(v -> list.add(normalise(v.deepCopy())));
        return out;
    }

    /**
     * The member every variant fixes to one value: the one telling most variants apart ("type" on a tie, as in
     * {@code {type, operator}} pairs); empty when the variants are not all objects or fix no common member.
     */
    private Optional<String> discriminator(List<JsonNode> variants, Set<String> decided) {
        Set<String> common = null;
        for (JsonNode v : variants) {
            if (!"object".equals(v.path("type").asText())) return Optional.empty();
            Set<String> fixed = new HashSet<>();
            v.path("properties").properties().forEach(e -> {
                if (fixedValue(e.getValue()) != null) fixed.add(e.getKey());
            });
            if (common == null) common = fixed;
            else common.retainAll(fixed);
        }
        if (common == null) return Optional.empty();
        common.removeAll(decided);
        Comparator<String> byDistinct = Comparator.comparingLong(k -> variants.stream()
                .map(v -> fixedValue(v.path("properties").path(k))).distinct().count());
        return common.stream().max(byDistinct.thenComparing(k -> k.equals("type")).thenComparing(Comparator.<String>reverseOrder()));
    }

    /** The one value a property schema allows ({@code enum} of one, possibly behind a {@code $ref}); null otherwise. */
    private JsonNode fixedValue(JsonNode property) {
        JsonNode enumeration = resolve(property).get("enum");
        return enumeration != null && enumeration.size() == 1 ? enumeration.get(0) : null;
    }

    private static Set<String> with(Set<String> decided, String key) {
        Set<String> out = new HashSet<>(decided);
        out.add(key);
        return out;
    }

    private JsonNode resolve(JsonNode schema) {
        JsonNode ref = schema.get("$ref");
        if (ref == null || !ref.asText().startsWith(REF_PREFIX)) return schema;
        JsonNode target = originals.get(ref.asText().substring(REF_PREFIX.length()));
        if (target == null) throw new IllegalStateException("request schemas: unresolved " + ref.asText());
        return target;
    }

    private static ObjectNode allowNull(ObjectNode node) {
        if (node.isEmpty()) return node; // {nullable: true} alone accepts anything already
        JsonNode type = node.get("type");
        if (type != null && type.isTextual()) {
            node.set("type", NODES.arrayNode().add(type.asText()).add("null"));
            if (node.get("enum") instanceof ArrayNode values && !contains(values, null)) values.addNull();
            return node;
        }
        ObjectNode out = NODES.objectNode();
        out.putObject("if").put("type", "null");
        out.set("else", node);
        return out;
    }

    private static boolean contains(JsonNode array, String text) {
        for (JsonNode v : array) {
            if (text == null ? v.isNull() : text.equals(v.asText())) return true;
        }
        return false;
    }
}
