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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Data sources: create with the spec's defaults, unique titles per namespace, pages, and deletes refused while a mapping reads one. */
class DataSourcesTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String body(String attributes) {
        return json("{'data':{'type':'data-source','attributes':" + attributes + "}}");
    }

    @Test
    void aDataSourceTakesTheSpecsDefaultsAndReadsBack() {
        Api api = server.newAccount("co-sources-").api();
        var r = api.post("create_data_source", "/api/data-sources", body("{'title':'Shop'}"));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        JsonNode s = r.data();
        String id = s.get("id").asText();
        assertThat(id).matches("[0-9A-HJKMNP-TV-Z]{26}");
        assertThat(s.get("attributes")).isEqualTo(Definitions.readTree("{'title':'Shop','visibility':'private','description':'',"
                + "'namespace':'custom-objects'}"));
        assertThat(s.at("/links/self").asText()).endsWith("/api/data-sources/" + id + "/");
        assertThat(api.get("get_data_source", "/api/data-sources/" + id).data()).isEqualTo(s);
        var shared = api.post("create_data_source", "/api/data-sources", body("{'title':'Warehouse','visibility':'shared',"
                + "'description':'stock','namespace':'applications/01HZZZZZZZZZZZZZZZZZZZZZZZ'}"));
        assertThat(shared.status()).as(shared.text()).isEqualTo(201);
        assertThat(shared.data().at("/attributes/visibility").asText()).isEqualTo("shared");
        assertThat(shared.data().at("/attributes/namespace").asText()).isEqualTo("applications/01HZZZZZZZZZZZZZZZZZZZZZZZ");
        var sparse = api.get("get_data_source", "/api/data-sources/" + id + "?fields%5Bdata-source%5D=title");
        assertThat(sparse.data().get("attributes")).isEqualTo(Definitions.readTree("{'title':'Shop'}"));
    }

    @Test
    void titlesAreUniqueWithinANamespaceAndBadBodiesAre400() {
        TestServer.Account acct = server.newAccount("co-sources-");
        Api api = acct.api();
        Definitions.dataSource(api, "Shop");
        var again = api.post("create_data_source", "/api/data-sources", body("{'title':'Shop'}"));
        assertThat(again.status()).as(again.text()).isEqualTo(409);
        assertThat(api.post("create_data_source", "/api/data-sources", body("{'title':'Shop','namespace':"
                + "'applications/01HZZZZZZZZZZZZZZZZZZZZZZZ'}")).status()).isEqualTo(201);
        assertError(api.post("create_data_source", "/api/data-sources", body("{}")), 400, "/data/attributes/title");
        assertError(api.post("create_data_source", "/api/data-sources", body("{'title':''}")), 400, "/data/attributes/title");
        assertError(api.post("create_data_source", "/api/data-sources", body("{'title':'" + "x".repeat(256) + "'}")), 400,
                "/data/attributes/title");
        assertError(api.post("create_data_source", "/api/data-sources", body("{'title':'A','visibility':'public'}")), 400,
                "/data/attributes/visibility");
        assertError(api.post("create_data_source", "/api/data-sources", body("{'title':'A','namespace':'elsewhere'}")), 400,
                "/data/attributes/namespace");
        assertThat(server.queryInt("select count(*) from data_source where account_id = '" + acct.id() + "'")).isEqualTo(2);
        assertThat(api.get("get_data_source", "/api/data-sources/01HZZZZZZZZZZZZZZZZZZZZZZZ").status()).isEqualTo(404);
        assertThat(api.delete("delete_data_source", "/api/data-sources/01HZZZZZZZZZZZZZZZZZZZZZZZ", null).status()).isEqualTo(404);
    }

    @Test
    void theCollectionPagesInCreationOrder() {
        Api api = server.newAccount("co-sources-").api();
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 5; i++) made.add(Definitions.dataSource(api, "S" + i));
        List<String> seen = new ArrayList<>();
        String next = "/api/data-sources?page%5Bsize%5D=2";
        while (next != null) {
            var page = api.get("get_data_sources", next);
            assertThat(page.data().size()).isLessThanOrEqualTo(2);
            page.data().forEach(d -> seen.add(d.get("id").asText()));
            JsonNode link = page.body().at("/links/next");
            next = link.isNull() || link.isMissingNode() ? null : link.asText().substring(link.asText().indexOf("/api/"));
        }
        assertThat(seen).containsExactlyElementsOf(made);
        var tooMany = api.get("get_data_sources", "/api/data-sources?page%5Bsize%5D=101");
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.error().at("/source/parameter").asText()).isEqualTo("page[size]");
    }

    @Test
    void aDataSourceReadByADraftOrCurrentMappingCannotBeDeleted() {
        Api api = server.newAccount("co-sources-").api();
        String source = Definitions.dataSource(api, "Src");
        String other = Definitions.dataSource(api, "Other");
        JsonNode t = Definitions.type(api, "Pet", schema(property(1, "n", "string"), "", "draft", simple(1, source, "$.n")));
        String draft = t.at("/relationships/draft-schema/data/id").asText();
        var refused = api.delete("delete_data_source", "/api/data-sources/" + source, null);
        assertThat(refused.status()).as(refused.text()).isEqualTo(409);
        assertThat(refused.error().get("detail").asText()).contains(Definitions.mappingId(api, draft));
        // Current now: still refused.
        assertThat(Definitions.patchSchema(api, draft, "{'status':'active'}").status()).isEqualTo(200);
        assertThat(api.delete("delete_data_source", "/api/data-sources/" + source, null).status()).isEqualTo(409);
        // A new version maps the other source (and the draft its copy of the mapping until then): once it is current, the
        // superseded version's mapping no longer holds the first source.
        var v2 = Definitions.newSchema(api, t.get("id").asText(), "Pet", property(1, "n", "string"), "", "'status':'active',"
                + "'source-mapping':{'data':{'type':'source-mapping','attributes':{'property_mappings':[" + simple(1, other, "$.n") + "]}}}");
        assertThat(v2.status()).as(v2.text()).isEqualTo(201);
        assertThat(api.delete("delete_data_source", "/api/data-sources/" + source, null).status()).isEqualTo(204);
        assertThat(api.get("get_data_source", "/api/data-sources/" + source).status()).isEqualTo(404);
        assertThat(api.delete("delete_data_source", "/api/data-sources/" + other, null).status()).isEqualTo(409);
    }
}
