package dev.openprofile.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openprofile.testing.Api;
import dev.openprofile.testing.OwningProfiles;
import dev.openprofile.testing.ProfileRows;
import dev.openprofile.testing.TestServer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * request_profile_deletion end to end (semantics §16): profiles owning rows in every table that names profiles
 * (found in information_schema, so a table added later is covered) are deleted by email, by phone number and by
 * id, and no row about them is left while everyone else's rows stay; deletion by id in each form integrations send it.
 */
class ProfileDeletionTest {
    static TestServer server;
    static Api api;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = server.api();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String attributes(String attributes) {
        return "{\"data\":{\"type\":\"data-privacy-deletion-job\",\"attributes\":{\"profile\":{\"data\":{\"type\":\"profile\","
                + "\"attributes\":{" + attributes + "}}}}}}";
    }

    /** The form integrations written for older revisions send: the id, and no attributes. */
    static String byIdAlone(String id) {
        return byId(id, null);
    }

    static void delete(String body) {
        var r = api.post("request_profile_deletion", "/api/data-privacy-deletion-jobs", body);
        assertThat(r.status()).as(r.text()).isEqualTo(202);
        assertThat(r.text()).isEmpty();
    }

    @Test
    void deletingByEmailPhoneAndIdLeavesNoRowAboutTheProfilesInAnyTable() throws Exception {
        OwningProfiles world = new OwningProfiles(server, "forget.example.com",
                "\"email\":\"by-email@forget.example.com\"",
                "\"email\":\"by-phone@forget.example.com\",\"phone_number\":\"+15005550006\"",
                "\"email\":\"by-id@forget.example.com\"",
                "\"email\":\"kept@forget.example.com\",\"phone_number\":\"+15005550007\"");
        List<String> ids = world.ids();
        for (String who : List.of("by-email", "by-phone", "by-id", "kept")) world.own(who + "@forget.example.com");
        assertThat(world.segmentMembers()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(ProfileRows.columns(server)).extracting(tc -> tc[0]).contains("event", "list_membership", "segment_membership",
                "segment_pending", "profile_consent", "profile_suppression", "profile_list_suppression", "consent_history",
                "event_key", "profile_import_result");
        Map<String, Map<String, Integer>> before = new HashMap<>();
        for (String id : ids) {
            before.put(id, ProfileRows.of(server, id));
            assertThat(before.get(id)).as("every profile owns rows in every table but the segment queue (emptied by reads)")
                    .allSatisfy((table, n) -> {
                        if (!table.equals("segment_pending")) assertThat(n).as(table).isPositive();
                    });
        }
        Map<String, Integer> allBefore = ProfileRows.all(server);

        delete(attributes("\"email\":\"BY-EMAIL@forget.example.com\"")); // identity matching ignores case
        delete(attributes("\"phone_number\":\"+15005550006\""));
        delete(byIdAlone(ids.get(2)));
        server.awaitJobs();

        for (String id : ids.subList(0, 3)) {
            assertThat(ProfileRows.of(server, id)).as(id).allSatisfy((table, n) -> assertThat(n).as(table).isZero());
            var r = api.get("get_profile", "/api/profiles/" + id);
            assertThat(r.status()).isEqualTo(404);
            assertThat(r.error().get("code").asText()).isEqualTo("not_found");
        }
        String kept = ids.get(3);
        assertThat(ProfileRows.of(server, kept)).isEqualTo(before.get(kept));
        Map<String, Integer> allAfter = ProfileRows.all(server);
        for (String table : allBefore.keySet()) {
            if (table.equals("segment_pending") || table.equals("profile_import_result")) continue; // a queue; one row per chunk
            int removed = ids.subList(0, 3).stream().mapToInt(id -> before.get(id).get(table)).sum();
            assertThat(allAfter.get(table)).as(table + ": only the deleted profiles' rows went").isEqualTo(allBefore.get(table) - removed);
        }
        assertThat(world.ids()).as("the import job no longer lists them").containsExactly(kept);
        assertThat(world.segmentMembers()).containsExactly(kept);
        assertThat(server.queryInt("select count(*) from profile where email like '%@forget.example.com'")).isEqualTo(1);
        assertThat(server.queryInt("select count(*) from privacy_deletion")).as("no identifier kept once done").isZero();
    }

    @Test
    void anIdentifierThatMatchesNothingIsAcceptedAndDeletesNothing() {
        api.post("create_profile", "/api/profiles", "{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"stays@nobody.example.com\"}}}");
        server.awaitJobs();
        int profiles = server.queryInt("select count(*) from profile");
        int jobs = server.queryInt("select count(*) from job where kind = 'data-privacy-deletion-job'");
        delete(attributes("\"email\":\"nobody@nobody.example.com\""));
        delete(attributes("\"phone_number\":\"+15005550009\""));
        delete(byIdAlone("01NOSUCHPROFILE0000000000"));
        server.awaitJobs();
        assertThat(server.queryInt("select count(*) from job where kind = 'data-privacy-deletion-job' and status = 'complete'"))
                .isEqualTo(jobs + 3);
        assertThat(server.queryInt("select count(*) from profile")).isEqualTo(profiles);
    }

    @Test
    void aKeyWithoutTheDataPrivacyScopeIsRefused() {
        Api profilesOnly = server.api(server.createKey("no-privacy", java.util.Set.of("profiles:write")));
        var r = profilesOnly.post("request_profile_deletion", "/api/data-privacy-deletion-jobs", attributes("\"email\":\"x@scope.example.com\""));
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.error().get("detail").asText()).contains("data-privacy:write");
    }

