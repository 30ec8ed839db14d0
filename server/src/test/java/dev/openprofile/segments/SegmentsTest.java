package dev.openprofile.segments;

import static dev.openprofile.segments.SegmentFixtures.createBody;
import static dev.openprofile.segments.SegmentFixtures.createSegment;
import static dev.openprofile.segments.SegmentFixtures.emailEndsWith;
import static dev.openprofile.segments.SegmentFixtures.newProfile;
import static dev.openprofile.segments.SegmentFixtures.frozenSegment;
import static dev.openprofile.segments.SegmentFixtures.newSegment;
import static dev.openprofile.segments.SegmentFixtures.q;
import static dev.openprofile.segments.SegmentFixtures.stamp;
import static dev.openprofile.segments.SegmentFixtures.seedMember;
import static dev.openprofile.segments.SegmentFixtures.updateBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.MutableClock;
import dev.openprofile.testing.Pages;
import dev.openprofile.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The segment resource: create, get (with profile_count), update (with is_active's rules), delete, and get_segments. */
class SegmentsTest {
    static final MutableClock clock = new MutableClock(Instant.parse("2026-10-05T09:00:00Z"));
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

    @Test
    void createsWithKlaviyoShapedIdActiveNotProcessingNotStarred() {
        String now = stamp(clock.instant());
        JsonNode s = createSegment(api, "VIP", emailEndsWith("@vip.example.com"));
        String id = s.get("id").asText();
        assertThat(s.get("type").asText()).isEqualTo("segment");
        assertThat(id).matches("[A-Za-z0-9]{6}");
        JsonNode a = s.get("attributes");
        assertThat(a.get("name").asText()).isEqualTo("VIP");
        assertThat(a.at("/definition/condition_groups/0/conditions/0/property").asText()).isEqualTo("email");
        assertThat(a.get("is_active").asBoolean()).isTrue();
        assertThat(a.get("is_processing").asBoolean()).isFalse();
        assertThat(a.get("is_starred").asBoolean()).isFalse();
        assertThat(a.get("created").asText()).isEqualTo(now);
        assertThat(a.get("updated").asText()).isEqualTo(a.get("created").asText());
        assertThat(a.has("profile_count")).isFalse();
        assertThat(s.at("/links/self").asText()).isEqualTo(server.baseUrl() + "/api/segments/" + id + "/");
        for (String rel : List.of("profiles", "tags", "flow-triggers")) {
            assertThat(s.at("/relationships/" + rel + "/links/self").asText())
                    .isEqualTo(server.baseUrl() + "/api/segments/" + id + "/relationships/" + rel + "/");
            assertThat(s.at("/relationships/" + rel + "/links/related").asText())
                    .isEqualTo(server.baseUrl() + "/api/segments/" + id + "/" + rel + "/");
        }
        // The definition is returned as stored, on every read.
        assertThat(api.get("get_segment", "/api/segments/" + id).data()).isEqualTo(s);
        var starred = api.post("create_segment", "/api/segments",
                createBody("Starred", emailEndsWith("@star.example.com"), "\"is_starred\":true"));
        assertThat(starred.status()).isEqualTo(201);
        assertThat(starred.data().at("/attributes/is_starred").asBoolean()).isTrue();
        var nullStar = api.post("create_segment", "/api/segments",
                createBody("Null star", emailEndsWith("@star.example.com"), "\"is_starred\":null"));
        assertThat(nullStar.data().at("/attributes/is_starred").asBoolean()).isFalse();
    }

    @Test
    void createValidationPointsAtTheMemberAndCreatesNothing() {
        String def = emailEndsWith("@x.example.com");
        String[][] cases = {
                {"{\"data\":{\"type\":\"segment\",\"attributes\":{\"definition\":" + def + "}}}", "/data/attributes/name"},
                {createBody("", def, null), "/data/attributes/name"},
                {"{\"data\":{\"type\":\"segment\",\"attributes\":{\"name\":7,\"definition\":" + def + "}}}", "/data/attributes/name"},
                {"{\"data\":{\"type\":\"segment\",\"attributes\":{\"name\":null,\"definition\":" + def + "}}}", "/data/attributes/name"},
                {createBody("x".repeat(256), def, null), "/data/attributes/name"},
                {"{\"data\":{\"type\":\"segment\",\"attributes\":{\"name\":\"x\"}}}", "/data/attributes/definition"},
                {"{\"data\":{\"type\":\"segment\",\"attributes\":{\"name\":\"x\",\"definition\":null}}}", "/data/attributes/definition"},
                {"{\"data\":{\"type\":\"segment\",\"attributes\":{\"name\":\"x\",\"definition\":[]}}}", "/data/attributes/definition"},
                {createBody("x", "{}", null), "/data/attributes/definition/condition_groups"},
                {createBody("x", def, "\"is_starred\":\"yes\""), "/data/attributes/is_starred"},
                {createBody("x", def, "\"is_active\":false"), "/data/attributes/is_active"},
                {createBody("x", def, "\"is_processing\":false"), "/data/attributes/is_processing"},
                {createBody("x", def, "\"colour\":\"red\""), "/data/attributes/colour"},
                {"{\"data\":{\"type\":\"list\",\"attributes\":{\"name\":\"x\",\"definition\":" + def + "}}}", "/data/type"},
                {"{\"data\":{\"type\":\"segment\",\"id\":\"ABCDEF\",\"attributes\":{\"name\":\"x\",\"definition\":" + def + "}}}", "/data/id"},
                {"{\"data\":{\"type\":\"segment\"}}", "/data/attributes"},
        };
        int before = server.queryInt("select count(*) from segment");
        for (String[] c : cases) {
            var r = api.post("create_segment", "/api/segments", c[0]);
            assertThat(r.status()).as(c[0]).isEqualTo(400);
            assertThat(r.error().get("code").asText()).as(c[0]).isEqualTo("invalid");
            assertThat(r.error().at("/source/pointer").asText()).as(c[0]).startsWith(c[1]);
        }
        assertThat(server.queryInt("select count(*) from segment")).isEqualTo(before);
    }

    @Test
    void profileCountIsTheNumberOfMembersWhenAskedFor() {
        String id = frozenSegment(api, "Counted");
        for (int i = 0; i < 3; i++) seedMember(server, id, newProfile(api, "count" + i + "@segments.example.com"), clock.instant());
        var r = api.get("get_segment", "/api/segments/" + id + "?additional-fields%5Bsegment%5D=profile_count");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.data().at("/attributes/profile_count").asInt()).isEqualTo(3);
        var sparse = api.get("get_segment", "/api/segments/" + id
                + "?additional-fields%5Bsegment%5D=profile_count&fields%5Bsegment%5D=name,profile_count");
        assertThat(sparse.data().get("attributes").properties()).extracting(java.util.Map.Entry::getKey)
                .containsExactlyInAnyOrder("name", "profile_count");
        assertThat(api.get("get_segment", "/api/segments/" + id).data().at("/attributes").has("profile_count")).isFalse();
        assertThat(api.get("get_segment", "/api/segments/" + newSegment(api, "Empty") + "?additional-fields%5Bsegment%5D=profile_count")
                .data().at("/attributes/profile_count").asInt()).isZero();
    }

    @Test
    void updateRenamesStarsAndMovesUpdatedOnlyOnChange() {
        String id = newSegment(api, "Old name");
        clock.advance(Duration.ofMinutes(1));
        String later = stamp(clock.instant());
        var same = api.patch("update_segment", "/api/segments/" + id, updateBody(id, "\"name\":\"Old name\",\"is_starred\":false"));
        assertThat(same.status()).isEqualTo(200);
        assertThat(same.data().at("/attributes/updated").asText()).isEqualTo(same.data().at("/attributes/created").asText());
        var r = api.patch("update_segment", "/api/segments/" + id, updateBody(id, "\"name\":\"New name\",\"is_starred\":true"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.data().at("/attributes/name").asText()).isEqualTo("New name");
        assertThat(r.data().at("/attributes/is_starred").asBoolean()).isTrue();
        assertThat(r.data().at("/attributes/updated").asText()).isEqualTo(later);
        // null changes nothing (the spec marks every update attribute nullable)
        var nulls = api.patch("update_segment", "/api/segments/" + id,
                updateBody(id, "\"name\":null,\"definition\":null,\"is_starred\":null,\"is_active\":null"));
        assertThat(nulls.data()).isEqualTo(r.data());
        var redefined = api.patch("update_segment", "/api/segments/" + id,
                updateBody(id, "\"definition\":" + emailEndsWith("@redefined.example.com")));
        assertThat(redefined.data().at("/attributes/definition/condition_groups/0/conditions/0/filter/value").asText())
                .isEqualTo("@redefined.example.com");
        assertThat(api.get("get_segment", "/api/segments/" + id).data()).isEqualTo(redefined.data());
    }

    @Test
    void updateErrors() {
        String id = newSegment(api, "Errors");
        var mismatch = api.patch("update_segment", "/api/segments/" + id, updateBody("zzzzzz", "\"name\":\"X\""));
        assertThat(mismatch.status()).isEqualTo(409);
        assertThat(mismatch.error().at("/source/pointer").asText()).isEqualTo("/data/id");
        var missing = api.patch("update_segment", "/api/segments/AAAAAA", updateBody("AAAAAA", "\"name\":\"X\""));
        assertThat(missing.status()).isEqualTo(404);
        String[][] cases = {
                {"{\"data\":{\"type\":\"segment\",\"attributes\":{\"name\":\"X\"}}}", "/data/id"},
                {updateBody(id, "\"name\":\"\""), "/data/attributes/name"},
                {updateBody(id, "\"is_active\":\"no\""), "/data/attributes/is_active"},
                {updateBody(id, "\"is_starred\":1"), "/data/attributes/is_starred"},
                {updateBody(id, "\"definition\":\"all\""), "/data/attributes/definition"},
                {updateBody(id, "\"definition\":{\"condition_groups\":7}"), "/data/attributes/definition/condition_groups"},
                {updateBody(id, "\"is_processing\":true"), "/data/attributes/is_processing"},
                {"{\"data\":{\"type\":\"segment\",\"id\":\"" + id + "\",\"attributes\":{},\"relationships\":{}}}", "/data/relationships"},
        };
        for (String[] c : cases) {
            var r = api.patch("update_segment", "/api/segments/" + id, c[0]);
            assertThat(r.status()).as(c[0]).isEqualTo(400);
            assertThat(r.error().at("/source/pointer").asText()).as(c[0]).startsWith(c[1]);
        }
        assertThat(api.get("get_segment", "/api/segments/" + id).data().at("/attributes/name").asText()).isEqualTo("Errors");
    }

    @Test
    void deactivationMustBeTheOnlyChangeAndActivationMayCarryOthers() {
        String id = newSegment(api, "Switch");
        for (String other : List.of("\"name\":\"Renamed\"", "\"is_starred\":true", "\"definition\":" + emailEndsWith("@a.example.com"))) {
            var r = api.patch("update_segment", "/api/segments/" + id, updateBody(id, "\"is_active\":false," + other));
            assertThat(r.status()).as(other).isEqualTo(400);
            String attribute = other.substring(1, other.indexOf('"', 1));
            assertThat(r.error().at("/source/pointer").asText()).isEqualTo("/data/attributes/" + attribute);
            assertThat(r.error().get("detail").asText()).contains("Deactivation cannot be combined");
        }
        assertThat(api.get("get_segment", "/api/segments/" + id).data().at("/attributes/is_active").asBoolean()).isTrue();
        clock.advance(Duration.ofSeconds(5));
        var off = api.patch("update_segment", "/api/segments/" + id, updateBody(id, "\"is_active\":false,\"name\":null"));
        assertThat(off.status()).isEqualTo(200);
        assertThat(off.data().at("/attributes/is_active").asBoolean()).isFalse();
        assertThat(off.data().at("/attributes/updated").asText()).isNotEqualTo(off.data().at("/attributes/created").asText());
        // An inactive segment can still be renamed and starred.
        var renamed = api.patch("update_segment", "/api/segments/" + id, updateBody(id, "\"name\":\"Dormant\",\"is_starred\":true"));
        assertThat(renamed.data().at("/attributes/is_active").asBoolean()).isFalse();
        assertThat(renamed.data().at("/attributes/name").asText()).isEqualTo("Dormant");
        var on = api.patch("update_segment", "/api/segments/" + id, updateBody(id, "\"is_active\":true,\"name\":\"Awake\""));
        assertThat(on.status()).isEqualTo(200);
        assertThat(on.data().at("/attributes/is_active").asBoolean()).isTrue();
        assertThat(on.data().at("/attributes/name").asText()).isEqualTo("Awake");
    }

    @Test
    void deleteAnswers204ThenEveryEndpoint404s() {
        String id = frozenSegment(api, "Doomed");
        String p = newProfile(api, "doomed@segments.example.com");
        seedMember(server, id, p, clock.instant());
        var r = api.delete("delete_segment", "/api/segments/" + id, null);
        assertThat(r.status()).isEqualTo(204);
        assertThat(r.text()).isEmpty();
        var gone = api.get("get_segment", "/api/segments/" + id);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.error().at("/source/parameter").asText()).isEqualTo("id");
        assertThat(api.delete("delete_segment", "/api/segments/" + id, null).status()).isEqualTo(404);
        assertThat(SegmentFixtures.memberRows(server, id)).isZero();
        assertThat(api.get("get_profile", "/api/profiles/" + p).status()).isEqualTo(200);
    }

    @Test
    void anotherAccountsSegmentIsNotFoundEverywhere() {
        String mine = newSegment(api, "Mine");
        Api other = server.api(server.createKey("segments-other", Set.of("*")));
        String[][] reads = {
                {"get_segment", ""}, {"get_profiles_for_segment", "/profiles"}, {"get_profile_ids_for_segment", "/relationships/profiles"},
                {"get_tags_for_segment", "/tags"}, {"get_tag_ids_for_segment", "/relationships/tags"},
                {"get_flows_triggered_by_segment", "/flow-triggers"}, {"get_ids_for_flows_triggered_by_segment", "/relationships/flow-triggers"},
        };
        for (String[] op : reads) {
            assertThat(other.get(op[0], "/api/segments/" + mine + op[1]).status()).as(op[0]).isEqualTo(404);
        }
        assertThat(other.patch("update_segment", "/api/segments/" + mine, updateBody(mine, "\"name\":\"Stolen\"")).status()).isEqualTo(404);
        assertThat(other.delete("delete_segment", "/api/segments/" + mine, null).status()).isEqualTo(404);
        assertThat(other.get("get_segments", "/api/segments?filter=" + q("equals(id,'" + mine + "')")).data()).isEmpty();
        assertThat(api.get("get_segment", "/api/segments/" + mine).data().at("/attributes/name").asText()).isEqualTo("Mine");
    }

    @Test
    void getSegmentsPagesTenAtATimeWithEveryFilterAndSort() {
        // An account of its own, so that the other tests' segments do not show.
        Api own = server.api(server.createKey("segments-paging", Set.of("*")));
        Instant start = clock.instant();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 13; i++) {
            ids.add(createSegment(own, "paged-" + (char) ('m' - i), emailEndsWith("@p.example.com")).get("id").asText());
            clock.advance(Duration.ofSeconds(10));
        }
        // ids[0..12] are named m, l, ..., a: ascending names are the reverse of creation order.
        List<String> reversed = new ArrayList<>(ids);
        Collections.reverse(reversed);
        assertThat(Pages.walk(own, "get_segments", "/api/segments?sort=name&page%5Bsize%5D=4")).containsExactlyElementsOf(reversed);
        assertThat(Pages.walk(own, "get_segments", "/api/segments?sort=-name")).containsExactlyElementsOf(ids);
        assertThat(Pages.walk(own, "get_segments", "/api/segments?sort=created&page%5Bsize%5D=5")).containsExactlyElementsOf(ids);
        assertThat(Pages.walk(own, "get_segments", "/api/segments?sort=-created&page%5Bsize%5D=3")).containsExactlyElementsOf(reversed);
        List<String> byId = new ArrayList<>(ids);
        Collections.sort(byId);
        assertThat(Pages.walk(own, "get_segments", "/api/segments")).containsExactlyElementsOf(byId);
        List<String> byIdDesc = new ArrayList<>(byId);
        Collections.reverse(byIdDesc);
        assertThat(Pages.walk(own, "get_segments", "/api/segments?sort=-id")).containsExactlyElementsOf(byIdDesc);

        var first = own.get("get_segments", "/api/segments");
        assertThat(first.data()).hasSize(10);
        assertThat(first.body().at("/links/next").isNull()).isFalse();
        assertThat(own.get("get_segments", "/api/segments?page%5Bsize%5D=11").status()).isEqualTo(400);

        // Touch three: updated moves for them only.
        clock.advance(Duration.ofMinutes(5));
        Instant touched = clock.instant();
        for (int i : List.of(2, 4, 6)) {
            own.patch("update_segment", "/api/segments/" + ids.get(i), updateBody(ids.get(i), "\"is_starred\":true"));
        }
        own.patch("update_segment", "/api/segments/" + ids.get(8), updateBody(ids.get(8), "\"is_active\":false"));
        assertThat(Pages.walk(own, "get_segments", "/api/segments?sort=-updated&page%5Bsize%5D=2").subList(0, 4))
                .containsExactlyInAnyOrder(ids.get(2), ids.get(4), ids.get(6), ids.get(8));
        assertThat(Pages.walk(own, "get_segments", "/api/segments?sort=updated").subList(0, 2)).containsExactly(ids.get(0), ids.get(1));

        assertThat(names(own, "equals(name,'paged-m')")).containsExactly(ids.get(0));
        assertThat(names(own, "equals(name,['paged-m','paged-l'])")).containsExactlyInAnyOrder(ids.get(0), ids.get(1));
        assertThat(names(own, "any(name,['paged-a','paged-b'])")).containsExactlyInAnyOrder(ids.get(12), ids.get(11));
        assertThat(names(own, "equals(id,'" + ids.get(3) + "')")).containsExactly(ids.get(3));
        assertThat(names(own, "any(id,['" + ids.get(3) + "','" + ids.get(5) + "'])")).containsExactlyInAnyOrder(ids.get(3), ids.get(5));
        assertThat(names(own, "greater-than(created," + start.plusSeconds(105) + ")")).containsExactlyInAnyOrder(ids.get(11), ids.get(12));
        assertThat(names(own, "greater-than(updated," + touched.minusSeconds(1) + ")"))
                .containsExactlyInAnyOrder(ids.get(2), ids.get(4), ids.get(6), ids.get(8));
        assertThat(names(own, "equals(is_starred,true)")).containsExactlyInAnyOrder(ids.get(2), ids.get(4), ids.get(6));
        assertThat(names(own, "equals(is_active,false)")).containsExactly(ids.get(8));
        assertThat(names(own, "any(is_active,[true,false])")).hasSize(13);
        assertThat(names(own, "equals(is_active,true),equals(is_starred,false)")).hasSize(9);

        var sparse = own.get("get_segments", "/api/segments?fields%5Bsegment%5D=name,is_active&filter=" + q("equals(id,'" + ids.get(3) + "')"));
        assertThat(sparse.data().get(0).get("attributes").properties()).extracting(java.util.Map.Entry::getKey)
                .containsExactlyInAnyOrder("name", "is_active");
        var nested = own.get("get_segments", "/api/segments?fields%5Bsegment%5D=definition.condition_groups&filter="
                + q("equals(id,'" + ids.get(3) + "')"));
        assertThat(nested.data().get(0).at("/attributes/definition/condition_groups").isArray()).isTrue();
        assertThat(own.get("get_segments", "/api/segments?filter=" + q("less-than(created,2030-01-01T00:00:00Z)")).status()).isEqualTo(400);
        assertThat(own.get("get_segments", "/api/segments?filter=" + q("equals(definition,'x')")).status()).isEqualTo(400);
        assertThat(own.get("get_segments", "/api/segments?sort=is_active").status()).isEqualTo(400);
    }

    /** Every segment id a get_segments filter finds, across pages. */
    static List<String> names(Api a, String filter) {
        return Pages.walk(a, "get_segments", "/api/segments?filter=" + q(filter));
    }

    @Test
    void anUntaggedSegmentHasNoTagsAndItsFlowTriggersAreEmpty() {
        String id = newSegment(api, "No tags");
        for (String[] op : new String[][] {{"get_tags_for_segment", "/tags"}, {"get_tag_ids_for_segment", "/relationships/tags"},
                {"get_flows_triggered_by_segment", "/flow-triggers"}, {"get_ids_for_flows_triggered_by_segment", "/relationships/flow-triggers"}}) {
            var r = api.get(op[0], "/api/segments/" + id + op[1]);
            assertThat(r.status()).as(op[0]).isEqualTo(200);
            assertThat(r.data()).as(op[0]).isEmpty();
            assertThat(r.body().at("/links/self").asText()).as(op[0]).isEqualTo(server.baseUrl() + "/api/segments/" + id + op[1] + "/");
            assertThat(api.get(op[0], "/api/segments/AAAAAA" + op[1]).status()).as(op[0]).isEqualTo(404);
        }
        var one = api.get("get_segment", "/api/segments/" + id + "?include=tags,flow-triggers&fields%5Btag%5D=name");
        assertThat(one.body().get("included")).isEmpty();
        assertThat(one.data().at("/relationships/tags/data")).isEmpty();
        assertThat(one.data().at("/relationships/flow-triggers/data")).isEmpty();
        var many = api.get("get_segments", "/api/segments?include=tags&filter=" + q("equals(id,'" + id + "')"));
        assertThat(many.body().get("included")).isEmpty();
        assertThat(many.data().get(0).at("/relationships/tags/data")).isEmpty();
        assertThat(many.data().get(0).at("/relationships/flow-triggers").has("data")).isFalse();
        // include=tags needs tags:read as well (semantics §1).
        Api segmentsOnly = server.api(server.createKey("default", Set.of("segments:read")));
        assertThat(segmentsOnly.get("get_segment", "/api/segments/" + id + "?include=tags").status()).isEqualTo(403);
        assertThat(segmentsOnly.get("get_segment", "/api/segments/" + id).status()).isEqualTo(200);
    }
}
