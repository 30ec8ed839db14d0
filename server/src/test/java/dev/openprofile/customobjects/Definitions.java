package dev.openprofile.customobjects;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.testing.Api;

/**
 * Request bodies and calls the definition tests share. Bodies are written with single quotes ({@link #json}), so the
 * JSONPaths in them use the dot form ({@code $.id}).
 */
final class Definitions {
    private Definitions() {}

    static JsonNode readTree(String singleQuoted) {
        try {
            return dev.openprofile.jsonapi.Json.MAPPER.readTree(json(singleQuoted));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static String q(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    static String dataSource(Api api, String title) {
        var r = api.post("create_data_source", "/api/data-sources", json("{'data':{'type':'data-source','attributes':{'title':'" + title + "'}}}"));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.data().get("id").asText();
    }

    /** A simple property mapping of property {@code id} from {@code source}, record id at $.id. */
    static String simple(int id, String source, String dataPath) {
        return "{'id':" + id + ",'type':'simple','source':{'source_id':'" + source + "','id_path':'$.id','data_path':'" + dataPath + "'}}";
    }

    static String property(int id, String name, String type) {
        return "{'id':" + id + ",'name':'" + name + "','type':'" + type + "'}";
    }

    /** create_object_type's body; {@code schemaAttributes} null: no embedded schema. */
    static String typeBody(String title, String schemaAttributes) {
        return json("{'data':{'type':'object-type','attributes':{'title':'" + title + "'"
                + (schemaAttributes == null ? "" : ",'object-schema':{'data':{'type':'object-schema','attributes':" + schemaAttributes + "}}")
                + "}}}");
    }

    static JsonNode type(Api api, String title, String schemaAttributes) {
        var r = api.post("create_object_type", "/api/object-types", typeBody(title, schemaAttributes));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.data();
    }

    /** Schema attributes: the properties, required names, status, and the property mappings (null: no source-mapping). */
    static String schema(String properties, String required, String status, String propertyMappings) {
        return "{'properties':[" + properties + "],'required':[" + required + "],'status':'" + status + "'"
                + (propertyMappings == null ? "" : ",'source-mapping':{'data':{'type':'source-mapping','attributes':{'property_mappings':["
                + propertyMappings + "]}}}") + "}";
    }

    /** create_object_schema for {@code typeId} (null: a new type). */
    static Api.Response newSchema(Api api, String typeId, String title, String properties, String required, String extra) {
        return api.post("create_object_schema", "/api/object-schemas", json("{'data':{'type':'object-schema','attributes':{'title':'"
                + title + "','properties':[" + properties + "],'required':[" + required + "]" + (extra == null ? "" : "," + extra) + "}"
                + (typeId == null ? "" : ",'relationships':{'object-type':{'data':{'type':'object-type','id':'" + typeId + "'}}}") + "}}"));
    }

    static Api.Response patchSchema(Api api, String id, String attributes) {
        return api.patch("update_object_schema", "/api/object-schemas/" + id,
                json("{'data':{'type':'object-schema','id':'" + id + "','attributes':" + attributes + "}}"));
    }

    static Api.Response patchMapping(Api api, String id, String attributes) {
        return api.patch("update_source_mapping", "/api/source-mappings/" + id,
                json("{'data':{'type':'source-mapping','id':'" + id + "','attributes':" + attributes + "}}"));
    }

    static JsonNode getType(Api api, String id) {
        var r = api.get("get_object_type", "/api/object-types/" + id);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.data();
    }

    static JsonNode getSchema(Api api, String id) {
        var r = api.get("get_object_schema", "/api/object-schemas/" + id);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.data();
    }

    static String mappingId(Api api, String schemaId) {
        return getSchema(api, schemaId).at("/relationships/source-mapping/data/id").asText();
    }

    static void assertError(Api.Response r, int status, String pointer) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        assertThat(r.error().at("/source/pointer").asText()).as(r.text()).isEqualTo(pointer);
    }
}