    @Test
    void badRequestsAreRefusedWithPointersAndStoreNothing() {
        String profile = "/data/attributes/profile/data";
        Object[][] cases = {
                {attributes("\"email\":\"a@x.example.com\",\"phone_number\":\"+15005550006\""), profile + "/attributes/phone_number"},
                {attributes("\"email\":\"a@x.example.com\"").replace("\"attributes\":{\"email\"", "\"id\":\"01ABC\",\"attributes\":{\"email\""),
                        profile + "/attributes/email"},
                {attributes(""), profile + "/attributes"},
                {attributes("\"email\":null,\"phone_number\":null"), profile + "/attributes"},
                {"{\"data\":{\"type\":\"data-privacy-deletion-job\",\"attributes\":{\"profile\":{\"data\":{\"type\":\"profile\"}}}}}", profile},
                {attributes("\"email\":\"not-an-email\""), profile + "/attributes/email"},
                {attributes("\"phone_number\":\"5550006\""), profile + "/attributes/phone_number"},
                {attributes("\"external_id\":\"crm-1\""), profile + "/attributes/external_id"},
                {attributes("\"email\":7"), profile + "/attributes/email"},
                {byIdAlone("x").replace("\"type\":\"profile\"", "\"type\":\"list\""), profile + "/type"},
                {byIdAlone("x").replace("data-privacy-deletion-job", "profile"), "/data/type"},
                {"{\"data\":{\"type\":\"data-privacy-deletion-job\",\"attributes\":{}}}", "/data/attributes/profile"},
                {"{\"data\":{\"type\":\"data-privacy-deletion-job\"}}", "/data/attributes"},
        };
        int jobs = server.queryInt("select count(*) from job");
        for (Object[] c : cases) {
            var r = api.post("request_profile_deletion", "/api/data-privacy-deletion-jobs", (String) c[0]);
            assertThat(r.status()).as((String) c[0]).isEqualTo(400);
            assertThat(r.error().at("/source/pointer").asText()).as((String) c[0]).isEqualTo(c[1]);
        }
        assertThat(server.queryInt("select count(*) from job")).as("nothing queued").isEqualTo(jobs);
    }

    /**
     * Deletion by id (issue 21): the id with no attributes, as a CDP's Klaviyo destination sends it, or beside empty or
     * all-null attributes. Another account's id names no profile of the caller: accepted, deleting nothing.
     */
    static String byId(String id, String attributes) {
        return "{\"data\":{\"type\":\"data-privacy-deletion-job\",\"attributes\":{\"profile\":{\"data\":{\"type\":\"profile\","
                + "\"id\":\"" + id + "\"" + (attributes == null ? "" : ",\"attributes\":" + attributes) + "}}}}}";
    }

