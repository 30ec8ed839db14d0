package dev.openprofile.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.testing.AdminApi;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.MutableClock;
import dev.openprofile.testing.OwningProfiles;
import dev.openprofile.testing.ProfileRows;
import dev.openprofile.testing.TestServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * merge_profiles end to end (semantics §13, docs/compatibility.md "Profile merge"): two profiles owning rows in
 * every table are merged, and every piece of the source is found on the destination, per table and through the
 * API, the destination winning each conflict; the source is gone everywhere.
 */
class ProfileMergeTest {
    static final String SUBS = "additional-fields%5Bprofile%5D=subscriptions";
    static TestServer server;
    static Api api;

    @BeforeAll
    static void start() {
        server = TestServer.start(new MutableClock(Instant.parse("2026-07-15T12:00:00Z")));
        api = server.api();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String mergeBody(String destination, String... sources) {
        List<String> data = new ArrayList<>();
        for (String s : sources) data.add("{\"type\":\"profile\",\"id\":\"" + s + "\"}");
        return "{\"data\":{\"type\":\"profile-merge\",\"id\":\"" + destination + "\",\"relationships\":{\"profiles\":{\"data\":["
                + String.join(",", data) + "]}}}}";
    }

    static String segment(String name, String condition) {
        return api.post("create_segment", "/api/segments", "{\"data\":{\"type\":\"segment\",\"attributes\":{\"name\":\"" + name
                + "\",\"definition\":{\"condition_groups\":[{\"conditions\":[" + condition + "]}]}}}}").data().get("id").asText();
    }

    static String propertyEquals(String property, String value) {
        return "{\"type\":\"profile-property\",\"property\":\"" + property + "\",\"filter\":{\"type\":\"string\","
                + "\"operator\":\"equals\",\"value\":\"" + value + "\"}}";
    }

    static List<String> members(String segmentId) {
        return api.get("get_profile_ids_for_segment", "/api/segments/" + segmentId + "/relationships/profiles")
                .data().findValuesAsText("id");
    }

    static List<String> lists(String profileId) {
        return api.get("get_list_ids_for_profile", "/api/profiles/" + profileId + "/relationships/lists").data().findValuesAsText("id");
    }

    static List<Long> historySeq(String profileId) {
        return server.jdbc().read(c -> {
            List<Long> out = new ArrayList<>();
            try (var rs = c.createStatement().executeQuery("select seq from consent_history where profile_id = '" + profileId
                    + "' order by seq")) {
                while (rs.next()) out.add(rs.getLong(1));
            }
            return out;
        });
    }

    static JsonNode history(String profileId) throws Exception {
        return Json.MAPPER.readTree(AdminApi.send(server, "GET", "/admin/consent/profiles/" + profileId + "/history", null).body())
                .get("history");
    }

    /** The measurement over 2026 (one monthly bucket holds the test's events). */
    static int aggregate(String metricId, String measurement) {
        JsonNode values = api.post("query_metric_aggregates", "/api/metric-aggregates", "{\"data\":{\"type\":\"metric-aggregate\",\"attributes\":"
                + "{\"metric_id\":\"" + metricId + "\",\"measurements\":[\"" + measurement + "\"],\"interval\":\"month\",\"filter\":["
                + "\"greater-or-equal(datetime,2026-01-01T00:00:00)\",\"less-than(datetime,2026-12-01T00:00:00)\"]}}}")
                .data().at("/attributes/data/0/measurements/" + measurement);
        int sum = 0;
        for (JsonNode v : values) sum += v.asInt();
        return sum;
    }

    @Test
    void everyPieceOfTheSourceMovesToTheDestinationWhichWinsEachConflict() throws Exception {
        OwningProfiles world = new OwningProfiles(server, "merge.example.com",
                "\"email\":\"dest@merge.example.com\",\"first_name\":\"Dest\",\"properties\":{\"Plan\":\"gold\",\"Nested\":{\"x\":1}}",
                "\"email\":\"src@merge.example.com\",\"phone_number\":\"+15005550006\",\"external_id\":\"crm-7\",\"first_name\":\"Src\","
                        + "\"last_name\":\"Source\",\"location\":{\"city\":\"Boston\"},\"properties\":{\"Plan\":\"silver\",\"Color\":\"blue\","
                        + "\"Nested\":{\"y\":2}}");
        String dest = world.ids().get(0);
        String src = world.ids().get(1);
        world.own("dest@merge.example.com");
        server.clock().advance(Duration.ofHours(1)); // the source's consent is later, and still loses
        world.own("src@merge.example.com");
        // One order known under both profiles: its dedup key conflicts when the events meet on the destination.
        world.event("dest@merge.example.com", "Placed Order", "shared-order", 5);
        world.event("src@merge.example.com", "Placed Order", "shared-order", 5);
        world.event("src@merge.example.com", "Viewed Product", "later-view", 1);
        String onlySource = api.post("create_list", "/api/lists", "{\"data\":{\"type\":\"list\",\"attributes\":{\"name\":\"Src only\"}}}")
                .data().get("id").asText();
        api.post("add_profiles_to_list", "/api/lists/" + onlySource + "/relationships/profiles",
                "{\"data\":[{\"type\":\"profile\",\"id\":\"" + src + "\"}]}");
        String srcNamed = segment("First name Src", propertyEquals("first_name", "Src"));
        String blue = segment("Blue", propertyEquals("properties['Color']", "blue"));
        server.awaitJobs();

        assertThat(world.segmentMembers()).containsExactlyInAnyOrder(dest, src);
        assertThat(members(srcNamed)).containsExactly(src);
        assertThat(members(blue)).containsExactly(src);
        Map<String, Integer> destBefore = ProfileRows.of(server, dest);
        Map<String, Integer> srcBefore = ProfileRows.of(server, src);
        Map<String, Integer> allBefore = ProfileRows.all(server);
        assertThat(srcBefore).as("the source owns rows in every table but the segment queue (emptied by each read)")
                .allSatisfy((table, n) -> assertThat(n).as(table).isEqualTo(table.equals("segment_pending") ? 0 : Math.max(n, 1)))
                .containsKeys("list_membership", "segment_membership", "profile_consent", "profile_suppression",
                        "profile_list_suppression", "consent_history", "event", "event_key", "profile_import_result");
        List<String> listsBefore = new ArrayList<>(lists(dest));
        lists(src).forEach(l -> { if (!listsBefore.contains(l)) listsBefore.add(l); });
        List<Long> seqBefore = new ArrayList<>(historySeq(dest));
        seqBefore.addAll(historySeq(src));
        seqBefore.sort(null);
        JsonNode destSubscriptions = api.get("get_profile", "/api/profiles/" + dest + "?" + SUBS).data().at("/attributes/subscriptions");
        String metric = null;
        for (JsonNode m : api.get("get_metrics", "/api/metrics").data()) {
            if (m.at("/attributes/name").asText().equals("Placed Order")) metric = m.get("id").asText();
        }
        int countBefore = aggregate(metric, "count");
        // All but one Viewed Product, each profile's Subscribed to Back in Stock, each profile's Received Email
        // (OwningProfiles subscribes both and sends each a campaign), each profile's Submitted Review and each
        // profile's Active on Site (its anonymous visit).
        assertThat(countBefore).isEqualTo(destBefore.get("event") + srcBefore.get("event") - 1 - 2 - 2 - 2 - 2);
        assertThat(aggregate(metric, "unique")).isEqualTo(2);

        var merged = api.post("merge_profiles", "/api/profile-merge", mergeBody(dest, src));
        assertThat(merged.status()).isEqualTo(201);
        assertThat(merged.data().get("type").asText()).isEqualTo("profile");
        assertThat(merged.data().get("id").asText()).isEqualTo(dest);
        assertThat(merged.data().at("/links/self").asText()).isEqualTo(server.baseUrl() + "/api/profiles/" + dest + "/");
        server.awaitJobs();

        // The source is gone: its reads, filters and relationships find nothing, and no table names it.
        var gone = api.get("get_profile", "/api/profiles/" + src);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.error().at("/source/parameter").asText()).isEqualTo("id");
        assertThat(api.get("get_profiles", "/api/profiles?filter=" + q("equals(id,\"" + src + "\")")).data()).isEmpty();
        assertThat(api.get("get_events", "/api/events?filter=" + q("equals(profile_id,\"" + src + "\")")).data()).isEmpty();
        assertThat(ProfileRows.of(server, src)).allSatisfy((table, n) -> assertThat(n).as(table).isZero());
        assertThat(server.queryInt("select count(*) from profile_merge")).isZero();

        // Attributes: the destination's win; the source fills the gaps, identifiers included.
        JsonNode a = api.get("get_profile", "/api/profiles/" + dest + "?" + SUBS).data().get("attributes");
        assertThat(a.get("email").asText()).isEqualTo("dest@merge.example.com");
        assertThat(a.get("phone_number").asText()).isEqualTo("+15005550006");
        assertThat(a.get("external_id").asText()).isEqualTo("crm-7");
        assertThat(a.get("first_name").asText()).isEqualTo("Dest");
        assertThat(a.get("last_name").asText()).isEqualTo("Source");
        assertThat(a.at("/location/city").asText()).isEqualTo("Boston");
        assertThat(a.get("properties")).isEqualTo(Json.MAPPER.readTree("{\"Plan\":\"gold\",\"Nested\":{\"x\":1},\"Color\":\"blue\"}"));
        assertThat(a.get("subscriptions")).as("the destination's consent wins").isEqualTo(destSubscriptions);
        assertThat(api.get("get_profiles", "/api/profiles?filter=" + q("equals(phone_number,\"+15005550006\")")).data()
                .findValuesAsText("id")).containsExactly(dest);

        // Per table: what both held, less what both held alike.
        Map<String, Integer> destAfter = ProfileRows.of(server, dest);
        assertThat(destAfter.get("event")).isEqualTo(destBefore.get("event") + srcBefore.get("event"));
        assertThat(destAfter.get("event_key")).as("the shared order's key once")
                .isEqualTo(destBefore.get("event_key") + srcBefore.get("event_key") - 1);
        assertThat(destAfter.get("consent_history")).isEqualTo(destBefore.get("consent_history") + srcBefore.get("consent_history"));
        assertThat(historySeq(dest)).as("the history moves and keeps its order").isEqualTo(seqBefore);
        assertThat(history(dest)).hasSize(seqBefore.size());
        assertThat(destAfter.get("list_membership")).isEqualTo(listsBefore.size());
        assertThat(lists(dest)).containsExactlyInAnyOrderElementsOf(listsBefore).contains(onlySource);
        assertThat(destAfter.get("profile_consent")).isEqualTo(1);
        assertThat(destAfter.get("profile_suppression")).isEqualTo(destBefore.get("profile_suppression"));
        assertThat(destAfter.get("profile_list_suppression")).isEqualTo(destBefore.get("profile_list_suppression"));
        Map<String, Integer> allAfter = ProfileRows.all(server);
        assertThat(allAfter.get("event")).as("no event lost or added").isEqualTo(allBefore.get("event"));
        assertThat(allAfter.get("consent_history")).isEqualTo(allBefore.get("consent_history"));

        // Events and their aggregates: counts unchanged, the merged person counted once.
        assertThat(aggregate(metric, "count")).isEqualTo(countBefore);
        assertThat(aggregate(metric, "unique")).isEqualTo(1);
        assertThat(api.get("get_events", "/api/events?filter=" + q("equals(profile_id,\"" + dest + "\")")).data())
                .hasSize(destAfter.get("event"));

        // Segments are computed for the merged profile, not copied.
        assertThat(world.segmentMembers()).containsExactly(dest);
        assertThat(members(srcNamed)).as("the destination's first name won").isEmpty();
        assertThat(members(blue)).as("the source-only property qualifies the destination").containsExactly(dest);

        // The import job's results name the destination where they named the source.
        assertThat(world.ids()).containsExactly(dest, dest);
    }

