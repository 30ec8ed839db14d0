package dev.openprofile.customobjects;

import static dev.openprofile.customobjects.Definitions.assertError;
import static dev.openprofile.customobjects.Definitions.json;
import static dev.openprofile.customobjects.Definitions.property;
import static dev.openprofile.customobjects.Definitions.schema;
import static dev.openprofile.customobjects.Definitions.simple;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.MutableClock;
import dev.openprofile.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Object types: create (with or without an embedded schema), reads with includes and sparse fields, lockstep titles, delete. */
class ObjectTypesTest {
    static final MutableClock clock = new MutableClock(Instant.parse("2026-10-01T12:00:00Z"));
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(clock);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static TestServer.Account account() {
        return server.newAccount("co-types-");
    }

    @Test
    void aTypeWithoutSchemaIsADraftWithAnEmptySchemaAndAnEmptyMapping() {
        Api api = account().api();
        JsonNode t = Definitions.type(api, "Pet", null);
        String id = t.get("id").asText();
        assertThat(id).matches("[0-9A-HJKMNP-TV-Z]{26}");
        JsonNode a = t.get("attributes");
        assertThat(a.get("title").asText()).isEqualTo("Pet");
        assertThat(a.get("description").asText()).isEmpty();
        assertThat(a.get("status").asText()).isEqualTo("draft");
        assertThat(a.get("namespace").asText()).isEqualTo("custom-objects");
        assertThat(a.get("created_at").asText()).isEqualTo("2026-10-01T12:00:00+00:00");
        assertThat(t.at("/relationships/current-schema/data").isMissingNode()).isTrue();
        String draftId = t.at("/relationships/draft-schema/data/id").asText();
        assertThat(t.at("/links/self").asText()).endsWith("/api/object-types/" + id + "/");

        JsonNode draft = api.get("get_draft_schema_for_object_type", "/api/object-types/" + id + "/draft-schema").data();
        assertThat(draft.get("id").asText()).isEqualTo(draftId);
        assertThat(draft.at("/attributes/status").asText()).isEqualTo("draft");
        assertThat(draft.at("/attributes/title").asText()).isEqualTo("Pet");
        assertThat(draft.at("/attributes/properties")).isEmpty();
        assertThat(draft.at("/attributes/published_at").isNull()).isTrue();
        assertThat(draft.at("/attributes/visibility").asText()).isEqualTo("private");
        JsonNode mapping = api.get("get_source_mapping_for_object_schema", "/api/object-schemas/" + draftId + "/source-mapping").data();
        assertThat(mapping.at("/attributes/property_mappings")).isEmpty();
        assertThat(mapping.at("/attributes/relationship_mappings")).isEmpty();
        assertThat(api.get("get_source_mapping_id_for_object_schema", "/api/object-schemas/" + draftId + "/relationships/source-mapping")
                .data().get("id").asText()).isEqualTo(mapping.get("id").asText());
        // No current schema: data null (the spec's response allows it); no versions yet.
        var current = api.get("get_current_schema_for_object_type", "/api/object-types/" + id + "/current-schema");
        assertThat(current.status()).isEqualTo(200);
        assertThat(current.data().isNull()).isTrue();
        assertThat(api.get("get_current_schema_id_for_object_type", "/api/object-types/" + id + "/relationships/current-schema")
                .data().isNull()).isTrue();
        assertThat(api.get("get_schema_versions_for_object_type", "/api/object-types/" + id + "/schema-versions").data()).isEmpty();
        assertThat(api.get("get_draft_schema_id_for_object_type", "/api/object-types/" + id + "/relationships/draft-schema")
                .data().get("id").asText()).isEqualTo(draftId);
    }

    @Test
    void anEmbeddedActiveSchemaIsCurrentAtOnceWithItsMapping() {
        Api api = account().api();
        String source = Definitions.dataSource(api, "Shop");
        JsonNode t = Definitions.type(api, "Order", schema(property(1, "total", "float") + "," + property(2, "sku", "string"),
                "'total'", "active", simple(1, source, "$.total")));
        String id = t.get("id").asText();
        assertThat(t.at("/attributes/status").asText()).isEqualTo("active");
        String current = t.at("/relationships/current-schema/data/id").asText();
        assertThat(t.at("/relationships/draft-schema/data").isMissingNode()).isTrue();
        JsonNode s = api.get("get_current_schema_for_object_type", "/api/object-types/" + id + "/current-schema").data();
        assertThat(s.get("id").asText()).isEqualTo(current);
        assertThat(s.at("/attributes/status").asText()).isEqualTo("active");
        assertThat(s.at("/attributes/published_at").asText()).isEqualTo("2026-10-01T12:00:00+00:00");
        assertThat(s.at("/attributes/properties/0")).isEqualTo(Definitions.readTree("{'id':1,'name':'total','type':'float','description':''}"));
        assertThat(s.at("/attributes/required/0").asText()).isEqualTo("total");
        assertThat(api.get("get_schema_version_ids_for_object_type", "/api/object-types/" + id + "/relationships/schema-versions")
                .data().get(0).get("id").asText()).isEqualTo(current);
        JsonNode m = api.get("get_source_mapping_for_object_schema", "/api/object-schemas/" + current + "/source-mapping").data();
        assertThat(m.at("/attributes/property_mappings/0/source/source_id").asText()).isEqualTo(source);
        assertThat(server.queryInt("select count(*) from source_mapping_source where data_source_id = '" + source + "'")).isEqualTo(1);
    }

