package dev.openprofile.customobjects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.jsonapi.RequestSchemas;
import java.util.regex.Pattern;

/**
 * The bodies of the definition writes, read after the spec's own schema has held them (shapes, types, enums, required
 * members: {@link RequestSchemas}), with what the schema cannot say checked here with pointers.
 */
final class DefinitionInput {
    /** Klaviyo's namespaces: its own, or an OAuth application's ({@code applications/<ULID>}). */
    private static final Pattern NAMESPACE = Pattern.compile("custom-objects|applications/[0-9A-HJKMNP-TV-Z]{26}");

    private DefinitionInput() {}

    /** A new object type and its first schema. */
    record NewType(String title, String description, String visibility, String namespace, NewSchema schema) {}

    /**
     * A new schema's properties and required list (checked), whether to activate it at once, and its mapping's lists as
     * given ({@code mappingPointer} null: the body has no source-mapping).
     *
     * @param pointer the schema's attributes in the body
     */
    record NewSchema(ArrayNode properties, ArrayNode required, boolean activate, JsonNode propertyMappings,
                     JsonNode relationshipMappings, String mappingPointer, String pointer) {}

    /** update_object_schema's members; null: not named (or null). */
    record SchemaChanges(String id, String title, String description, JsonNode properties, JsonNode required, String status) {}

    static NewType type(JsonNode body, RequestSchemas.Check check) {
        check.validate(body, "");
        JsonNode a = body.at("/data/attributes");
        String title = nonBlank(a, "title", "/data/attributes/title");
        String namespace = text(a, "namespace", Definition.CUSTOM_OBJECTS);
        namespace(namespace, "/data/attributes/namespace");
        JsonNode embedded = a.path("object-schema");
        String base = "/data/attributes/object-schema/data/attributes";
        NewSchema schema = schema(embedded.isObject() ? embedded.at("/data/attributes") : Json.MAPPER.createObjectNode(), base);
        return new NewType(title, text(a, "description", ""), text(a, "visibility", "private"), namespace, schema);
    }

    /** create_object_schema's body: its schema, and its title, description and type (null when not named). */
    record SchemaCreate(NewSchema schema, String title, String description, String objectTypeId) {}

    static SchemaCreate schema(JsonNode body, RequestSchemas.Check check) {
        check.validate(body, "");
        JsonNode a = body.at("/data/attributes");
        String title = nonBlank(a, "title", "/data/attributes/title");
        JsonNode type = body.at("/data/relationships/object-type/data/id");
        return new SchemaCreate(schema(a, "/data/attributes"), title, text(a, "description", null),
                type.isTextual() ? type.asText() : null);
    }

    static SchemaChanges changes(JsonNode body, String pathId, RequestSchemas.Check check) {
        check.validate(body, "");
        JsonNode data = body.get("data");
        if (!data.get("id").asText().equals(pathId)) throw ApiError.idMismatch(data.get("id").asText(), pathId);
        JsonNode a = data.get("attributes");
        String title = a.hasNonNull("title") ? nonBlank(a, "title", "/data/attributes/title") : null;
        return new SchemaChanges(pathId, title, text(a, "description", null), nonNull(a, "properties"), nonNull(a, "required"),
                text(a, "status", null));
    }

    private static NewSchema schema(JsonNode a, String base) {
        ArrayNode properties = SchemaRules.properties(a.hasNonNull("properties") ? a.get("properties") : Json.MAPPER.createArrayNode(),
                base + "/properties");
        ArrayNode required = SchemaRules.required(a.hasNonNull("required") ? a.get("required") : Json.MAPPER.createArrayNode(),
                properties, base + "/required");
        boolean activate = "active".equals(text(a, "status", "draft"));
        JsonNode mapping = a.path("source-mapping");
        if (!mapping.isObject()) return new NewSchema(properties, required, activate, null, null, null, base);
        JsonNode m = mapping.at("/data/attributes");
        return new NewSchema(properties, required, activate, orEmpty(m, "property_mappings"), orEmpty(m, "relationship_mappings"),
                base + "/source-mapping/data/attributes", base);
    }

    /** The request's body, once it is known to have {@code data} (else the 400 every JSON:API body gets). */
    static JsonNode body(dev.openprofile.http.ApiRequest r) {
        r.data();
        return r.body();
    }

    static void namespace(String namespace, String pointer) {
        if (!NAMESPACE.matcher(namespace).matches()) {
            throw ApiError.invalidPointer(pointer, "The namespace must be 'custom-objects' or 'applications/<application_id>', "
                    + "where <application_id> is the ULID of an OAuth application.");
        }
    }

    private static String nonBlank(JsonNode a, String member, String pointer) {
        String v = a.path(member).asText();
        if (v.isBlank()) throw ApiError.invalidPointer(pointer, "'" + member + "' cannot be empty.");
        return v;
    }

    private static String text(JsonNode a, String member, String otherwise) {
        return a.hasNonNull(member) ? a.get(member).asText() : otherwise;
    }

    static JsonNode nonNull(JsonNode a, String member) {
        return a.hasNonNull(member) ? a.get(member) : null;
    }

    private static JsonNode orEmpty(JsonNode a, String member) {
        return a.hasNonNull(member) ? a.get(member) : Json.MAPPER.createArrayNode();
    }
}
