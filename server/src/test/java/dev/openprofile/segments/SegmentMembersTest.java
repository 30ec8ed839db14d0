package dev.openprofile.segments;

import static dev.openprofile.segments.SegmentFixtures.newProfile;
import static dev.openprofile.segments.SegmentFixtures.frozenSegment;
import static dev.openprofile.segments.SegmentFixtures.newSegment;
import static dev.openprofile.segments.SegmentFixtures.q;
import static dev.openprofile.segments.SegmentFixtures.seedMember;
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
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Segment membership as clients read it: a segment's profiles with the spec's filters and keyset pages, a
 * profile's segments, include=segments, and bulk suppression of a segment's members. Members are seeded
 * as the engine writes them, so that the read side is tested on its own.
 */
class SegmentMembersTest {
    static final MutableClock clock = new MutableClock(Instant.parse("2026-10-06T10:00:00Z"));
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

    static List<String> ids(Api.Response r) {
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        r.data().forEach(d -> out.add(d.get("id").asText()));
        return out;
    }

    @Test
    void membersPageByJoinTimeWithTheSpecsFiltersAndSparseFields() {
        String segment = frozenSegment(api, "Paged members");
        List<String> ids = new ArrayList<>();
        List<Instant> joined = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String id = api.post("create_profile", "/api/profiles", "{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"m" + i
                    + "@seg-members.example.com\",\"phone_number\":\"+1415555" + (2000 + i) + "\"}}}").data().get("id").asText();
            ids.add(id);
            joined.add(clock.instant());
            seedMember(server, segment, id, clock.instant());
            clock.advance(Duration.ofSeconds(30));
        }
        String members = "/api/segments/" + segment + "/profiles";
        String memberIds = "/api/segments/" + segment + "/relationships/profiles";
        assertThat(Pages.walk(api, "get_profiles_for_segment", members + "?page%5Bsize%5D=3")).containsExactlyElementsOf(ids);
        List<String> desc = new ArrayList<>(ids);
        Collections.reverse(desc);
        assertThat(Pages.walk(api, "get_profile_ids_for_segment", memberIds + "?sort=-joined_group_at&page%5Bsize%5D=2"))
                .containsExactlyElementsOf(desc);
        assertThat(Pages.walk(api, "get_profiles_for_segment", members + "?sort=-joined_group_at")).containsExactlyElementsOf(desc);
        var first = api.get("get_profiles_for_segment", members);
        assertThat(first.data()).hasSize(7);
        assertThat(first.data().get(0).at("/attributes/joined_group_at").asText()).isEqualTo("2026-10-06T10:00:00+00:00");
        var ident = api.get("get_profile_ids_for_segment", memberIds + "?page%5Bsize%5D=1");
        assertThat(ident.data().get(0)).isEqualTo(new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()
                .put("type", "profile").put("id", ids.get(0)));

