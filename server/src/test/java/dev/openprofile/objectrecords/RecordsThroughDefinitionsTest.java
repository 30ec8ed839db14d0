package dev.openprofile.objectrecords;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openprofile.testing.Api;
import dev.openprofile.testing.TestServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Records through definitions made by the definitions API: records wait for a current schema, the activation's
 * callback backfills them, and deleting the object type takes its records along.
 */
class RecordsThroughDefinitionsTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    @Test
    void anActivationThroughTheApiBackfillsTheWaitingRecords() {
        TestServer.Account account = server.newAccount("co-e2e-");
        Api api = account.api();
        var source = api.post("create_data_source", "/api/data-sources", json("{'data':{'type':'data-source','attributes':{'title':'E2E'}}}"));
        assertThat(source.status()).as(source.text()).isEqualTo(201);
        String sourceId = source.data().get("id").asText();
        var type = api.post("create_object_type", "/api/object-types", json("{'data':{'type':'object-type','attributes':{'title':'Pet',"
                + "'object-schema':{'data':{'type':'object-schema','attributes':{'properties':[{'id':1,'name':'name','type':'string'},"
                + "{'id':2,'name':'age','type':'int'}],'required':['name'],'status':'draft','source-mapping':{'data':{'type':"
                + "'source-mapping','attributes':{'property_mappings':[{'id':1,'type':'simple','source':{'source_id':'" + sourceId
                + "','id_path':'$.id','data_path':'$.name'}},{'id':2,'type':'simple','source':{'source_id':'" + sourceId
                + "','id_path':'$.id','data_path':'$.age'}}]}}}}}}}}}"));
        assertThat(type.status()).as(type.text()).isEqualTo(201);
        String typeId = type.data().get("id").asText();
        String draft = api.get("get_draft_schema_id_for_object_type", "/api/object-types/" + typeId + "/relationships/draft-schema")
                .data().get("id").asText();
        assertThat(Ingest.one(api, sourceId, "{\"id\":\"p1\",\"name\":\"Rex\",\"age\":3}").status()).isEqualTo(204);
        assertThat(Ingest.many(api, sourceId, List.of("{\"id\":\"p2\",\"name\":\"Tom\"}", "{\"id\":\"p3\",\"age\":\"old\"}"))
                .status()).isEqualTo(204);
        server.awaitJobs();
        assertThat(Ingest.record(api, typeId, "p1").status()).isEqualTo(404);
        assertThat(server.queryInt("select count(*) from pending_data_source_record where account_id = '" + account.id() + "'"))
                .isEqualTo(3);

        var activated = api.patch("update_object_schema", "/api/object-schemas/" + draft,
                json("{'data':{'type':'object-schema','id':'" + draft + "','attributes':{'status':'active'}}}"));
        assertThat(activated.status()).as(activated.text()).isEqualTo(200);
        server.awaitJobs();
        assertThat(Ingest.properties(api, typeId, "p1").get("age").asInt()).isEqualTo(3);
        assertThat(Ingest.properties(api, typeId, "p2").get("name").asText()).isEqualTo("Tom");
        var logs = Ingest.logs(api, typeId, "?include=object-type");
        assertThat(logs.data()).hasSize(1);
        assertThat(logs.data().get(0).at("/attributes/errors").findValuesAsText("code")).containsExactlyInAnyOrder("missing", "int_type");
        assertThat(logs.body().at("/included/0/attributes/status").asText()).isEqualTo("active");
        assertThat(server.queryInt("select count(*) from pending_data_source_record where account_id = '" + account.id() + "'")).isZero();
        // Now current: a record is ingested at once.
        assertThat(Ingest.one(api, sourceId, "{\"id\":\"p4\",\"name\":\"Kit\"}").status()).isEqualTo(204);
        assertThat(Ingest.properties(api, typeId, "p4").get("name").asText()).isEqualTo("Kit");

        assertThat(api.delete("delete_object_type", "/api/object-types/" + typeId, null).status()).isEqualTo(204);
        assertThat(server.queryInt("select count(*) from object_record where account_id = '" + account.id() + "'")).isZero();
        assertThat(server.queryInt("select count(*) from object_ingestion_log where account_id = '" + account.id() + "'")).isZero();
        // With no current schema left, records wait again; deleting the source drops them.
        assertThat(Ingest.one(api, sourceId, "{\"id\":\"p5\"}").status()).isEqualTo(204);
        assertThat(api.delete("delete_data_source", "/api/data-sources/" + sourceId, null).status()).isEqualTo(204);
        assertThat(server.queryInt("select count(*) from pending_data_source_record where account_id = '" + account.id() + "'")).isZero();
    }
}
