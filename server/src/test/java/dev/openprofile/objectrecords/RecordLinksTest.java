package dev.openprofile.objectrecords;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openprofile.testing.Api;
import dev.openprofile.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A record's relationships: to profiles (found or created by email, phone or external id, a klaviyo-id that must
 * exist), to other object types' records; replace_from_origin against additive; merges and deletions of profiles;
 * and the records kept raw until a schema of their source becomes current.
 */
class RecordLinksTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    record Setup(Api api, String accountId, Definitions d, String source) {}

    static Setup setup() {
        TestServer.Account account = server.newAccount("co-links-");
        Definitions d = new Definitions(server.jdbc(), account.id());
        return new Setup(account.api(), account.id(), d, d.dataSource("CRM"));
    }

    /** A type with a name and a relationship "owner" to profiles by email, then phone, external id, klaviyo id. */
    static String ownedType(Setup s, boolean additive) {
        Definitions.Type t = s.d().type("Car").property(1, "name", "string", false).map(1, s.source(), "$['id']", "$['name']");
        t.profiles("owner", s.source(), "$['id']", additive, "email", "$['email']", "phone", "$['phone']",
                "external-id", "$['ext']", "klaviyo-id", "$['kid']", "anonymous", "$['anon']");
        return t.active().id;
    }

    List<String> owners(Setup s, String type, String record) {
        return strings(s, "select profile_id from object_record_profile where account_id = ? and object_type_id = ?"
                + " and record_id = ? order by profile_id", type, record);
    }

    /** The text column {@code sql} selects for the account, this type and this record. */
    static List<String> strings(Setup s, String sql, String type, String record) {
        List<String> out = new ArrayList<>();
        server.jdbc().read(c -> {
            try (var ps = c.prepareStatement(sql)) {
                ps.setString(1, s.accountId());
                ps.setString(2, type);
                ps.setString(3, record);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) out.add(rs.getString(1));
                }
            }
            return null;
        });
        return out;
    }

    String profileOf(Setup s, String filter) {
        var r = s.api().get("get_profiles", "/api/profiles?filter=" + Ingest.q(filter));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.data().isEmpty() ? null : r.data().get(0).get("id").asText();
    }

    String createProfile(Setup s, String attributes) {
        var r = s.api().post("create_profile", "/api/profiles", "{\"data\":{\"type\":\"profile\",\"attributes\":{" + attributes + "}}}");
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.data().get("id").asText();
    }

    @Test
    void aProfileIsFoundByTheFirstIdentifierThatSelectsAValueOrCreated() {
        Setup s = setup();
        String type = ownedType(s, false);
        String ada = createProfile(s, "\"email\":\"ada@links.example\"");
        assertThat(Ingest.one(s.api(), s.source(), "{\"id\":\"c1\",\"email\":\"ADA@links.example\",\"phone\":\"+15005550006\"}")
                .status()).isEqualTo(204);
        assertThat(owners(s, type, "c1")).containsExactly(ada);
        assertThat(profileOf(s, "equals(phone_number,'+15005550006')")).isNull(); // the email named her: the phone was not used
        // By phone, created when nobody holds it; by external id likewise.
        assertThat(Ingest.one(s.api(), s.source(), "{\"id\":\"c2\",\"phone\":\"+15005550006\"}").status()).isEqualTo(204);
        String byPhone = profileOf(s, "equals(phone_number,'+15005550006')");
        assertThat(byPhone).isNotNull();
        assertThat(owners(s, type, "c2")).containsExactly(byPhone);
        assertThat(Ingest.one(s.api(), s.source(), "{\"id\":\"c3\",\"ext\":\"crm-77\"}").status()).isEqualTo(204);
        String byExt = profileOf(s, "equals(external_id,'crm-77')");
        assertThat(owners(s, type, "c3")).containsExactly(byExt);
        assertThat(Ingest.one(s.api(), s.source(), "{\"id\":\"c3b\",\"ext\":\"crm-77\"}").status()).isEqualTo(204);
        assertThat(owners(s, type, "c3b")).containsExactly(byExt);
        // A klaviyo id names an existing profile.
        assertThat(Ingest.one(s.api(), s.source(), "{\"id\":\"c4\",\"kid\":\"" + ada + "\"}").status()).isEqualTo(204);
        assertThat(owners(s, type, "c4")).containsExactly(ada);
        // No identifier selected: no link.
        assertThat(Ingest.one(s.api(), s.source(), "{\"id\":\"c5\",\"name\":\"n\"}").status()).isEqualTo(204);
        assertThat(owners(s, type, "c5")).isEmpty();
    }

    @Test
    void anUnknownKlaviyoIdABadIdentifierAndAnAnonymousIdAreRefusedAndCreateNothing() {
        Setup s = setup();
        String type = ownedType(s, false);
        var unknown = Ingest.one(s.api(), s.source(), "{\"id\":\"k1\",\"kid\":\"01NOSUCHPROFILE000000000000\"}");
        assertThat(unknown.status()).as(unknown.text()).isEqualTo(400);
        assertThat(unknown.error().at("/source/pointer").asText()).isEqualTo(IngestionInput.SINGLE_RECORD + "/kid");
        assertThat(unknown.error().get("detail").asText()).contains("'owner'").contains("Profile not found");
        var badEmail = Ingest.one(s.api(), s.source(), "{\"id\":\"k2\",\"email\":\"not-an-email\"}");
        assertThat(badEmail.status()).isEqualTo(400);
        assertThat(badEmail.error().at("/source/pointer").asText()).isEqualTo(IngestionInput.SINGLE_RECORD + "/email");
        assertThat(badEmail.error().get("detail").asText()).contains("Invalid email address");
        var badPhone = Ingest.one(s.api(), s.source(), "{\"id\":\"k3\",\"phone\":\"12\"}");
        assertThat(badPhone.status()).isEqualTo(400);
        var anonymous = Ingest.one(s.api(), s.source(), "{\"id\":\"k4\",\"anon\":\"a-1\"}");
        assertThat(anonymous.status()).isEqualTo(400);
        assertThat(anonymous.error().get("detail").asText()).contains("Anonymous ids are not supported yet");
        assertThat(server.queryInt("select count(*) from object_record where account_id = '" + s.accountId() + "'")).isZero();
        assertThat(server.queryInt("select count(*) from profile where account_id = '" + s.accountId() + "'")).isZero();
        // In a job, the same: logged, and a record naming a missing klaviyo id creates no profile for its email.
        var job = Ingest.many(s.api(), s.source(), List.of("{\"id\":\"k5\",\"email\":\"new@links.example\"}",
                "{\"id\":\"k6\",\"kid\":\"01NOSUCHPROFILE000000000000\"}"));
        assertThat(job.status()).isEqualTo(204);
        server.awaitJobs();
        var logs = Ingest.logs(s.api(), type, "");
        assertThat(logs.data()).hasSize(1);
        assertThat(logs.data().get(0).at("/attributes/errors/0/code").asText()).isEqualTo("profile_not_found");
        assertThat(logs.data().get(0).at("/attributes/errors/0/property").asText()).isEqualTo("owner");
        assertThat(logs.data().get(0).at("/attributes/errors/0/invalid_value").asText()).isEqualTo("\"01NOSUCHPROFILE000000000000\"");
        assertThat(server.queryInt("select count(*) from profile where account_id = '" + s.accountId() + "'")).isEqualTo(1);
    }

    @Test
    void replaceFromOriginReplacesARecordsLinksAndAdditiveAddsToThem() {
        Setup s = setup();
        String replacing = ownedType(s, false);
        String other = s.d().dataSource("Other");
        Definitions.Type t = s.d().type("Boat").property(1, "name", "string", false).map(1, other, "$['id']", "$['name']");
        t.profiles("owner", other, "$['id']", true, "email", "$['email']");
        String adding = t.active().id;
        String a = createProfile(s, "\"email\":\"a@links.example\"");
        String b = createProfile(s, "\"email\":\"b@links.example\"");
        Ingest.one(s.api(), s.source(), "{\"id\":\"r\",\"email\":\"a@links.example\"}");
        Ingest.one(s.api(), s.source(), "{\"id\":\"r\",\"email\":\"b@links.example\"}");
        assertThat(owners(s, replacing, "r")).containsExactly(b);
        Ingest.one(s.api(), s.source(), "{\"id\":\"r\"}");
        assertThat(owners(s, replacing, "r")).isEmpty();
        Ingest.one(s.api(), other, "{\"id\":\"r\",\"email\":\"a@links.example\"}");
        Ingest.one(s.api(), other, "{\"id\":\"r\",\"email\":\"b@links.example\"}");
        Ingest.one(s.api(), other, "{\"id\":\"r\"}");
        assertThat(owners(s, adding, "r")).containsExactlyInAnyOrder(a, b);
    }

    @Test
    void objectRelationshipsLinkToRecordIdsOfTheRelatedTypeWhetherOrNotTheyExistYet() {
        Setup s = setup();
        String item = s.d().type("Item").property(1, "sku", "string", false).map(1, s.source(), "$['sku']", "$['sku']").active().id;
        String orders = s.d().dataSource("Orders");
        Definitions.Type t = s.d().type("Order").property(1, "total", "float", false).map(1, orders, "$['id']", "$['total']");
        t.objects("items", item, orders, "$['id']", "$['items']", false);
        String order = t.active().id;
        assertThat(Ingest.one(s.api(), orders, "{\"id\":1,\"items\":[\"A\",\"B\",2]}").status()).isEqualTo(204);
        assertThat(links(s, order, "1")).containsExactly(item + " 2", item + " A", item + " B");
        assertThat(Ingest.one(s.api(), orders, "{\"id\":1,\"items\":\"C\"}").status()).isEqualTo(204);
        assertThat(links(s, order, "1")).containsExactly(item + " C");
        var bad = Ingest.one(s.api(), orders, "{\"id\":1,\"items\":[\"A\",{\"x\":1}]}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.error().at("/source/pointer").asText()).isEqualTo(IngestionInput.SINGLE_RECORD + "/items");
        assertThat(links(s, order, "1")).containsExactly(item + " C");
        // Deleting the record takes its links along.
        assertThat(Ingest.delete(s.api(), List.of(order + ":::1")).status()).isEqualTo(202);
        assertThat(links(s, order, "1")).isEmpty();
    }

    List<String> links(Setup s, String type, String record) {
        return strings(s, "select related_object_type_id || ' ' || related_record_id from object_record_link"
                + " where account_id = ? and object_type_id = ? and record_id = ? order by 1", type, record);
    }

    @Test
    void aMergeMovesTheLinksAndADeletionDropsThem() {
        Setup s = setup();
        String type = ownedType(s, false);
        String keep = createProfile(s, "\"email\":\"keep@links.example\"");
        String gone = createProfile(s, "\"email\":\"gone@links.example\"");
        Ingest.one(s.api(), s.source(), "{\"id\":\"m1\",\"email\":\"gone@links.example\"}");
        Ingest.one(s.api(), s.source(), "{\"id\":\"m2\",\"email\":\"keep@links.example\"}");
        var merged = s.api().post("merge_profiles", "/api/profile-merge", "{\"data\":{\"type\":\"profile-merge\",\"id\":\"" + keep
                + "\",\"relationships\":{\"profiles\":{\"data\":[{\"type\":\"profile\",\"id\":\"" + gone + "\"}]}}}}");
        assertThat(merged.status()).as(merged.text()).isIn(200, 201, 202);
        server.awaitJobs();
        assertThat(owners(s, type, "m1")).containsExactly(keep);
        assertThat(owners(s, type, "m2")).containsExactly(keep);
        var deletion = s.api().post("request_profile_deletion", "/api/data-privacy-deletion-jobs", "{\"data\":{\"type\":"
                + "\"data-privacy-deletion-job\",\"attributes\":{\"profile\":{\"data\":{\"type\":\"profile\",\"id\":\"" + keep + "\"}}}}}");
        assertThat(deletion.status()).as(deletion.text()).isEqualTo(202);
        server.awaitJobs();
        assertThat(owners(s, type, "m1")).isEmpty();
        assertThat(Ingest.record(s.api(), type, "m1").status()).isEqualTo(200); // the record stays, without its owner
    }

    @Test
    void recordsOfASourceNoCurrentSchemaMapsWaitAndAreBackfilledOnActivation() {
        Setup s = setup();
        Definitions.Type draft = s.d().type("Pet").property(1, "name", "string", true).map(1, s.source(), "$['id']", "$['name']")
                .draft();
        assertThat(Ingest.one(s.api(), s.source(), "{\"id\":\"p1\",\"name\":\"Rex\"}").status()).isEqualTo(204);
        assertThat(Ingest.many(s.api(), s.source(), List.of("{\"id\":\"p2\",\"name\":\"Tom\"}", "{\"id\":\"p3\"}",
                "{\"id\":\"p1\",\"name\":\"Rex II\"}")).status()).isEqualTo(204);
        server.awaitJobs();
        assertThat(server.queryInt("select count(*) from pending_data_source_record where account_id = '" + s.accountId() + "'"))
                .isEqualTo(4);
        assertThat(server.queryInt("select count(*) from object_record where account_id = '" + s.accountId() + "'")).isZero();
        draft.activate();
        server.awaitJobs();
        assertThat(server.queryInt("select count(*) from pending_data_source_record where account_id = '" + s.accountId() + "'")).isZero();
        assertThat(Ingest.properties(s.api(), draft.id, "p1").get("name").asText()).isEqualTo("Rex II"); // in order of arrival
        assertThat(Ingest.properties(s.api(), draft.id, "p2").get("name").asText()).isEqualTo("Tom");
        var logs = Ingest.logs(s.api(), draft.id, "");
        assertThat(logs.data()).hasSize(1);
        assertThat(logs.data().get(0).at("/attributes/summary").asText()).isEqualTo("1 validation error for p3");
    }

    @Test
    void anActivationEnqueuesABackfillOnlyWhenRecordsWait() {
        Setup s = setup();
        var jobs = new IngestionJobs(new Ingestion(null), java.time.Clock.systemUTC(), Definitions::ulid, () -> {});
        String count = "select count(*) from job where account_id = '" + s.accountId() + "' and kind = '" + IngestionJobs.BACKFILL + "'";
        server.jdbc().inTransaction(c -> {
            jobs.activated(c, s.accountId(), "t", "s");
            return null;
        });
        assertThat(server.queryInt(count)).isZero();
        s.d().type("Draft").property(1, "name", "string", false).map(1, s.source(), "$['id']", "$['name']").draft();
        Ingest.one(s.api(), s.source(), "{\"id\":\"w\"}");
        server.jdbc().inTransaction(c -> {
            jobs.activated(c, s.accountId(), "t", "s");
            return null;
        });
        assertThat(server.queryInt(count)).isEqualTo(1);
        // Deleting the data source takes its waiting records along.
        server.jdbc().inTransaction(c -> dev.openprofile.store.Statements.update(c,
                "delete from source_mapping_source where account_id = ?", s.accountId()));
        server.jdbc().inTransaction(c -> dev.openprofile.store.Statements.update(c,
                "delete from data_source where account_id = ? and id = ?", s.accountId(), s.source()));
        assertThat(server.queryInt("select count(*) from pending_data_source_record where account_id = '" + s.accountId() + "'")).isZero();
        server.awaitJobs();
    }
}