        Map<String, List<String>> filters = new java.util.LinkedHashMap<>();
        filters.put("any(email,['m2@seg-members.example.com','m5@seg-members.example.com'])", List.of(ids.get(2), ids.get(5)));
        filters.put("equals(email,'m4@seg-members.example.com')", List.of(ids.get(4)));
        filters.put("equals(email,['m1@seg-members.example.com'])", List.of(ids.get(1)));
        filters.put("equals(phone_number,'+14155552003')", List.of(ids.get(3)));
        filters.put("any(phone_number,['+14155552000','+14155552006'])", List.of(ids.get(0), ids.get(6)));
        filters.put("any(profile_id,['" + ids.get(1) + "','" + ids.get(6) + "'])", List.of(ids.get(1), ids.get(6)));
        filters.put("equals(profile_id,'" + ids.get(5) + "')", List.of(ids.get(5)));
        filters.put("equals(_kx,'no-such-exchange-id')", List.of());
        filters.put("greater-or-equal(joined_group_at," + joined.get(5) + ")", List.of(ids.get(5), ids.get(6)));
        filters.put("greater-than(joined_group_at," + joined.get(5) + ")", List.of(ids.get(6)));
        filters.put("less-than(joined_group_at," + joined.get(2) + ")", List.of(ids.get(0), ids.get(1)));
        filters.put("less-or-equal(joined_group_at," + joined.get(1) + ")", List.of(ids.get(0), ids.get(1)));
        filters.put("greater-than(joined_group_at," + joined.get(1) + "),less-than(joined_group_at," + joined.get(4) + ")",
                List.of(ids.get(2), ids.get(3)));
        filters.forEach((filter, expected) -> {
            assertThat(ids(api.get("get_profiles_for_segment", members + "?filter=" + q(filter)))).as(filter).containsExactlyElementsOf(expected);
            assertThat(ids(api.get("get_profile_ids_for_segment", memberIds + "?filter=" + q(filter)))).as(filter).containsExactlyElementsOf(expected);
        });
        // push_token: the members holding that registered token.
        assertThat(api.post("create_push_token", "/api/push-tokens", dev.openprofile.pushtokens.PushTokensTest.body(
                "seg-token", "android", "fcm", "", "{\"email\":\"m3@seg-members.example.com\"}")).status()).isEqualTo(202);
        assertThat(ids(api.get("get_profiles_for_segment", members + "?filter=" + q("equals(push_token,'seg-token')"))))
                .containsExactly(ids.get(3));
        assertThat(ids(api.get("get_profile_ids_for_segment", memberIds + "?filter=" + q("any(push_token,['abc','seg-token'])"))))
                .containsExactly(ids.get(3));
        assertThat(ids(api.get("get_profiles_for_segment", members + "?filter=" + q("equals(push_token,'abc')")))).isEmpty();
        assertThat(api.get("get_profiles_for_segment", members + "?filter=" + q("equals(first_name,'x')")).status()).isEqualTo(400);
        assertThat(api.get("get_profiles_for_segment", members + "?sort=email").status()).isEqualTo(400);
        assertThat(api.get("get_profiles_for_segment", members + "?page%5Bsize%5D=101").status()).isEqualTo(400);
        assertThat(api.get("get_profiles_for_segment", members + "?page%5Bsize%5D=100").data()).hasSize(7);
        assertThat(api.get("get_profiles_for_segment", "/api/segments/AAAAAA/profiles").status()).isEqualTo(404);
        assertThat(api.get("get_profile_ids_for_segment", "/api/segments/AAAAAA/relationships/profiles").status()).isEqualTo(404);

