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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A schema's life: drafts, the rules of activation, versions, and what a published schema refuses. */
class SchemaActivationTest {
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

    /** A type whose current schema has name (string, required, mapped) and age (int). */
    record Active(Api api, String accountId, String source, String typeId, String currentId) {}

    static Active active() {
        TestServer.Account acct = server.newAccount("co-activation-");
        Api api = acct.api();
        String source = Definitions.dataSource(api, "Src");
        JsonNode t = Definitions.type(api, "Pet", schema(property(1, "name", "string") + "," + property(2, "age", "int"), "'name'",
                "active", simple(1, source, "$.name")));
        return new Active(api, acct.id(), source, t.get("id").asText(), t.at("/relationships/current-schema/data/id").asText());
    }

    @Test
    void aNewVersionSupersedesTheCurrentOneAndVersionsListNewestFirst() {
        Active a = active();
        clock.advance(Duration.ofMinutes(5));
        var draft = Definitions.newSchema(a.api(), a.typeId(), "Pet", property(1, "name", "string") + "," + property(2, "age", "int")
                + "," + property(3, "color", "string"), "'name'", null);
        assertThat(draft.status()).as(draft.text()).isEqualTo(201);
        String draftId = draft.data().get("id").asText();
        assertThat(draft.data().at("/attributes/status").asText()).isEqualTo("draft");
        // The draft starts with a copy of the current mapping (its own mapping, the same lists).
        JsonNode copied = a.api().get("get_source_mapping_for_object_schema", "/api/object-schemas/" + draftId + "/source-mapping").data();
        assertThat(copied.get("id").asText()).isNotEqualTo(Definitions.mappingId(a.api(), a.currentId()));
        assertThat(copied.at("/attributes/property_mappings/0/source/data_path").asText()).isEqualTo("$.name");
        // One draft at a time.
        var second = Definitions.newSchema(a.api(), a.typeId(), "Pet", property(1, "name", "string"), "", null);
        assertError(second, 409, "/data/relationships/object-type/data/id");

        var activated = Definitions.patchSchema(a.api(), draftId, "{'status':'active'}");
        assertThat(activated.status()).as(activated.text()).isEqualTo(200);
        assertThat(activated.data().at("/attributes/status").asText()).isEqualTo("active");
        assertThat(activated.data().at("/attributes/published_at").asText()).isEqualTo("2026-10-01T12:05:00+00:00");
        JsonNode t = Definitions.getType(a.api(), a.typeId());
        assertThat(t.at("/relationships/current-schema/data/id").asText()).isEqualTo(draftId);
        assertThat(t.at("/relationships/draft-schema/data").isMissingNode()).isTrue();
        assertThat(t.at("/attributes/updated_at").asText()).isEqualTo("2026-10-01T12:05:00+00:00");
        var versions = a.api().get("get_schema_versions_for_object_type", "/api/object-types/" + a.typeId() + "/schema-versions").data();
        assertThat(versions).hasSize(2);
        assertThat(versions.get(0).get("id").asText()).isEqualTo(draftId);
        assertThat(versions.get(1).get("id").asText()).isEqualTo(a.currentId());
        // The superseded version shows active with its own published_at (the spec has no word for superseded).
        assertThat(versions.get(1).at("/attributes/status").asText()).isEqualTo("active");
        assertThat(versions.get(1).at("/attributes/published_at").asText()).isEqualTo("2026-10-01T12:00:00+00:00");
        assertThat(server.queryInt("select count(*) from object_schema where id = '" + a.currentId() + "' and status = 'superseded'")).isEqualTo(1);
    }

