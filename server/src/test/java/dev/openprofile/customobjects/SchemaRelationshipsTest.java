package dev.openprofile.customobjects;

import static dev.openprofile.customobjects.Definitions.assertError;
import static dev.openprofile.customobjects.Definitions.json;
import static dev.openprofile.customobjects.Definitions.property;
import static dev.openprofile.customobjects.Definitions.schema;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A draft schema's relationships to other schemas and to profiles: create, update, delete, reads, and their errors. */
class SchemaRelationshipsTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static List<String> ids(JsonNode data) {
        List<String> out = new ArrayList<>();
        data.forEach(d -> out.add(d.get("type").asText() + "/" + d.get("id").asText()));
        return out;
    }

    @Test
    void relationshipsAreMadeRenamedAndRemoved() {
        TestServer.Account acct = server.newAccount("co-rels-");
        Api api = acct.api();
        JsonNode owner = Definitions.type(api, "Owner", schema(property(1, "n", "string"), "", "active", null));
        String ownerSchema = owner.at("/relationships/current-schema/data/id").asText();
        String draft = Definitions.type(api, "Pet", schema(property(1, "n", "string"), "", "draft", null))
                .at("/relationships/draft-schema/data/id").asText();
        String objects = "/api/object-schemas/" + draft + "/relationships/object-schemas";
        String profiles = "/api/object-schemas/" + draft + "/relationships/profile-object-schemas";
        assertThat(api.post("create_object_schema_relationship", objects, json("{'data':[{'type':'object-schema','id':'" + ownerSchema
                + "','meta':{'name':'owner','description':'who'}},{'type':'object-schema','id':'" + ownerSchema + "','meta':{'name':'vet'}}]}"))
                .status()).isEqualTo(204);
        assertThat(api.post("create_profile_schema_relationship", profiles, json("{'data':[{'type':'profile-object-schema','id':'profile',"
                + "'meta':{'name':'buyer'}}]}")).status()).isEqualTo(204);
        assertThat(ids(api.get("get_object_schema_relationships", objects).data()))
                .containsExactly("object-schema/" + ownerSchema + ":::owner", "object-schema/" + ownerSchema + ":::vet");
        assertThat(ids(api.get("get_profile_schema_relationships", profiles).data())).containsExactly("profile-object-schema/profile:::buyer");
        JsonNode doc = api.get("get_object_schema", "/api/object-schemas/" + draft + "?include=object-schemas,profile-object-schemas").body();
        String vet = null;
        String buyer = null;
        for (JsonNode x : doc.get("included")) {
            if (x.at("/attributes/meta/name").asText().equals("vet")) vet = x.at("/attributes/meta/relationship_id").asText();
            if (x.at("/attributes/meta/name").asText().equals("buyer")) buyer = x.at("/attributes/meta/relationship_id").asText();
        }
        assertThat(doc.at("/included/0/attributes/meta/description").asText()).isEqualTo("who");

        assertThat(api.patch("update_object_schema_relationship", objects, json("{'data':{'type':'object-schema','id':'" + ownerSchema
                + "','meta':{'relationship_id':'" + vet + "','name':'doctor','description':'heals'}}}")).status()).isEqualTo(204);
        assertThat(api.patch("update_profile_schema_relationship", profiles, json("{'data':{'type':'profile-object-schema','id':'profile',"
                + "'meta':{'relationship_id':'" + buyer + "','name':'customer'}}}")).status()).isEqualTo(204);
        assertThat(ids(api.get("get_object_schema_relationships", objects).data()))
                .containsExactly("object-schema/" + ownerSchema + ":::owner", "object-schema/" + ownerSchema + ":::doctor");
        assertThat(ids(api.get("get_profile_schema_relationships", profiles).data())).containsExactly("profile-object-schema/profile:::customer");

        assertThat(api.delete("delete_object_schema_relationship", objects, json("{'data':[{'type':'object-schema','id':'" + ownerSchema
                + "','meta':{'relationship_id':'" + vet + "'}}]}")).status()).isEqualTo(204);
        assertThat(ids(api.get("get_object_schema_relationships", objects).data())).containsExactly("object-schema/" + ownerSchema + ":::owner");
        assertThat(server.queryInt("select count(*) from object_schema_relationship where account_id = '" + acct.id() + "'")).isEqualTo(2);
    }

    @Test
    void relationshipWritesRefuseWhatCannotBe() {
        TestServer.Account acct = server.newAccount("co-rels-");
        Api api = acct.api();
        String draft = Definitions.type(api, "Pet", schema(property(1, "n", "string"), "", "draft", null))
                .at("/relationships/draft-schema/data/id").asText();
        String objects = "/api/object-schemas/" + draft + "/relationships/object-schemas";
        String profiles = "/api/object-schemas/" + draft + "/relationships/profile-object-schemas";
        String none = "01HZZZZZZZZZZZZZZZZZZZZZZZ";
        assertError(api.post("create_object_schema_relationship", objects, json("{'data':[{'type':'object-schema','id':'" + none
                + "','meta':{'name':'x'}}]}")), 400, "/data/0/id");
        assertError(api.post("create_profile_schema_relationship", profiles, json("{'data':[{'type':'profile-object-schema','id':'people',"
                + "'meta':{'name':'x'}}]}")), 400, "/data/0/id");
        assertError(api.post("create_profile_schema_relationship", profiles, json("{'data':[{'type':'profile-object-schema','id':'profile'}]}")),
                400, "/data/0/meta");
        assertError(api.post("create_profile_schema_relationship", profiles, json("{'data':[{'type':'profile-object-schema','id':'profile',"
                + "'meta':{}}]}")), 400, "/data/0/meta/name");
        assertError(api.post("create_profile_schema_relationship", profiles, json("{'data':[{'type':'object-schema','id':'profile',"
                + "'meta':{'name':'x'}}]}")), 400, "/data/0/type");
        // Names are unique in the schema, across both kinds and within one body.
        assertThat(api.post("create_profile_schema_relationship", profiles, json("{'data':[{'type':'profile-object-schema','id':'profile',"
                + "'meta':{'name':'owner'}}]}")).status()).isEqualTo(204);
        assertError(api.post("create_object_schema_relationship", objects, json("{'data':[{'type':'object-schema','id':'" + draft
                + "','meta':{'name':'owner'}}]}")), 409, "/data/0/meta/name");
        assertError(api.post("create_profile_schema_relationship", profiles, json("{'data':[{'type':'profile-object-schema','id':'profile',"
                + "'meta':{'name':'a'}},{'type':'profile-object-schema','id':'profile','meta':{'name':'a'}}]}")), 409, "/data/1/meta/name");
        assertError(api.patch("update_profile_schema_relationship", profiles, json("{'data':{'type':'profile-object-schema','id':'profile',"
                + "'meta':{'relationship_id':'" + none + "','name':'b'}}}")), 400, "/data/meta/relationship_id");
        assertError(api.delete("delete_profile_schema_relationship", profiles, json("{'data':[{'type':'profile-object-schema','id':'profile',"
                + "'meta':{'relationship_id':'" + none + "'}}]}")), 400, "/data/0/meta/relationship_id");
        // Nothing of the refused bodies was stored.
        assertThat(server.queryInt("select count(*) from object_schema_relationship where account_id = '" + acct.id() + "'")).isEqualTo(1);
        assertThat(api.post("create_profile_schema_relationship", "/api/object-schemas/" + none + "/relationships/profile-object-schemas",
                json("{'data':[{'type':'profile-object-schema','id':'profile','meta':{'name':'x'}}]}")).status()).isEqualTo(404);
        assertThat(api.get("get_object_schema_relationships", "/api/object-schemas/" + none + "/relationships/object-schemas").status())
                .isEqualTo(404);
    }
}
