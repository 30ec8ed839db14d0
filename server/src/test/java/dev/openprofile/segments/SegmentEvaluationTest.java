package dev.openprofile.segments;

import static dev.openprofile.segments.SegmentFixtures.anyOf;
import static dev.openprofile.segments.SegmentFixtures.createBody;
import static dev.openprofile.segments.SegmentFixtures.createSegment;
import static dev.openprofile.segments.SegmentFixtures.emailEnds;
import static dev.openprofile.segments.SegmentFixtures.emailEndsWith;
import static dev.openprofile.segments.SegmentFixtures.newProfile;
import static dev.openprofile.segments.SegmentFixtures.stamp;
import static dev.openprofile.segments.SegmentFixtures.updateBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.MutableClock;
import dev.openprofile.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Segments evaluated by the engine through the API: at creation, on a new definition, frozen while
 * inactive and evaluated again on activation; definitions the engine refuses are 400s that point into them.
 */
class SegmentEvaluationTest {
    static final MutableClock clock = new MutableClock(Instant.parse("2026-10-07T08:00:00Z"));
    static TestServer server;
    static Api api;

    @BeforeAll
    static void start() {
        server = TestServer.start(clock);
        api = server.api();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** The segment's members: profile id to joined_group_at. */
    static Map<String, String> members(String segmentId) {
        var r = api.get("get_profiles_for_segment", "/api/segments/" + segmentId + "/profiles?page%5Bsize%5D=100");
        assertThat(r.status()).isEqualTo(200);
        Map<String, String> out = new LinkedHashMap<>();
        r.data().forEach(d -> out.put(d.get("id").asText(), d.at("/attributes/joined_group_at").asText()));
        return out;
    }

    @Test
    void aNewSegmentHoldsItsMembersAtOnce() {
        String a = newProfile(api, "a@vip.eval.example.com");
        String b = newProfile(api, "b@vip.eval.example.com");
        newProfile(api, "c@plain.eval.example.com");
        String now = stamp(clock.instant());
        JsonNode s = createSegment(api, "VIP", emailEndsWith("@vip.eval.example.com"));
        // Klaviyo builds a new segment in the background (is_processing); here it is built in the request.
        assertThat(s.at("/attributes/is_processing").asBoolean()).isFalse();
        String id = s.get("id").asText();
        assertThat(members(id)).containsOnlyKeys(a, b).containsValues(now);
        assertThat(api.get("get_segment", "/api/segments/" + id + "?additional-fields%5Bsegment%5D=profile_count")
                .data().at("/attributes/profile_count").asInt()).isEqualTo(2);
        assertThat(api.get("get_segment_ids_for_profile", "/api/profiles/" + a + "/relationships/segments").data())
                .extracting(d -> d.get("id").asText()).containsExactly(id);
        var filtered = api.get("get_profile_ids_for_segment", "/api/segments/" + id + "/relationships/profiles?filter="
                + SegmentFixtures.q("equals(email,'b@vip.eval.example.com')"));
        assertThat(filtered.data()).extracting(d -> d.get("id").asText()).containsExactly(b);
    }

    @Test
    void aNewDefinitionKeepsTheStayersJoinTime() {
        String stays = newProfile(api, "stays@one.eval.example.com");
        String leaves = newProfile(api, "leaves@one.eval.example.com");
        String joins = newProfile(api, "joins@two.eval.example.com");
        String created = stamp(clock.instant());
        String id = createSegment(api, "Redefined", anyOf(emailEnds("@one.eval.example.com"))).get("id").asText();
        assertThat(members(id)).containsOnlyKeys(stays, leaves);
        clock.advance(Duration.ofHours(1));
        String later = stamp(clock.instant());
        var r = api.patch("update_segment", "/api/segments/" + id, updateBody(id, "\"definition\":"
                + anyOf(emailEnds("stays@one.eval.example.com"), emailEnds("@two.eval.example.com"))));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.data().at("/attributes/updated").asText()).isEqualTo(later);
        assertThat(members(id)).containsExactly(entry(stays, created), entry(joins, later));
    }