    @Test
    void anIdWithoutAttributesDeletesTheProfileAndEveryRowAboutIt() throws Exception {
        OwningProfiles world = new OwningProfiles(server, "byid.example.com", "\"email\":\"alone@byid.example.com\"",
                "\"email\":\"empty@byid.example.com\"", "\"email\":\"nulls@byid.example.com\"", "\"email\":\"kept@byid.example.com\"");
        List<String> ids = world.ids();
        for (String who : List.of("alone", "empty", "nulls", "kept")) world.own(who + "@byid.example.com");
        Map<String, Integer> kept = ProfileRows.of(server, ids.get(3));
        for (String id : ids) {
            Map<String, Integer> rows = ProfileRows.of(server, id);
            for (String table : List.of("event", "list_membership", "profile_consent")) assertThat(rows.get(table)).as(id + " " + table).isPositive();
            assertThat(events(id)).as("events through the API").isNotEmpty();
        }
        assertThat(members(world.subscribeList)).containsAll(ids);

        // Another account names the kept profile by its id: that account has no such profile.
        var other = server.newAccount("byid-other-").api();
        assertThat(other.post("request_profile_deletion", "/api/data-privacy-deletion-jobs", byId(ids.get(3), null)).status()).isEqualTo(202);
        for (String[] form : List.of(new String[] {ids.get(0), null}, new String[] {ids.get(1), "{}"},
                new String[] {ids.get(2), "{\"email\":null,\"phone_number\":null}"})) {
            var r = api.post("request_profile_deletion", "/api/data-privacy-deletion-jobs", byId(form[0], form[1]));
            assertThat(r.status()).as(r.text()).isEqualTo(202);
            assertThat(r.text()).isEmpty();
        }
        server.awaitJobs();

        for (String id : ids.subList(0, 3)) {
            assertThat(ProfileRows.of(server, id)).as(id).allSatisfy((table, n) -> assertThat(n).as(table).isZero());
            var r = api.get("get_profile", "/api/profiles/" + id);
            assertThat(r.status()).isEqualTo(404);
            assertThat(events(id)).isEmpty();
        }
        assertThat(ProfileRows.of(server, ids.get(3))).as("the other account's request deleted nothing").isEqualTo(kept);
        assertThat(api.get("get_profile", "/api/profiles/" + ids.get(3)).status()).isEqualTo(200);
        assertThat(members(world.subscribeList)).containsExactly(ids.get(3));
        assertThat(world.ids()).containsExactly(ids.get(3));
        assertThat(server.queryInt("select count(*) from privacy_deletion")).as("no identifier kept once done").isZero();
    }

    @Test
    void anIdBesideAnotherIdentifierOrNotAStringIsRefusedAndQueuesNothing() {
        String profile = "/data/attributes/profile/data";
        Object[][] cases = {
                {byId("01ABC", "{\"email\":\"both@byid.example.com\"}"), profile + "/attributes/email",
                        "Only one of email, phone_number or id may be given; this request gives more than one."},
                {byId("01ABC", "{\"phone_number\":\"+15005550006\"}"), profile + "/attributes/phone_number",
                        "Only one of email, phone_number or id may be given; this request gives more than one."},
                {byId("", null), profile + "/id", "'id' must be a non-empty string."},
                {byId("x", null).replace("\"id\":\"x\"", "\"id\":7"), profile + "/id", "'id' must be a non-empty string."},
                {byId("x", "[]"), profile + "/attributes", "'attributes' must be an object."},
                {byId("x", null).replace(",\"id\":\"x\"", ""), profile,
                        "One of email, phone_number or id is required to identify the profiles to delete."},
        };
        int jobs = server.queryInt("select count(*) from job");
        for (Object[] c : cases) {
            var r = api.post("request_profile_deletion", "/api/data-privacy-deletion-jobs", (String) c[0]);
            assertThat(r.status()).as((String) c[0]).isEqualTo(400);
            assertThat(r.error().at("/source/pointer").asText()).as((String) c[0]).isEqualTo(c[1]);
            assertThat(r.error().get("detail").asText()).as((String) c[0]).isEqualTo(c[2]);
        }
        assertThat(server.queryInt("select count(*) from job")).as("nothing queued").isEqualTo(jobs);
    }

    static List<String> events(String profileId) {
        return api.get("get_events", "/api/events?filter=equals(profile_id,%22" + profileId + "%22)").data().findValuesAsText("id");
    }

    static List<String> members(String list) {
        return api.get("get_profile_ids_for_list", "/api/lists/" + list + "/relationships/profiles").data().findValuesAsText("id");
    }
}
