package dev.openprofile.customobjects;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;

/** The stored definitions, one record per V44 table, as the store reads them. */
final class Definition {
    private Definition() {}

    static final String CUSTOM_OBJECTS = "custom-objects";

    /** An object type; its status is active once it has a current schema. */
    record ObjectType(String id, String title, String description, String visibility, String namespace,
                      String currentSchemaId, String draftSchemaId, OffsetDateTime created, OffsetDateTime updated) {
        String status() {
            return currentSchemaId == null ? "draft" : "active";
        }
    }

    /**
     * A version of an object type's schema: draft, active (the type's current one) or superseded (an earlier current one).
     *
     * @param properties the API's array, each with its description filled in
     * @param required   property names
     */
    record ObjectSchema(String id, String objectTypeId, String title, String description, String visibility, String status,
                        JsonNode properties, JsonNode required, OffsetDateTime publishedAt, OffsetDateTime created,
                        OffsetDateTime updated) {
        boolean draft() {
            return status.equals("draft");
        }
    }

    /**
     * A schema's relationship to another type's schema ({@code relatedKind} object) or to profiles (profile).
     *
     * @param relatedSchemaId the schema the relationship was made with (object kind only)
     */
    record SchemaRelationship(String schemaId, String id, String relatedKind, String relatedSchemaId, String relatedObjectTypeId,
                              String name, String description, OffsetDateTime created) {
        static final String OBJECT = "object";
        static final String PROFILE = "profile";

        /** The linkage id a schema shows: {@code {related_schema_id}:::{name}} or {@code profile:::{name}}. */
        String schemaLinkageId() {
            return (relatedKind.equals(PROFILE) ? PROFILE : relatedSchemaId) + ":::" + name;
        }

        /** The linkage id an object type shows: {@code {related_object_type_id}:::{name}} or {@code profile:::{name}}. */
        String typeLinkageId() {
            return (relatedKind.equals(PROFILE) ? PROFILE : relatedObjectTypeId) + ":::" + name;
        }
    }

    /** A schema's source mapping: the API's two arrays, defaults filled in. */
    record SourceMapping(String id, String schemaId, JsonNode propertyMappings, JsonNode relationshipMappings,
                         OffsetDateTime created, OffsetDateTime updated) {}
}
