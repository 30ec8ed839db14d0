package dev.openprofile.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openprofile.testing.Api;
import dev.openprofile.testing.OwningProfiles;
import dev.openprofile.testing.ProfileRows;
import dev.openprofile.testing.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Deletion by id (issue 21): {@code profile: {"data": {"type": "profile", "id": "…"}}}, which a CDP's Klaviyo
 * destination sends with no {@code attributes}, deletes the profile and every row about it (events, list
 * memberships, consent and the rest that {@link OwningProfiles} gives it), as do the same id beside empty or all-null
 * attributes. Another account's id names no profile of the caller: accepted, deleting nothing. An id beside an
 * email is two identifiers, refused.
 */
class ProfileDeletionByIdTest {
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