        var sparse = api.get("get_profiles_for_segment", members + "?fields%5Bprofile%5D=email&page%5Bsize%5D=1");
        assertThat(sparse.data().get(0).get("attributes").properties()).extracting(Map.Entry::getKey).containsExactly("email");
        var withJoined = api.get("get_profiles_for_segment", members + "?fields%5Bprofile%5D=email,joined_group_at&page%5Bsize%5D=1");
        assertThat(withJoined.data().get(0).get("attributes").properties()).extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrder("email", "joined_group_at");
        var subscriptions = api.get("get_profiles_for_segment", members + "?additional-fields%5Bprofile%5D=subscriptions&page%5Bsize%5D=1");
        assertThat(subscriptions.data().get(0).at("/attributes/subscriptions/email/marketing").isObject()).isTrue();
    }

    @Test
    void aProfilesSegmentsFromTheProfileSideAndInclude() {
        String s1 = frozenSegment(api, "Side A");
        String s2 = frozenSegment(api, "Side B");
        newSegment(api, "Side C, not a member");
        String p = newProfile(api, "side@seg-members.example.com");
        seedMember(server, s1, p, clock.instant());
        seedMember(server, s2, p, clock.instant());
        var segments = api.get("get_segments_for_profile", "/api/profiles/" + p + "/segments?fields%5Bsegment%5D=name");
        assertThat(ids(segments)).containsExactlyInAnyOrder(s1, s2);
        assertThat(segments.data().get(0).get("attributes").properties()).extracting(Map.Entry::getKey).containsExactly("name");
        assertThat(segments.body().at("/links/self").asText()).isEqualTo(server.baseUrl() + "/api/profiles/" + p + "/segments/?fields%5Bsegment%5D=name");
        var full = api.get("get_segments_for_profile", "/api/profiles/" + p + "/segments");
        assertThat(full.data().get(0).at("/attributes/definition/condition_groups").isArray()).isTrue();
        var rel = api.get("get_segment_ids_for_profile", "/api/profiles/" + p + "/relationships/segments");
        assertThat(ids(rel)).containsExactlyInAnyOrder(s1, s2);
        assertThat(rel.data()).extracting(d -> d.get("type").asText()).containsOnly("segment");
        String loner = newProfile(api, "loner@seg-members.example.com");
        assertThat(api.get("get_segments_for_profile", "/api/profiles/" + loner + "/segments").data()).isEmpty();
        assertThat(api.get("get_segments_for_profile", "/api/profiles/01ARZ3NDEKTSV4RRFFQ69G5FAV/segments").status()).isEqualTo(404);
        assertThat(api.get("get_segment_ids_for_profile", "/api/profiles/01ARZ3NDEKTSV4RRFFQ69G5FAV/relationships/segments").status())
                .isEqualTo(404);

        // The fieldset keeps the attributes the schema requires: the validator cannot relax them inside included's oneOf.
        var included = api.get("get_profile", "/api/profiles/" + p
                + "?include=segments&fields%5Bsegment%5D=name,is_active,is_processing,is_starred");
        JsonNode inc = included.body().get("included");
        assertThat(inc).extracting(d -> d.get("id").asText()).containsExactlyInAnyOrder(s1, s2);
        assertThat(inc.get(0).get("type").asText()).isEqualTo("segment");
        assertThat(inc.get(0).get("attributes").properties()).extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrder("name", "is_active", "is_processing", "is_starred");
        assertThat(included.data().at("/relationships/segments/data")).extracting(d -> d.get("id").asText())
                .containsExactlyInAnyOrder(s1, s2);
        String list = api.post("create_list", "/api/lists", "{\"data\":{\"type\":\"list\",\"attributes\":{\"name\":\"Side list\"}}}")
                .data().get("id").asText();
        api.post("add_profiles_to_list", "/api/lists/" + list + "/relationships/profiles", "{\"data\":[{\"type\":\"profile\",\"id\":\"" + p + "\"}]}");
        var both = api.get("get_profile", "/api/profiles/" + p + "?include=segments,lists");
        assertThat(both.body().get("included")).extracting(d -> d.get("type").asText() + ":" + d.get("id").asText())
                .containsExactlyInAnyOrder("segment:" + s1, "segment:" + s2, "list:" + list);
        var none = api.get("get_profile", "/api/profiles/" + loner + "?include=segments");
        assertThat(none.body().get("included")).isEmpty();
        assertThat(none.data().at("/relationships/segments/data")).isEmpty();

        // Both scopes: include=segments needs segments:read besides profiles:read (semantics §1).
        Api profilesOnly = server.api(server.createKey("default", Set.of("profiles:read")));
        assertThat(profilesOnly.get("get_profile", "/api/profiles/" + p + "?include=segments").status()).isEqualTo(403);
        assertThat(profilesOnly.get("get_segments_for_profile", "/api/profiles/" + p + "/segments").status()).isEqualTo(403);
        // Another account sees neither the profile nor the segment.
        Api other = server.api(server.createKey("seg-members-other", Set.of("*")));
        assertThat(other.get("get_segments_for_profile", "/api/profiles/" + p + "/segments").status()).isEqualTo(404);
        assertThat(other.get("get_profiles_for_segment", "/api/segments/" + s1 + "/profiles").status()).isEqualTo(404);
    }

    @Test
    void deletingAProfileOrASegmentTakesTheMembershipAlong() {
        String segment = frozenSegment(api, "Cascade");
        String keep = newProfile(api, "keep@seg-members.example.com");
        String doomed = newProfile(api, "doomed@seg-members.example.com");
        seedMember(server, segment, keep, clock.instant());
        seedMember(server, segment, doomed, clock.instant());
        // Profiles have no delete operation yet; the foreign key is what a later deletion relies on.
        server.jdbc().inTransaction(c -> c.createStatement().executeUpdate("delete from profile where id = '" + doomed + "'"));
        assertThat(ids(api.get("get_profile_ids_for_segment", "/api/segments/" + segment + "/relationships/profiles")))
                .containsExactly(keep);
        assertThat(api.delete("delete_segment", "/api/segments/" + segment, null).status()).isEqualTo(204);
        assertThat(SegmentFixtures.memberRows(server, segment)).isZero();
        assertThat(ids(api.get("get_segment_ids_for_profile", "/api/profiles/" + keep + "/relationships/segments"))).isEmpty();
    }

    static String suppression(String which, String segmentId) {
        return "{\"data\":{\"type\":\"profile-suppression-bulk-" + which + "-job\",\"attributes\":{},\"relationships\":{\"segment\":"
                + "{\"data\":{\"type\":\"segment\",\"id\":\"" + segmentId + "\"}}}}}";
    }

    static String suppressionReason(String profileId) {
        JsonNode s = api.get("get_profile", "/api/profiles/" + profileId + "?additional-fields%5Bprofile%5D=subscriptions")
                .data().at("/attributes/subscriptions/email/marketing/suppression");
        return s.isEmpty() ? null : s.get(0).get("reason").asText();
    }

    @Test
    void bulkSuppressionActsOnTheSegmentsCurrentMembers() {
        String segment = frozenSegment(api, "Suppressed");
        String a = newProfile(api, "sup-a@seg-members.example.com");
        String b = newProfile(api, "sup-b@seg-members.example.com");
        String outsider = newProfile(api, "sup-out@seg-members.example.com");
        seedMember(server, segment, a, clock.instant());
        seedMember(server, segment, b, clock.instant());
        var job = api.post("bulk_suppress_profiles", "/api/profile-suppression-bulk-create-jobs", suppression("create", segment));
        assertThat(job.status()).as(job.text()).isEqualTo(202);
        assertThat(job.data().at("/attributes/total_count").asInt()).isEqualTo(2);
        assertThat(job.data().at("/relationships/segments/data/0/id").asText()).isEqualTo(segment);
        server.awaitJobs();
        assertThat(suppressionReason(a)).isEqualTo("USER_SUPPRESSED");
        assertThat(suppressionReason(b)).isEqualTo("USER_SUPPRESSED");
        assertThat(suppressionReason(outsider)).isNull();
        String jobId = job.data().get("id").asText();
        var done = api.get("get_bulk_suppress_profiles_job", "/api/profile-suppression-bulk-create-jobs/" + jobId);
        assertThat(done.data().at("/attributes/status").asText()).isEqualTo("complete");
        assertThat(done.data().at("/attributes/completed_count").asInt()).isEqualTo(2);
        String bySegment = "?filter=" + q("equals(segment_id,'" + segment + "')");
        assertThat(ids(api.get("get_bulk_suppress_profiles_jobs", "/api/profile-suppression-bulk-create-jobs" + bySegment)))
                .containsExactly(jobId);
        assertThat(ids(api.get("get_bulk_suppress_profiles_jobs", "/api/profile-suppression-bulk-create-jobs?filter="
                + q("equals(segment_id,'AAAAAA')")))).isEmpty();

        var undo = api.post("bulk_unsuppress_profiles", "/api/profile-suppression-bulk-delete-jobs", suppression("delete", segment));
        assertThat(undo.status()).as(undo.text()).isEqualTo(202);
        server.awaitJobs();
        assertThat(suppressionReason(a)).isNull();
        assertThat(suppressionReason(b)).isNull();
        assertThat(ids(api.get("get_bulk_unsuppress_profiles_jobs", "/api/profile-suppression-bulk-delete-jobs" + bySegment)))
                .containsExactly(undo.data().get("id").asText());

        var unknown = api.post("bulk_suppress_profiles", "/api/profile-suppression-bulk-create-jobs", suppression("create", "AAAAAA"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.error().at("/source/pointer").asText()).isEqualTo("/data/relationships/segment/data/id");
        Api other = server.api(server.createKey("seg-suppress-other", Set.of("*")));
        assertThat(other.post("bulk_unsuppress_profiles", "/api/profile-suppression-bulk-delete-jobs", suppression("delete", segment))
                .status()).isEqualTo(404);
        String empty = newSegment(api, "Nobody");
        var none = api.post("bulk_suppress_profiles", "/api/profile-suppression-bulk-create-jobs", suppression("create", empty));
        assertThat(none.status()).isEqualTo(202);
        assertThat(none.data().at("/attributes/total_count").asInt()).isZero();
    }
}