    @Test
    void aNewVersionCannotDropOrChangeAPropertyNorRequireANewOne() {
        Active a = active();
        String draft = Definitions.newSchema(a.api(), a.typeId(), "Pet", property(1, "name", "string") + "," + property(2, "age", "int"),
                "'name'", null).data().get("id").asText();
        // A required property cannot go while the required list names it.
        assertError(Definitions.patchSchema(a.api(), draft, "{'properties':[" + property(2, "age", "int") + "]}"), 400,
                "/data/attributes/properties");
        // Dropped age.
        assertThat(Definitions.patchSchema(a.api(), draft, "{'properties':[" + property(1, "name", "string") + "]}").status()).isEqualTo(200);
        assertError(Definitions.patchSchema(a.api(), draft, "{'status':'active'}"), 400, "/data/attributes/properties");
        // age changed type.
        assertThat(Definitions.patchSchema(a.api(), draft, "{'properties':[" + property(1, "name", "string") + "," + property(2, "age", "float")
                + "]}").status()).isEqualTo(200);
        assertError(Definitions.patchSchema(a.api(), draft, "{'status':'active'}"), 400, "/data/attributes/properties");
        // age kept, but now required (records already ingested may lack it), with a mapping for it.
        assertThat(Definitions.patchSchema(a.api(), draft, "{'properties':[" + property(1, "name", "string") + "," + property(2, "age", "int")
                + "],'required':['name','age']}").status()).isEqualTo(200);
        assertThat(Definitions.patchMapping(a.api(), Definitions.mappingId(a.api(), draft), "{'property_mappings':[" + simple(1, a.source(), "$.name")
                + "," + simple(2, a.source(), "$.age") + "]}").status()).isEqualTo(200);
        assertError(Definitions.patchSchema(a.api(), draft, "{'status':'active'}"), 400, "/data/attributes/required");
        // A new required property is refused as well; the same in one body that changes and activates: nothing stored.
        assertError(Definitions.patchSchema(a.api(), draft, "{'properties':[" + property(1, "name", "string") + "," + property(2, "age", "int")
                + "," + property(3, "tag", "string") + "],'required':['name','tag'],'status':'active'}"), 400, "/data/attributes/required");
        assertThat(Definitions.getSchema(a.api(), draft).at("/attributes/properties")).hasSize(2);
        assertThat(Definitions.getType(a.api(), a.typeId()).at("/relationships/current-schema/data/id").asText()).isEqualTo(a.currentId());
        // Adding a non-required property activates.
        var ok = Definitions.patchSchema(a.api(), draft, "{'properties':[" + property(1, "name", "string") + "," + property(2, "age", "int")
                + "," + property(3, "tag", "string") + "],'required':['name'],'status':'active'}");
        assertThat(ok.status()).as(ok.text()).isEqualTo(200);
        assertThat(ok.data().at("/attributes/status").asText()).isEqualTo("active");
    }

    @Test
    void activationNeedsAMappingForEveryRequiredPropertyAndOnlyMappingsOfProperties() {
        Api api = server.newAccount("co-activation-").api();
        String source = Definitions.dataSource(api, "Src");
        JsonNode t = Definitions.type(api, "Thing", schema(property(1, "a", "string") + "," + property(2, "b", "string"), "'b'", "draft",
                simple(1, source, "$.a")));
        String draft = t.at("/relationships/draft-schema/data/id").asText();
        assertError(Definitions.patchSchema(api, draft, "{'status':'active'}"), 400, "/data/attributes/required");
        String mapping = Definitions.mappingId(api, draft);
        assertThat(Definitions.patchMapping(api, mapping, "{'property_mappings':[" + simple(1, source, "$.a") + "," + simple(2, source, "$.b")
                + "]}").status()).isEqualTo(200);
        // The draft drops property 1, which its mapping still names: a draft may be so, activation names the fault.
        assertThat(Definitions.patchSchema(api, draft, "{'properties':[" + property(2, "b", "string") + "]}").status()).isEqualTo(200);
        var refused = Definitions.patchSchema(api, draft, "{'status':'active'}");
        assertError(refused, 400, "/data/attributes/properties");
        assertThat(refused.error().get("detail").asText()).contains("maps property id 1");
        // A mapping update is held to the draft's properties at once.
        assertError(Definitions.patchMapping(api, mapping, "{'property_mappings':[" + simple(1, source, "$.a") + "]}"), 400,
                "/data/attributes/property_mappings/0/id");
        assertThat(Definitions.patchMapping(api, mapping, "{'property_mappings':[" + simple(2, source, "$.b") + "]}").status()).isEqualTo(200);
        assertThat(Definitions.getType(api, t.get("id").asText()).at("/attributes/status").asText()).isEqualTo("draft");
        var ok = Definitions.patchSchema(api, draft, "{'status':'active'}");
        assertThat(ok.status()).as(ok.text()).isEqualTo(200);
        assertThat(Definitions.getType(api, t.get("id").asText()).at("/attributes/status").asText()).isEqualTo("active");
    }