    @Test
    void createRefusesBadBodiesWithPointersAndStoresNothing() {
        TestServer.Account acct = account();
        Api api = acct.api();
        assertError(api.post("create_object_type", "/api/object-types", json("{'data':{'type':'object-type','attributes':{}}}")),
                400, "/data/attributes/title");
        assertError(api.post("create_object_type", "/api/object-types", json("{'data':{'type':'object-type','attributes':{'title':' '}}}")),
                400, "/data/attributes/title");
        assertError(api.post("create_object_type", "/api/object-types", json("{'data':{'type':'object-type','attributes':{'title':'X',"
                + "'namespace':'mine'}}}")), 400, "/data/attributes/namespace");
        assertError(api.post("create_object_type", "/api/object-types", json("{'data':{'type':'object-type','attributes':{'title':'X',"
                + "'visibility':'public'}}}")), 400, "/data/attributes/visibility");
        String base = "/data/attributes/object-schema/data/attributes";
        assertError(api.post("create_object_type", "/api/object-types", Definitions.typeBody("X",
                schema(property(1, "a", "string") + "," + property(1, "b", "int"), "", "draft", null))), 400, base + "/properties/1/id");
        assertError(api.post("create_object_type", "/api/object-types", Definitions.typeBody("X",
                schema(property(1, "a", "string") + "," + property(2, "a", "int"), "", "draft", null))), 400, base + "/properties/1/name");
        assertError(api.post("create_object_type", "/api/object-types", Definitions.typeBody("X",
                schema(property(0, "a", "string"), "", "draft", null))), 400, base + "/properties/0/id");
        assertError(api.post("create_object_type", "/api/object-types", Definitions.typeBody("X",
                schema(property(1, "a", "decimal"), "", "draft", null))), 400, base + "/properties/0/type");
        assertError(api.post("create_object_type", "/api/object-types", Definitions.typeBody("X",
                schema(property(1, "a", "string"), "'b'", "draft", null))), 400, base + "/required/0");
        // Active with a required property no mapping feeds: nothing stored either.
        assertError(api.post("create_object_type", "/api/object-types", Definitions.typeBody("X",
                schema(property(1, "a", "string"), "'a'", "active", ""))), 400, base + "/required");
        assertThat(server.queryInt("select count(*) from object_type where account_id = '" + acct.id() + "'")).isZero();
        assertThat(server.queryInt("select count(*) from object_schema where account_id = '" + acct.id() + "'")).isZero();
    }

    @Test
    void theTypeListFiltersByNamespaceAndIncludesSchemas() {
        Api api = account().api();
        String a = Definitions.type(api, "A", null).get("id").asText();
        clock.advance(Duration.ofSeconds(1));
        String app = "applications/01HZZZZZZZZZZZZZZZZZZZZZZZ";
        var b = api.post("create_object_type", "/api/object-types", json("{'data':{'type':'object-type','attributes':{'title':'B',"
                + "'namespace':'" + app + "','description':'bee'}}}"));
        assertThat(b.status()).as(b.text()).isEqualTo(201);
        var all = api.get("get_object_types", "/api/object-types");
        assertThat(ids(all.data())).containsExactly(a, b.data().get("id").asText());
        var mine = api.get("get_object_types", "/api/object-types?filter=" + Definitions.q("equals(namespace,'" + app + "')")
                + "&include=draft-schema");
        assertThat(ids(mine.data())).containsExactly(b.data().get("id").asText());
        assertThat(mine.body().get("included")).hasSize(1);
        assertThat(mine.body().at("/included/0/id").asText()).isEqualTo(b.data().at("/relationships/draft-schema/data/id").asText());
        assertThat(mine.body().at("/included/0/attributes/description").asText()).isEqualTo("bee");
        var sparse = api.get("get_object_types", "/api/object-types?fields%5Bobject-type%5D=title,status");
        assertThat(sparse.data().get(0).get("attributes").size()).isEqualTo(2);
        assertThat(sparse.data().get(0).at("/attributes/status").asText()).isEqualTo("draft");
    }

