package dev.openprofile.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Anonymous visitors (issue 21): events and onsite profiles that carry only {@code anonymous_id} find or make the
 * visitor's profile; identifiers beside it identify that profile, or merge it into the profile that holds them.
 * Over real HTTP, every response held against the official schema.
 */
class AnonymousVisitorsTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** An event with a unique id of its own (events of one profile and metric in one second are otherwise one). */
    static String event(String metric, String profileAttributes, String properties) {
        return "{\"data\":{\"type\":\"event\",\"attributes\":{\"unique_id\":\"" + UUID.randomUUID() + "\",\"properties\":" + properties
                + ",\"metric\":{\"data\":{\"type\":\"metric\",\"attributes\":{\"name\":\"" + metric + "\"}}},"
                + "\"profile\":{\"data\":{\"type\":\"profile\",\"attributes\":" + profileAttributes + "}}}}}";
    }

    static void post(Api api, String metric, String profileAttributes, int n) {
        Api.Response r = api.post("create_event", "/api/events", event(metric, profileAttributes, "{\"n\":" + n + "}"));
        assertThat(r.status()).as(r.text()).isEqualTo(202);
    }

    static String anonymous(String id) {
        return "{\"anonymous_id\":\"" + id + "\"}";
    }

    /** Every profile of the account (ids), paged through. */
    static List<JsonNode> profiles(Api api) {
        List<JsonNode> all = new ArrayList<>();
        String path = "/api/profiles?page[size]=100";
        while (path != null) {
            JsonNode doc = api.get("get_profiles", path).body();
            doc.get("data").forEach(all::add);
            JsonNode next = doc.at("/links/next");
            path = next.isTextual() ? next.asText().substring(next.asText().indexOf("/api/")) : null;
        }
        return all;
    }

    /** The n property of every event of a profile (its events' identities here). */
    static List<Integer> eventsOf(Api api, String profileId) {
        List<Integer> ns = new ArrayList<>();
        String path = "/api/events?filter=equals(profile_id,%22" + profileId + "%22)&page[size]=200";
        while (path != null) {
            JsonNode doc = api.get("get_events", path).body();
            doc.get("data").forEach(e -> ns.add(e.at("/attributes/event_properties/n").asInt()));
            JsonNode next = doc.at("/links/next");
            path = next.isTextual() ? next.asText().substring(next.asText().indexOf("/api/")) : null;
        }
        return ns;
    }

    static String idOf(Api api, String email) {
        JsonNode data = api.get("get_profiles", "/api/profiles?filter=equals(email,%22" + email + "%22)").data();
        assertThat(data).as(email).hasSize(1);
        return data.get(0).get("id").asText();
    }

    @Test
    void anAnonymousVisitorsEventsMakeOneOrdinaryProfileThatNeverShowsTheAnonymousId() {
        var account = server.newAccount("anon-");
        post(account.api(), "Viewed Page", anonymous("visitor-1"), 1);
        post(account.api(), "Viewed Page", "{\"anonymous_id\":\"visitor-1\",\"first_name\":\"Ann\"}", 2);
        List<JsonNode> profiles = profiles(account.api());
        assertThat(profiles).hasSize(1);
        JsonNode p = profiles.get(0);
        assertThat(p.at("/attributes/email").isNull()).isTrue();
        assertThat(p.at("/attributes/phone_number").isNull()).isTrue();
        assertThat(p.at("/attributes/external_id").isNull()).isTrue();
        assertThat(p.at("/attributes/first_name").asText()).isEqualTo("Ann");
        assertThat(p.toString()).doesNotContain("visitor-1").doesNotContain("anonymous");
        String id = p.get("id").asText();
        assertThat(eventsOf(account.api(), id)).containsExactlyInAnyOrder(1, 2);
        Api.Response one = account.api().get("get_profile", "/api/profiles/" + id);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.text()).doesNotContain("visitor-1");
        // An ordinary profile: a list takes it.
        String list = account.api().post("create_list", "/api/lists", "{\"data\":{\"type\":\"list\",\"attributes\":{\"name\":\"Visitors\"}}}")
                .data().get("id").asText();
        assertThat(account.api().post("add_profiles_to_list", "/api/lists/" + list + "/relationships/profiles",
                "{\"data\":[{\"type\":\"profile\",\"id\":\"" + id + "\"}]}").status()).isEqualTo(204);
        assertThat(account.api().get("get_profiles_for_list", "/api/lists/" + list + "/profiles").data().get(0).get("id").asText())
                .isEqualTo(id);
        // Another visitor is another profile.
        post(account.api(), "Viewed Page", anonymous("visitor-2"), 3);
        assertThat(profiles(account.api())).hasSize(2);
    }

    @Test
    void identifiersNoProfileHoldsIdentifyTheVisitorsProfile() {
        var account = server.newAccount("anon-identify-");
        post(account.api(), "Viewed Page", anonymous("v-a"), 1);
        post(account.api(), "Added to Cart", anonymous("v-a"), 2);
        String anonymousId = profiles(account.api()).get(0).get("id").asText();
        post(account.api(), "Placed Order", "{\"anonymous_id\":\"v-a\",\"email\":\"ada@anon.example\"}", 3);
        assertThat(profiles(account.api())).hasSize(1);
        assertThat(idOf(account.api(), "ada@anon.example")).isEqualTo(anonymousId);
        assertThat(eventsOf(account.api(), anonymousId)).containsExactlyInAnyOrder(1, 2, 3);
        // The visitor's later anonymous events land on the identified profile.
        post(account.api(), "Viewed Page", anonymous("v-a"), 4);
        assertThat(eventsOf(account.api(), anonymousId)).containsExactlyInAnyOrder(1, 2, 3, 4);
    }

    @Test
    void identifiersAnotherProfileHoldsMergeTheVisitorsProfileIntoIt() {
        var account = server.newAccount("anon-merge-");
        Api api = account.api();
        String known = api.post("create_profile", "/api/profiles", """
                {"data":{"type":"profile","attributes":{"email":"grace@anon.example","first_name":"Grace","properties":{"tier":"gold"}}}}""")
                .data().get("id").asText();
        post(api, "Ordered", "{\"email\":\"grace@anon.example\"}", 10);
        post(api, "Viewed Page", "{\"anonymous_id\":\"v-b\",\"first_name\":\"Anonymous\",\"title\":\"Admiral\"}", 1);
        post(api, "Viewed Page", anonymous("v-b"), 2);
        String visitor = profiles(api).stream().map(p -> p.get("id").asText()).filter(id -> !id.equals(known)).findFirst().orElseThrow();
        String list = api.post("create_list", "/api/lists", "{\"data\":{\"type\":\"list\",\"attributes\":{\"name\":\"Browsers\"}}}")
                .data().get("id").asText();
        api.post("add_profiles_to_list", "/api/lists/" + list + "/relationships/profiles",
                "{\"data\":[{\"type\":\"profile\",\"id\":\"" + visitor + "\"}]}");

        post(api, "Logged In", "{\"anonymous_id\":\"v-b\",\"email\":\"grace@anon.example\"}", 3);

        assertThat(profiles(api)).extracting(p -> p.get("id").asText()).containsExactly(known);
        assertThat(api.get("get_profile", "/api/profiles/" + visitor).status()).isEqualTo(404);
        assertThat(eventsOf(api, known)).containsExactlyInAnyOrder(10, 1, 2, 3);
        JsonNode a = api.get("get_profile", "/api/profiles/" + known).data().get("attributes");
        // The destination keeps its attributes and takes those it lacked.
        assertThat(a.get("first_name").asText()).isEqualTo("Grace");
        assertThat(a.get("title").asText()).isEqualTo("Admiral");
        assertThat(a.at("/properties/tier").asText()).isEqualTo("gold");
        assertThat(api.get("get_profiles_for_list", "/api/lists/" + list + "/profiles").data().get(0).get("id").asText()).isEqualTo(known);
        post(api, "Viewed Page", anonymous("v-b"), 4);
        assertThat(eventsOf(api, known)).containsExactlyInAnyOrder(10, 1, 2, 3, 4);
        assertThat(profiles(api)).hasSize(1);
    }

    @Test
    void anIdentifiedProfileIsNeverMergedBecauseOfASharedBrowser() {
        var account = server.newAccount("anon-shared-");
        Api api = account.api();
        post(api, "Viewed Page", anonymous("shared"), 1);
        post(api, "Logged In", "{\"anonymous_id\":\"shared\",\"email\":\"first@anon.example\"}", 2);
        // Someone else logs in on the same browser: a profile of their own, and the browser's id follows them.
        post(api, "Logged In", "{\"anonymous_id\":\"shared\",\"email\":\"second@anon.example\"}", 3);
        post(api, "Viewed Page", anonymous("shared"), 4);
        String first = idOf(api, "first@anon.example");
        String second = idOf(api, "second@anon.example");
        assertThat(first).isNotEqualTo(second);
        assertThat(eventsOf(api, first)).containsExactlyInAnyOrder(1, 2);
        assertThat(eventsOf(api, second)).containsExactlyInAnyOrder(3, 4);
        // And back: the first person logs in again; the browser is theirs again; nobody merged.
        post(api, "Logged In", "{\"anonymous_id\":\"shared\",\"email\":\"first@anon.example\"}", 5);
        post(api, "Viewed Page", anonymous("shared"), 6);
        assertThat(eventsOf(api, first)).containsExactlyInAnyOrder(1, 2, 5, 6);
        assertThat(profiles(api)).hasSize(2);
    }

    @Test
    void bulkJobsClientProfilesAndClientEventsTakeAnonymousVisitorsToo() {
        var account = server.newAccount("anon-bulk-");
        Api api = account.api();
        Api.Response bulk = api.post("bulk_create_events", "/api/event-bulk-create-jobs", """
                {"data":{"type":"event-bulk-create-job","attributes":{"events-bulk-create":{"data":[
                  {"type":"event-bulk-create","attributes":{"profile":{"data":{"type":"profile","attributes":{"anonymous_id":"bulk-v"}}},
                   "events":{"data":[
                     {"type":"event","attributes":{"unique_id":"b1","properties":{"n":1},"metric":{"data":{"type":"metric","attributes":{"name":"Viewed"}}}}},
                     {"type":"event","attributes":{"unique_id":"b2","properties":{"n":2},"metric":{"data":{"type":"metric","attributes":{"name":"Viewed"}}}}}]}}}]}}}}""");
        assertThat(bulk.status()).as(bulk.text()).isEqualTo(202);
        server.awaitJobs();
        List<JsonNode> profiles = profiles(api);
        assertThat(profiles).hasSize(1);
        String visitor = profiles.get(0).get("id").asText();
        assertThat(eventsOf(api, visitor)).containsExactlyInAnyOrder(1, 2);

        String company = server.publicKey(account.name());
        Api.Response client = server.clientApi().post("create_client_profile", "/client/profiles?company_id=" + company,
                "{\"data\":{\"type\":\"profile\",\"attributes\":{\"anonymous_id\":\"bulk-v\",\"first_name\":\"Bo\"}}}");
        assertThat(client.status()).as(client.text()).isEqualTo(202);
        Api.Response clientEvent = server.clientApi().post("create_client_event", "/client/events?company_id=" + company,
                event("Viewed", "{\"anonymous_id\":\"bulk-v\"}", "{\"n\":3}"));
        assertThat(clientEvent.status()).as(clientEvent.text()).isEqualTo(202);
        assertThat(profiles(api)).hasSize(1);
        assertThat(api.get("get_profile", "/api/profiles/" + visitor).data().at("/attributes/first_name").asText()).isEqualTo("Bo");
        assertThat(eventsOf(api, visitor)).containsExactlyInAnyOrder(1, 2, 3);
    }

    @Test
    void anAnonymousVisitorsProfileIsDeletedByIdWithItsIdAndEvents() {
        var account = server.newAccount("anon-delete-");
        Api api = account.api();
        post(api, "Viewed Page", anonymous("gone"), 1);
        String visitor = profiles(api).get(0).get("id").asText();
        Api.Response deletion = api.post("request_profile_deletion", "/api/data-privacy-deletion-jobs",
                "{\"data\":{\"type\":\"data-privacy-deletion-job\",\"attributes\":{\"profile\":{\"data\":"
                        + "{\"type\":\"profile\",\"id\":\"" + visitor + "\"}}}}}");
        assertThat(deletion.status()).as(deletion.text()).isEqualTo(202);
        server.awaitJobs();
        assertThat(api.get("get_profile", "/api/profiles/" + visitor).status()).isEqualTo(404);
        assertThat(server.queryInt("select count(*) from profile_anonymous_id where profile_id = '" + visitor + "'")).isZero();
        assertThat(server.queryInt("select count(*) from event where profile_id = '" + visitor + "'")).isZero();
        // The forgotten visitor's next event is a new visitor's: nothing links it to the deleted profile.
        post(api, "Viewed Page", anonymous("gone"), 2);
        List<JsonNode> after = profiles(api);
        assertThat(after).hasSize(1);
        assertThat(after.get(0).get("id").asText()).isNotEqualTo(visitor);
        assertThat(eventsOf(api, after.get(0).get("id").asText())).containsExactly(2);
    }

    @Test
    void anAnonymousIdAloneOnAServerProfileWriteIsStillRefused() {
        Api.Response r = server.api().post("create_profile", "/api/profiles",
                "{\"data\":{\"type\":\"profile\",\"attributes\":{\"anonymous_id\":\"x\"}}}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error().at("/source/pointer").asText()).isEqualTo("/data/attributes/anonymous_id");
        Api.Response empty = server.api().post("create_event", "/api/events", event("Viewed", "{\"anonymous_id\":\"\"}", "{}"));
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.error().at("/source/pointer").asText()).isEqualTo("/data/attributes/profile/data/attributes/anonymous_id");
        Api.Response none = server.api().post("create_event", "/api/events", event("Viewed", "{\"first_name\":\"Nobody\"}", "{}"));
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.error().get("detail").asText()).contains("anonymous_id");
    }

    @Test
    void manyConcurrentFirstEventsOfOneVisitorMakeExactlyOneProfile() throws Exception {
        var account = server.newAccount("anon-race-");
        String visitor = "race-" + UUID.randomUUID();
        List<Callable<Void>> calls = new ArrayList<>();
        for (int i = 0; i < 48; i++) {
            int n = i;
            calls.add(() -> {
                post(account.api(), "Viewed Page", anonymous(visitor), n);
                return null;
            });
        }
        runAll(calls, 32);
        List<JsonNode> profiles = profiles(account.api());
        assertThat(profiles).hasSize(1);
        assertThat(eventsOf(account.api(), profiles.get(0).get("id").asText())).hasSize(48);
    }

    @Test
    void identificationRacingWithAnonymousEventsLosesNone() throws Exception {
        for (int round = 0; round < 3; round++) {
            var account = server.newAccount("anon-ident-race-");
            Api api = account.api();
            String email = "racer" + round + "@anon.example";
            String known = api.post("create_profile", "/api/profiles",
                    "{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"" + email + "\"}}}").data().get("id").asText();
            String visitor = "ident-" + UUID.randomUUID();
            List<Callable<Void>> calls = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                int n = i;
                // Every eighth request identifies the visitor as the known profile; the rest are anonymous.
                String attributes = n % 8 == 5 ? "{\"anonymous_id\":\"" + visitor + "\",\"email\":\"" + email + "\"}" : anonymous(visitor);
                calls.add(() -> {
                    post(api, "Viewed Page", attributes, n);
                    return null;
                });
            }
            runAll(calls, 32);
            // The first identification merged the visitor's profile (if it came first, there was none): one profile holds all.
            assertThat(profiles(api)).extracting(p -> p.get("id").asText()).containsExactly(known);
            List<Integer> events = eventsOf(api, known);
            assertThat(events).hasSize(64).doesNotHaveDuplicates();
        }
    }

    private static void runAll(List<Callable<Void>> calls, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Void>> futures = pool.invokeAll(calls);
            for (Future<Void> f : futures) f.get();
        } finally {
            pool.shutdownNow();
        }
    }
}
