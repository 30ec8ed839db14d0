package dev.openprofile.customobjects;

import static dev.openprofile.customobjects.Definitions.json;
import static dev.openprofile.customobjects.Definitions.property;
import static dev.openprofile.customobjects.Definitions.schema;
import static dev.openprofile.customobjects.Definitions.simple;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.TestServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What ingestion reads of a data source (CurrentMappings.forSource) after definitions made through the API: exactly the
 * current schemas that map the source, never a draft nor a superseded version.
 */
class CurrentMappingsTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static List<CurrentMappings.Current> forSource(String accountId, String sourceId) {
        return server.jdbc().read(c -> CurrentMappings.forSource(c, accountId, sourceId));
    }

    static String activate(Api api, String schemaId) {
        var r = Definitions.patchSchema(api, schemaId, "{'status':'active'}");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return schemaId;
    }

    @Test
    void onlyCurrentSchemasMappingsOfTheSourceAreAnswered() {
        TestServer.Account acct = server.newAccount("co-current-");
        Api api = acct.api();
        String s = Definitions.dataSource(api, "S");
        String t = Definitions.dataSource(api, "T");
        // Type A, a draft mapping S: nothing is current.
        JsonNode a = Definitions.type(api, "A", schema(property(1, "a", "string") + "," + property(2, "b", "int"), "'a'", "draft",
                simple(1, s, "$.a")));
        String typeA = a.get("id").asText();
        String a1 = a.at("/relationships/draft-schema/data/id").asText();
        assertThat(forSource(acct.id(), s)).isEmpty();

        activate(api, a1);
        List<CurrentMappings.Current> now = forSource(acct.id(), s);
        assertThat(now).hasSize(1);
        assertThat(now.getFirst().schemaId()).isEqualTo(a1);
        assertThat(now.getFirst().objectTypeId()).isEqualTo(typeA);
        assertThat(now.getFirst().idPath()).isEqualTo("$.id");
        assertThat(now.getFirst().properties()).containsExactly(new CurrentMappings.Property(1, "a", "string", true),
                new CurrentMappings.Property(2, "b", "int", false));
        assertThat(now.getFirst().propertyMappings()).containsExactly(new CurrentMappings.SimpleMapping(1, "$.id", "$.a"));

        // A new draft of A maps a from T and b from S: while it is a draft, S still feeds A's first version only.
        var a2 = Definitions.newSchema(api, typeA, "A", property(1, "a", "string") + "," + property(2, "b", "int"), "'a'",
                "'source-mapping':{'data':{'type':'source-mapping','attributes':{'property_mappings':[" + simple(1, t, "$.a") + ","
                        + "{'id':2,'type':'simple','source':{'source_id':'" + s + "','id_path':'$.key','data_path':'$.b'}}]}}}");
        assertThat(a2.status()).as(a2.text()).isEqualTo(201);
        String a2Id = a2.data().get("id").asText();
        assertThat(forSource(acct.id(), s)).extracting(CurrentMappings.Current::schemaId).containsExactly(a1);
        assertThat(forSource(acct.id(), s).getFirst().propertyMappings()).containsExactly(new CurrentMappings.SimpleMapping(1, "$.id", "$.a"));
        assertThat(forSource(acct.id(), t)).isEmpty();

        // Type B, active at once, maps S with a constant and a profile relationship.
        JsonNode b = Definitions.type(api, "B", schema(property(1, "n", "string") + "," + property(2, "k", "string"), "", "draft", null));
        String typeB = b.get("id").asText();
        String b1 = b.at("/relationships/draft-schema/data/id").asText();
        assertThat(api.post("create_profile_schema_relationship", "/api/object-schemas/" + b1 + "/relationships/profile-object-schemas",
                json("{'data':[{'type':'profile-object-schema','id':'profile','meta':{'name':'owner'}}]}")).status()).isEqualTo(204);
        String owner = api.get("get_object_schema", "/api/object-schemas/" + b1 + "?include=profile-object-schemas").body()
                .at("/included/0/attributes/meta/relationship_id").asText();
        var mapped = Definitions.patchMapping(api, Definitions.mappingId(api, b1), "{'property_mappings':[" + simple(1, s, "$.n")
                + ",{'id':2,'type':'constant','value':'fixed'}],'relationship_mappings':[{'relationship_id':'" + owner + "','type':'simple',"
                + "'source':{'type':'profile','source_id':'" + s + "','id_path':'$.id','related_id_paths':[{'identifier_type':'email',"
                + "'path':'$.email'}]}}]}");
        assertThat(mapped.status()).as(mapped.text()).isEqualTo(200);
        activate(api, b1);
        now = forSource(acct.id(), s);
        assertThat(now).extracting(CurrentMappings.Current::schemaId).containsExactlyInAnyOrder(a1, b1);
        CurrentMappings.Current currentB = now.stream().filter(x -> x.objectTypeId().equals(typeB)).findFirst().orElseThrow();
        assertThat(currentB.propertyMappings()).containsExactly(new CurrentMappings.SimpleMapping(1, "$.id", "$.n"),
                new CurrentMappings.ConstantMapping(2, Definitions.readTree("'fixed'")));
        assertThat(currentB.relationshipMappings()).containsExactly(new CurrentMappings.RelationshipMapping(owner, "owner", "profile", null,
                "$.id", null, List.of(new CurrentMappings.RelatedIdPath("email", "$.email")), false));

        // A's second version becomes current: S feeds its b (at its own id path), T its a; the first version is gone.
        activate(api, a2Id);
        now = forSource(acct.id(), s);
        assertThat(now).extracting(CurrentMappings.Current::schemaId).containsExactlyInAnyOrder(a2Id, b1);
        CurrentMappings.Current currentA = now.stream().filter(x -> x.objectTypeId().equals(typeA)).findFirst().orElseThrow();
        assertThat(currentA.idPath()).isEqualTo("$.key");
        assertThat(currentA.propertyMappings()).containsExactly(new CurrentMappings.SimpleMapping(2, "$.key", "$.b"));
        assertThat(forSource(acct.id(), t)).extracting(CurrentMappings.Current::schemaId).containsExactly(a2Id);

        // A third draft that maps only T leaves S's answer alone until it is activated.
        var a3 = Definitions.newSchema(api, typeA, "A", property(1, "a", "string") + "," + property(2, "b", "int"), "'a'",
                "'source-mapping':{'data':{'type':'source-mapping','attributes':{'property_mappings':[" + simple(1, t, "$.a") + "]}}}");
        assertThat(a3.status()).as(a3.text()).isEqualTo(201);
        assertThat(forSource(acct.id(), s)).extracting(CurrentMappings.Current::schemaId).containsExactlyInAnyOrder(a2Id, b1);
        activate(api, a3.data().get("id").asText());
        assertThat(forSource(acct.id(), s)).extracting(CurrentMappings.Current::schemaId).containsExactly(b1);

        // A deleted type feeds nothing; another account's source id answers nothing here.
        assertThat(api.delete("delete_object_type", "/api/object-types/" + typeB, null).status()).isEqualTo(204);
        assertThat(forSource(acct.id(), s)).isEmpty();
        assertThat(forSource(server.newAccount("co-current-").id(), t)).isEmpty();
    }
}