    @Test
    void theTypeTitleMovesInLockstepWithItsNewestSchema() {
        Api api = account().api();
        JsonNode t = Definitions.type(api, "Car", null);
        String id = t.get("id").asText();
        String draft = t.at("/relationships/draft-schema/data/id").asText();
        clock.advance(Duration.ofMinutes(1));
        var r = Definitions.patchSchema(api, draft, "{'title':'Vehicle','description':'wheels'}");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        JsonNode after = Definitions.getType(api, id);
        assertThat(after.at("/attributes/title").asText()).isEqualTo("Vehicle");
        assertThat(after.at("/attributes/description").asText()).isEqualTo("wheels");
        assertThat(after.at("/attributes/updated_at").asText()).isNotEqualTo(after.at("/attributes/created_at").asText());
        // A new draft of an active type names the type's title too.
        assertThat(Definitions.patchSchema(api, draft, "{'status':'active'}").status()).isEqualTo(200);
        var v2 = Definitions.newSchema(api, id, "Automobile", "", "", null);
        assertThat(v2.status()).as(v2.text()).isEqualTo(201);
        assertThat(Definitions.getType(api, id).at("/attributes/title").asText()).isEqualTo("Automobile");
        assertThat(Definitions.getType(api, id).at("/attributes/description").asText()).isEqualTo("wheels");
        // A schema created without a type makes one with its title.
        var alone = Definitions.newSchema(api, null, "Boat", property(1, "name", "string"), "", "'description':'floats'");
        assertThat(alone.status()).as(alone.text()).isEqualTo(201);
        JsonNode types = api.get("get_object_types", "/api/object-types?include=draft-schema").body();
        JsonNode boat = null;
        for (JsonNode x : types.get("data")) if (x.at("/attributes/title").asText().equals("Boat")) boat = x;
        assertThat(boat).isNotNull();
        assertThat(boat.at("/attributes/description").asText()).isEqualTo("floats");
        assertThat(boat.at("/relationships/draft-schema/data/id").asText()).isEqualTo(alone.data().get("id").asText());
    }

    @Test
    void getObjectTypeIncludesSchemasVersionsAndRelationships() {
        Api api = account().api();
        JsonNode other = Definitions.type(api, "Owner", schema(property(1, "n", "string"), "", "active", null));
        String otherSchema = other.at("/relationships/current-schema/data/id").asText();
        JsonNode t = Definitions.type(api, "Pet", schema(property(1, "n", "string"), "", "draft", null));
        String id = t.get("id").asText();
        String draft = t.at("/relationships/draft-schema/data/id").asText();
        String rels = "/api/object-schemas/" + draft + "/relationships/";
        assertThat(api.post("create_object_schema_relationship", rels + "object-schemas", json("{'data':[{'type':'object-schema','id':'"
                + otherSchema + "','meta':{'name':'owner','description':'who'}}]}")).status()).isEqualTo(204);
        assertThat(api.post("create_profile_schema_relationship", rels + "profile-object-schemas", json("{'data':[{'type':"
                + "'profile-object-schema','id':'profile','meta':{'name':'vet'}}]}")).status()).isEqualTo(204);
        // From the draft while there is no current schema.
        assertThat(api.get("get_object_type_relationships", "/api/object-types/" + id + "/relationships/object-types").data().get(0)
                .get("id").asText()).isEqualTo(other.get("id").asText() + ":::owner");
        assertThat(api.get("get_profile_type_relationships", "/api/object-types/" + id + "/relationships/profile-object-types").data()
                .get(0).get("id").asText()).isEqualTo("profile:::vet");
        assertThat(Definitions.patchSchema(api, draft, "{'status':'active'}").status()).isEqualTo(200);
        var v2 = Definitions.newSchema(api, id, "Pet", property(1, "n", "string") + "," + property(2, "m", "int"), "", null);
        assertThat(v2.status()).as(v2.text()).isEqualTo(201);
        var r = api.get("get_object_type", "/api/object-types/" + id + "?include=current-schema,draft-schema,schema-versions,"
                + "object-types,profile-object-types");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        List<String> included = new ArrayList<>();
        r.body().get("included").forEach(x -> included.add(x.get("type").asText() + "/" + x.get("id").asText()));
        assertThat(included).containsExactlyInAnyOrder("object-schema/" + draft, "object-schema/" + v2.data().get("id").asText(),
                "object-type/" + other.get("id").asText() + ":::owner", "profile-object-type/profile:::vet");
        JsonNode relationship = null;
        for (JsonNode x : r.body().get("included")) if (x.get("type").asText().equals("object-type")) relationship = x;
        assertThat(relationship.at("/attributes/meta/name").asText()).isEqualTo("owner");
        assertThat(relationship.at("/attributes/meta/description").asText()).isEqualTo("who");
        assertThat(r.data().at("/relationships/schema-versions/data/0/id").asText()).isEqualTo(draft);
        assertThat(r.data().at("/relationships/profile-object-types/data/0/id").asText()).isEqualTo("profile:::vet");
        // Sparse fields of a schema (the validator cannot relax the included variants, so on the schema read).
        JsonNode sparse = api.get("get_current_schema_for_object_type", "/api/object-types/" + id
                + "/current-schema?fields%5Bobject-schema%5D=title,status").data();
        assertThat(sparse.get("attributes").size()).isEqualTo(2);
        assertThat(sparse.at("/attributes/status").asText()).isEqualTo("active");
    }