    @Test
    void anInactiveSegmentsMembersStayUntilItIsActivatedAgain() {
        String first = newProfile(api, "first@frozen.eval.example.com");
        String joined = stamp(clock.instant());
        String id = createSegment(api, "Frozen", emailEndsWith("@frozen.eval.example.com")).get("id").asText();
        var off = api.patch("update_segment", "/api/segments/" + id, updateBody(id, "\"is_active\":false"));
        assertThat(off.data().at("/attributes/is_active").asBoolean()).isFalse();
        clock.advance(Duration.ofMinutes(10));
        String thawed = newProfile(api, "x@thawed.eval.example.com");
        // A new definition is validated and stored, and not evaluated while the segment is inactive.
        var redefined = api.patch("update_segment", "/api/segments/" + id,
                updateBody(id, "\"definition\":" + emailEndsWith("@thawed.eval.example.com")));
        assertThat(redefined.status()).isEqualTo(200);
        assertThat(redefined.data().at("/attributes/definition/condition_groups/0/conditions/0/filter/value").asText())
                .isEqualTo("@thawed.eval.example.com");
        assertThat(members(id)).containsExactlyEntriesOf(Map.of(first, joined));
        var bad = api.patch("update_segment", "/api/segments/" + id, updateBody(id, "\"definition\":{\"condition_groups\":[]}"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.error().at("/source/pointer").asText()).startsWith("/data/attributes/definition/condition_groups");
        clock.advance(Duration.ofMinutes(10));
        String activated = stamp(clock.instant());
        var on = api.patch("update_segment", "/api/segments/" + id, updateBody(id, "\"is_active\":true"));
        assertThat(on.data().at("/attributes/is_active").asBoolean()).isTrue();
        assertThat(members(id)).containsExactlyEntriesOf(Map.of(thawed, activated));
        // Deactivating again is harmless, and a segment already active is not re-evaluated by is_active:true alone.
        assertThat(api.patch("update_segment", "/api/segments/" + id, updateBody(id, "\"is_active\":true")).status()).isEqualTo(200);
        assertThat(members(id)).containsExactlyEntriesOf(Map.of(thawed, activated));
    }

    @Test
    void definitionsTheEngineRefusesAre400sPointingIntoThem() {
        String list = api.post("create_list", "/api/lists", "{\"data\":{\"type\":\"list\",\"attributes\":{\"name\":\"Eval\"}}}")
                .data().get("id").asText();
        Api other = server.api(server.createKey("eval-other", Set.of("*")));
        String foreignList = other.post("create_list", "/api/lists", "{\"data\":{\"type\":\"list\",\"attributes\":{\"name\":\"Theirs\"}}}")
                .data().get("id").asText();
        String base = "/data/attributes/definition/condition_groups/0/conditions/";
        String[][] cases = {
                {anyOf("{\"type\":\"profile-shoe-size\"}"), base + "0/type"},
                {anyOf(emailEnds("@x.example.com"), "{\"type\":\"profile-predictive-analytics\"}"), base + "1/type"},
                {anyOf("{\"type\":\"profile-group-membership\",\"is_member\":true,\"group_ids\":[\"" + foreignList + "\"]}"),
                        base + "0/group_ids/0"},
                {anyOf("{\"type\":\"profile-property\",\"property\":\"email\",\"filter\":{\"type\":\"string\",\"operator\":\"sounds-like\","
                        + "\"value\":\"x\"}}"), base + "0/filter"},
                {"{\"condition_groups\":[{\"conditions\":[]}]}", "/data/attributes/definition/condition_groups/0/conditions"},
                // valid for Java, not for PostgreSQL (a possessive quantifier): found when evaluated, still a 400
                {anyOf("{\"type\":\"profile-property\",\"property\":\"email\",\"filter\":{\"type\":\"string\","
                        + "\"operator\":\"regex\",\"value\":\"a*+\"}}"), "/data/attributes/definition"},
        };
        int before = server.queryInt("select count(*) from segment");
        for (String[] c : cases) {
            var r = api.post("create_segment", "/api/segments", createBody("Refused", c[0], null));
            assertThat(r.status()).as(c[0]).isEqualTo(400);
            assertThat(r.error().at("/source/pointer").asText()).as(c[0]).startsWith(c[1]);
        }
        assertThat(server.queryInt("select count(*) from segment")).isEqualTo(before);
        var ok = api.post("create_segment", "/api/segments", createBody("On a list",
                anyOf("{\"type\":\"profile-group-membership\",\"is_member\":true,\"group_ids\":[\"" + list + "\"]}"), null));
        assertThat(ok.status()).as(ok.text()).isEqualTo(201);
    }

    @Test
    void activationEvaluatesTheStoredDefinitionWhichMustStillHold() {
        String list = api.post("create_list", "/api/lists", "{\"data\":{\"type\":\"list\",\"attributes\":{\"name\":\"Gone soon\"}}}")
                .data().get("id").asText();
        String p = newProfile(api, "listed@stale.eval.example.com");
        api.post("add_profiles_to_list", "/api/lists/" + list + "/relationships/profiles", "{\"data\":[{\"type\":\"profile\",\"id\":\"" + p + "\"}]}");
        String id = createSegment(api, "On a list", anyOf("{\"type\":\"profile-group-membership\",\"is_member\":true,"
                + "\"group_ids\":[\"" + list + "\"]}")).get("id").asText();
        assertThat(members(id)).containsOnlyKeys(p);
        api.patch("update_segment", "/api/segments/" + id, updateBody(id, "\"is_active\":false"));
        assertThat(api.delete("delete_list", "/api/lists/" + list, null).status()).isEqualTo(204);
        var stale = api.patch("update_segment", "/api/segments/" + id, updateBody(id, "\"is_active\":true"));
        assertThat(stale.status()).isEqualTo(400);
        assertThat(stale.error().at("/source/pointer").asText())
                .isEqualTo("/data/attributes/definition/condition_groups/0/conditions/0/group_ids/0");
        assertThat(api.get("get_segment", "/api/segments/" + id).data().at("/attributes/is_active").asBoolean()).isFalse();
        // Activation may carry the definition that replaces it.
        var fixed = api.patch("update_segment", "/api/segments/" + id,
                updateBody(id, "\"is_active\":true,\"definition\":" + emailEndsWith("@stale.eval.example.com")));
        assertThat(fixed.status()).as(fixed.text()).isEqualTo(200);
        assertThat(members(id)).containsOnlyKeys(p);
    }
}