    @Test
    void badRequestsAreRefusedWithPointersAndStoreNothing() {
        String a = api.post("create_profile", "/api/profiles", "{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":"
                + "\"a@merge-errors.example.com\"}}}").data().get("id").asText();
        String b = api.post("create_profile", "/api/profiles", "{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":"
                + "\"b@merge-errors.example.com\"}}}").data().get("id").asText();
        String other = server.createKey("merge-other", java.util.Set.of("*"));
        String foreign = server.api(other).post("create_profile", "/api/profiles", "{\"data\":{\"type\":\"profile\","
                + "\"attributes\":{\"email\":\"f@merge-errors.example.com\"}}}").data().get("id").asText();
        int jobs = server.queryInt("select count(*) from job");
        String src = "/data/relationships/profiles/data";
        Object[][] cases = {
                {mergeBody(a, a), 400, src + "/0/id"},
                {mergeBody(a, b, b), 400, src + "/1"},
                {mergeBody(a), 400, src},
                {mergeBody("01NOSUCHPROFILE0000000000", b), 404, "/data/id"},
                {mergeBody(a, "01NOSUCHPROFILE0000000000"), 404, src + "/0/id"},
                {mergeBody(a, foreign), 404, src + "/0/id"},
                {mergeBody(a, b).replace("profile-merge", "profile"), 400, "/data/type"},
                {mergeBody(a, b).replace("\"type\":\"profile\",\"id\":\"" + b, "\"type\":\"list\",\"id\":\"" + b), 400, src + "/0/type"},
                {"{\"data\":{\"type\":\"profile-merge\",\"id\":\"" + a + "\"}}", 400, "/data/relationships"},
                {"{\"data\":{\"type\":\"profile-merge\",\"relationships\":{\"profiles\":{\"data\":[]}}}}", 400, "/data/id"},
                {mergeBody(a, b).replace("\"id\":\"" + b + "\"", "\"id\":7"), 400, src + "/0/id"},
        };
        for (Object[] c : cases) {
            var r = api.post("merge_profiles", "/api/profile-merge", (String) c[0]);
            assertThat(r.status()).as((String) c[0]).isEqualTo(c[1]);
            assertThat(r.error().at("/source/pointer").asText()).as((String) c[0]).isEqualTo(c[2]);
        }
        assertThat(server.queryInt("select count(*) from job")).as("nothing queued").isEqualTo(jobs);
        assertThat(api.get("get_profile", "/api/profiles/" + b).status()).isEqualTo(200);
    }
}