    @Test
    void aPublishedSchemaRefusesChangesButAnswersABodyThatChangesNothing() {
        Active a = active();
        assertError(Definitions.patchSchema(a.api(), a.currentId(), "{'title':'Other'}"), 400, "/data/attributes");
        assertError(Definitions.patchSchema(a.api(), a.currentId(), "{'status':'draft'}"), 400, "/data/attributes");
        assertError(Definitions.patchSchema(a.api(), a.currentId(), "{'properties':[" + property(1, "name", "string") + "]}"), 400,
                "/data/attributes");
        var same = Definitions.patchSchema(a.api(), a.currentId(), "{'title':'Pet','status':'active'}");
        assertThat(same.status()).as(same.text()).isEqualTo(200);
        assertThat(same.data().at("/attributes/title").asText()).isEqualTo("Pet");
        // Its mapping and relationships are as fixed.
        assertError(Definitions.patchMapping(a.api(), Definitions.mappingId(a.api(), a.currentId()), "{'property_mappings':[]}"), 400,
                "/data/attributes");
        assertThat(Definitions.patchMapping(a.api(), Definitions.mappingId(a.api(), a.currentId()), "{'property_mappings':["
                + simple(1, a.source(), "$.name") + "]}").status()).isEqualTo(200);
        assertError(a.api().post("create_profile_schema_relationship", "/api/object-schemas/" + a.currentId()
                + "/relationships/profile-object-schemas", json("{'data':[{'type':'profile-object-schema','id':'profile','meta':{'name':'o'}}]}")),
                400, "/data");
        // Mismatched ids and unknown schemas.
        var mismatch = a.api().patch("update_object_schema", "/api/object-schemas/" + a.currentId(), json("{'data':{'type':'object-schema',"
                + "'id':'01HZZZZZZZZZZZZZZZZZZZZZZZ','attributes':{}}}"));
        assertError(mismatch, 409, "/data/id");
        String none = "01HZZZZZZZZZZZZZZZZZZZZZZZ";
        assertThat(Definitions.patchSchema(a.api(), none, "{'title':'x'}").status()).isEqualTo(404);
        assertError(Definitions.newSchema(a.api(), none, "X", "", "", null), 404, "/data/relationships/object-type/data/id");
    }

    @Test
    void aNewDraftKeepsTheCurrentRelationshipsWithTheirIds() {
        Active a = active();
        String v2 = Definitions.newSchema(a.api(), a.typeId(), "Pet", property(1, "name", "string") + "," + property(2, "age", "int"),
                "'name'", null).data().get("id").asText();
        assertThat(a.api().post("create_profile_schema_relationship", "/api/object-schemas/" + v2 + "/relationships/profile-object-schemas",
                json("{'data':[{'type':'profile-object-schema','id':'profile','meta':{'name':'owner'}}]}")).status()).isEqualTo(204);
        String relationshipId = a.api().get("get_object_schema", "/api/object-schemas/" + v2 + "?include=profile-object-schemas").body()
                .at("/included/0/attributes/meta/relationship_id").asText();
        assertThat(Definitions.patchSchema(a.api(), v2, "{'status':'active'}").status()).isEqualTo(200);
        var v3 = Definitions.newSchema(a.api(), a.typeId(), "Pet", property(1, "name", "string") + "," + property(2, "age", "int"),
                "'name'", null);
        var included = a.api().get("get_object_schema", "/api/object-schemas/" + v3.data().get("id").asText()
                + "?include=profile-object-schemas").body();
        assertThat(included.at("/included/0/attributes/meta/relationship_id").asText()).isEqualTo(relationshipId);
        assertThat(included.at("/included/0/id").asText()).isEqualTo("profile:::owner");
        assertThat(included.at("/data/relationships/profile-object-schemas/data/0/id").asText()).isEqualTo("profile:::owner");
    }
}