    @Test
    void unknownIdsAre404() {
        Api api = account().api();
        String none = "01HZZZZZZZZZZZZZZZZZZZZZZZ";
        for (String[] op : new String[][] {{"get_object_type", ""}, {"get_current_schema_for_object_type", "/current-schema"},
                {"get_draft_schema_id_for_object_type", "/relationships/draft-schema"}, {"get_schema_versions_for_object_type", "/schema-versions"},
                {"get_object_type_relationships", "/relationships/object-types"}}) {
            var r = api.get(op[0], "/api/object-types/" + none + op[1]);
            assertThat(r.status()).as(op[0]).isEqualTo(404);
            assertThat(r.error().at("/source/parameter").asText()).isEqualTo("id");
        }
        assertThat(api.delete("delete_object_type", "/api/object-types/" + none, null).status()).isEqualTo(404);
        assertThat(api.get("get_object_schema", "/api/object-schemas/" + none).status()).isEqualTo(404);
        assertThat(api.get("get_source_mapping", "/api/source-mappings/" + none).status()).isEqualTo(404);
        // Another account's type is as unknown.
        String theirs = Definitions.type(account().api(), "Theirs", null).get("id").asText();
        assertThat(api.get("get_object_type", "/api/object-types/" + theirs).status()).isEqualTo(404);
    }

    @Test
    void deletingATypeRemovesItsSchemasMappingsAndRelationshipsAndOthersRelationshipsToIt() {
        TestServer.Account acct = account();
        Api api = acct.api();
        String source = Definitions.dataSource(api, "Src");
        JsonNode doomed = Definitions.type(api, "Doomed", schema(property(1, "n", "string"), "", "active", simple(1, source, "$.n")));
        String doomedSchema = doomed.at("/relationships/current-schema/data/id").asText();
        JsonNode keeper = Definitions.type(api, "Keeper", schema(property(1, "n", "string"), "", "draft", null));
        String keeperDraft = keeper.at("/relationships/draft-schema/data/id").asText();
        assertThat(api.post("create_object_schema_relationship", "/api/object-schemas/" + keeperDraft + "/relationships/object-schemas",
                json("{'data':[{'type':'object-schema','id':'" + doomedSchema + "','meta':{'name':'doomed'}}]}")).status()).isEqualTo(204);
        String relationshipId = api.get("get_object_schema", "/api/object-schemas/" + keeperDraft + "?include=object-schemas")
                .body().at("/included/0/attributes/meta/relationship_id").asText();
        var mapped = Definitions.patchMapping(api, Definitions.mappingId(api, keeperDraft), "{'relationship_mappings':[{'relationship_id':'"
                + relationshipId + "','type':'simple','source':{'type':'custom-object','source_id':'" + source + "','id_path':'$.id',"
                + "'related_id_path':'$.doomed'}}]}");
        assertThat(mapped.status()).as(mapped.text()).isEqualTo(200);

        assertThat(api.delete("delete_object_type", "/api/object-types/" + doomed.get("id").asText(), null).status()).isEqualTo(204);
        assertThat(api.get("get_object_type", "/api/object-types/" + doomed.get("id").asText()).status()).isEqualTo(404);
        assertThat(api.get("get_object_schema", "/api/object-schemas/" + doomedSchema).status()).isEqualTo(404);
        String account = "account_id = '" + acct.id() + "'";
        assertThat(server.queryInt("select count(*) from object_schema where " + account + " and object_type_id = '"
                + doomed.get("id").asText() + "'")).isZero();
        assertThat(server.queryInt("select count(*) from object_schema_relationship where " + account)).isZero();
        assertThat(server.queryInt("select count(*) from source_mapping where " + account)).isEqualTo(1);
        // The keeper's mapping of the relationship went with it; the source is free to go.
        assertThat(api.get("get_source_mapping", "/api/source-mappings/" + Definitions.mappingId(api, keeperDraft)).data()
                .at("/attributes/relationship_mappings")).isEmpty();
        assertThat(api.delete("delete_data_source", "/api/data-sources/" + source, null).status()).isEqualTo(204);
    }

    static List<String> ids(JsonNode data) {
        List<String> out = new ArrayList<>();
        data.forEach(d -> out.add(d.get("id").asText()));
        return out;
    }
}
