package dev.openprofile.customobjects;

import static dev.openprofile.customobjects.Definitions.assertError;
import static dev.openprofile.customobjects.Definitions.json;
import static dev.openprofile.customobjects.Definitions.property;
import static dev.openprofile.customobjects.Definitions.schema;
import static dev.openprofile.customobjects.Definitions.simple;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Source mappings: what update_source_mapping accepts, what it refuses (with pointers, nothing changed), and what it stores. */
class SourceMappingsTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A draft with name (string), age (int) and relationships to profiles and to another type. */
    record Draft(TestServer.Account acct, String source, String other, String schema, String mapping, String profileRel, String objectRel) {
        Api api() {
            return acct.api();
        }
    }

    static Draft draft() {
        TestServer.Account acct = server.newAccount("co-mappings-");
        Api api = acct.api();
        String source = Definitions.dataSource(api, "Src");
        String other = Definitions.dataSource(api, "Other");
        String related = Definitions.type(api, "Owner", schema(property(1, "n", "string"), "", "active", null))
                .at("/relationships/current-schema/data/id").asText();
        String schema = Definitions.type(api, "Pet", schema(property(1, "name", "string") + "," + property(2, "age", "int"), "", "draft", null))
                .at("/relationships/draft-schema/data/id").asText();
        String rels = "/api/object-schemas/" + schema + "/relationships/";
        assertThat(api.post("create_profile_schema_relationship", rels + "profile-object-schemas", json("{'data':[{'type':"
                + "'profile-object-schema','id':'profile','meta':{'name':'owner'}}]}")).status()).isEqualTo(204);
        assertThat(api.post("create_object_schema_relationship", rels + "object-schemas", json("{'data':[{'type':'object-schema','id':'"
                + related + "','meta':{'name':'friend'}}]}")).status()).isEqualTo(204);
        JsonNode included = api.get("get_object_schema", "/api/object-schemas/" + schema + "?include=profile-object-schemas,object-schemas")
                .body().get("included");
        String profileRel = null;
        String objectRel = null;
        for (JsonNode x : included) {
            if (x.get("type").asText().equals("profile-object-schema")) profileRel = x.at("/attributes/meta/relationship_id").asText();
            else objectRel = x.at("/attributes/meta/relationship_id").asText();
        }
        return new Draft(acct, source, other, schema, Definitions.mappingId(api, schema), profileRel, objectRel);
    }

    static String profileLink(String relationshipId, String source, String idPath) {
        return "{'relationship_id':'" + relationshipId + "','type':'simple','source':{'type':'profile','source_id':'" + source
                + "','id_path':'" + idPath + "','related_id_paths':[{'identifier_type':'email','path':'$.email'}]}}";
    }

    @Test
    void aMappingStoresItsListsWithTheDefaultStrategyAndTheSourcesItReads() {
        Draft d = draft();
        var r = Definitions.patchMapping(d.api(), d.mapping(), "{'property_mappings':[" + simple(1, d.source(), "$.name")
                + ",{'id':2,'type':'constant','value':3}],'relationship_mappings':[" + profileLink(d.profileRel(), d.source(), "$.id")
                + ",{'relationship_id':'" + d.objectRel() + "','type':'simple','source':{'type':'custom-object','source_id':'" + d.other()
                + "','id_path':'$.key','related_id_path':'$.friends[*]','update_strategy':'additive'}}]}");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        JsonNode a = r.data().get("attributes");
        assertThat(a.at("/property_mappings/1")).isEqualTo(Definitions.readTree("{'id':2,'type':'constant','value':3}"));
        assertThat(a.at("/relationship_mappings/0/source/update_strategy").asText()).isEqualTo("replace_from_origin");
        assertThat(a.at("/relationship_mappings/1/source/update_strategy").asText()).isEqualTo("additive");
        assertThat(d.api().get("get_source_mapping", "/api/source-mappings/" + d.mapping()).data()).isEqualTo(r.data());
        assertThat(server.queryInt("select count(*) from source_mapping_source where account_id = '" + d.acct().id()
                + "' and source_mapping_id = '" + d.mapping() + "'")).isEqualTo(2);
        // Only the list named is replaced.
        var props = Definitions.patchMapping(d.api(), d.mapping(), "{'property_mappings':[]}");
        assertThat(props.data().at("/attributes/property_mappings")).isEmpty();
        assertThat(props.data().at("/attributes/relationship_mappings")).hasSize(2);
        // get_object_schema includes it.
        var included = d.api().get("get_object_schema", "/api/object-schemas/" + d.schema() + "?include=source-mapping").body();
        assertThat(included.at("/included/0/type").asText()).isEqualTo("source-mapping");
        assertThat(included.at("/included/0/id").asText()).isEqualTo(d.mapping());
    }

    @Test
    void faultsPointAtTheirMemberAndChangeNothing() {
        Draft d = draft();
        String base = "/data/attributes/property_mappings/";
        assertError(Definitions.patchMapping(d.api(), d.mapping(), "{'property_mappings':[" + simple(9, d.source(), "$.x") + "]}"), 400,
                base + "0/id");
        assertError(Definitions.patchMapping(d.api(), d.mapping(), "{'property_mappings':[" + simple(1, d.source(), "$.x") + ","
                + simple(1, d.source(), "$.y") + "]}"), 400, base + "1/id");
        assertError(Definitions.patchMapping(d.api(), d.mapping(), "{'property_mappings':[" + simple(1, "01HZZZZZZZZZZZZZZZZZZZZZZZ", "$.x")
                + "]}"), 400, base + "0/source/source_id");
        assertError(Definitions.patchMapping(d.api(), d.mapping(), "{'property_mappings':[" + simple(1, d.source(), "$.[") + "]}"), 400,
                base + "0/source/data_path");
        assertError(Definitions.patchMapping(d.api(), d.mapping(), "{'property_mappings':[" + simple(1, d.source(), "name") + "]}"), 400,
                base + "0/source/data_path");
        assertError(Definitions.patchMapping(d.api(), d.mapping(), "{'property_mappings':[{'id':1,'type':'simple','source':{'source_id':'"
                + d.source() + "','id_path':'$.id'}}]}"), 400, base + "0/source/data_path");
        assertError(Definitions.patchMapping(d.api(), d.mapping(), "{'property_mappings':[{'id':2,'type':'constant','value':'three'}]}"), 400,
                base + "0/value");
        assertError(Definitions.patchMapping(d.api(), d.mapping(), "{'property_mappings':[{'id':2,'type':'lookup','value':3}]}"), 400,
                base + "0/type");
        // One source, one id path: the second mapping reads the id elsewhere.
        assertError(Definitions.patchMapping(d.api(), d.mapping(), "{'property_mappings':[" + simple(1, d.source(), "$.name")
                + ",{'id':2,'type':'simple','source':{'source_id':'" + d.source() + "','id_path':'$.other','data_path':'$.age'}}]}"), 400,
                base + "1/source/id_path");
        // ... relationship mappings included.
        String rel = "/data/attributes/relationship_mappings/0";
        assertError(Definitions.patchMapping(d.api(), d.mapping(), "{'property_mappings':[" + simple(1, d.source(), "$.name")
                + "],'relationship_mappings':[" + profileLink(d.profileRel(), d.source(), "$.other") + "]}"), 400, rel + "/source/id_path");
        assertError(Definitions.patchMapping(d.api(), d.mapping(), "{'relationship_mappings':[" + profileLink("01HZZZZZZZZZZZZZZZZZZZZZZZ",
                d.source(), "$.id") + "]}"), 400, rel + "/relationship_id");
        // The kind of the relationship and of the source agree.
        assertError(Definitions.patchMapping(d.api(), d.mapping(), "{'relationship_mappings':[" + profileLink(d.objectRel(), d.source(), "$.id")
                + "]}"), 400, rel + "/source/type");
        assertError(Definitions.patchMapping(d.api(), d.mapping(), "{'relationship_mappings':[{'relationship_id':'" + d.objectRel()
                + "','type':'simple','source':{'type':'custom-object','source_id':'" + d.source() + "','id_path':'$.id',"
                + "'related_id_path':'$.f','update_strategy':'sometimes'}}]}"), 400, rel + "/source/update_strategy");
        var mismatch = d.api().patch("update_source_mapping", "/api/source-mappings/" + d.mapping(), json("{'data':{'type':'source-mapping',"
                + "'id':'01HZZZZZZZZZZZZZZZZZZZZZZZ','attributes':{}}}"));
        assertError(mismatch, 409, "/data/id");
        assertThat(Definitions.patchMapping(d.api(), "01HZZZZZZZZZZZZZZZZZZZZZZZ", "{'property_mappings':[]}").status()).isEqualTo(404);
        JsonNode stored = d.api().get("get_source_mapping", "/api/source-mappings/" + d.mapping()).data().get("attributes");
        assertThat(stored).isEqualTo(Definitions.readTree("{'property_mappings':[],'relationship_mappings':[]}"));
        assertThat(server.queryInt("select count(*) from source_mapping_source where account_id = '" + d.acct().id() + "'")).isZero();
    }

    @Test
    void deletingARelationshipRemovesItsMappings() {
        Draft d = draft();
        assertThat(Definitions.patchMapping(d.api(), d.mapping(), "{'relationship_mappings':[" + profileLink(d.profileRel(), d.other(), "$.id")
                + "]}").status()).isEqualTo(200);
        var deleted = d.api().delete("delete_profile_schema_relationship", "/api/object-schemas/" + d.schema()
                + "/relationships/profile-object-schemas", json("{'data':[{'type':'profile-object-schema','id':'profile','meta':"
                + "{'relationship_id':'" + d.profileRel() + "'}}]}"));
        assertThat(deleted.status()).as(deleted.text()).isEqualTo(204);
        assertThat(d.api().get("get_source_mapping", "/api/source-mappings/" + d.mapping()).data()
                .at("/attributes/relationship_mappings")).isEmpty();
        // The mapping no longer reads the other source.
        assertThat(d.api().delete("delete_data_source", "/api/data-sources/" + d.other(), null).status()).isEqualTo(204);
    }
}
