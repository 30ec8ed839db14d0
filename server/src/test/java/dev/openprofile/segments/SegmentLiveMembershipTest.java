package dev.openprofile.segments;

import static dev.openprofile.segments.SegmentFixtures.anyOf;
import static dev.openprofile.segments.SegmentFixtures.createSegment;
import static dev.openprofile.segments.SegmentFixtures.newProfile;
import static dev.openprofile.segments.SegmentFixtures.updateBody;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openprofile.testing.Api;
import dev.openprofile.testing.MutableClock;
import dev.openprofile.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Membership follows the data: a read right after a write (a profile update, a list change, a consent
 * job, an event, a bulk import) sees the segment's new members, and conditions relative to now are
 * re-evaluated as the clock moves. Reads happen immediately after the write's answer, with no waiting.
 */
class SegmentLiveMembershipTest {
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

    static List<String> members(String segmentId) {
        var r = api.get("get_profile_ids_for_segment", "/api/segments/" + segmentId + "/relationships/profiles?page%5Bsize%5D=100");
        assertThat(r.status()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        r.data().forEach(d -> ids.add(d.get("id").asText()));
        return ids;
    }

    static String plan(String value) {
        return "{\"type\":\"profile-property\",\"property\":\"properties['Plan']\",\"filter\":{\"type\":\"string\","
                + "\"operator\":\"equals\",\"value\":\"" + value + "\"}}";
    }

    static void setPlan(String profileId, String value) {
        var r = api.patch("update_profile", "/api/profiles/" + profileId, "{\"data\":{\"type\":\"profile\",\"id\":\""
                + profileId + "\",\"attributes\":{\"properties\":{\"Plan\":\"" + value + "\"}}}}");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
    }

    @Test
    void aProfileUpdateMovesItInAndOutAtOnce() {
        String ada = newProfile(api, "ada@live.example.com");
        String segment = createSegment(api, "Gold", anyOf(plan("gold"))).get("id").asText();
        assertThat(members(segment)).isEmpty();

        setPlan(ada, "Gold");
        assertThat(members(segment)).containsExactly(ada);
        assertThat(api.get("get_segment_ids_for_profile", "/api/profiles/" + ada + "/relationships/segments").data())
                .extracting(d -> d.get("id").asText()).containsExactly(segment);

        setPlan(ada, "Silver");
        assertThat(members(segment)).isEmpty();
        assertThat(api.get("get_segment", "/api/segments/" + segment + "?additional-fields%5Bsegment%5D=profile_count")
                .data().at("/attributes/profile_count").asInt()).isZero();
    }

    @Test
    void listChangesAndBulkImportsAreSeen() {
        String list = api.post("create_list", "/api/lists", "{\"data\":{\"type\":\"list\",\"attributes\":{\"name\":\"Live\"}}}")
                .data().get("id").asText();
        String segment = createSegment(api, "On the list", anyOf("{\"type\":\"profile-group-membership\",\"is_member\":true,"
                + "\"group_ids\":[\"" + list + "\"]}")).get("id").asText();
        String grace = newProfile(api, "grace@live.example.com");
        String body = "{\"data\":[{\"type\":\"profile\",\"id\":\"" + grace + "\"}]}";
        assertThat(api.post("add_profiles_to_list", "/api/lists/" + list + "/relationships/profiles", body).status()).isEqualTo(204);
        assertThat(members(segment)).containsExactly(grace);
        assertThat(api.delete("remove_profiles_from_list", "/api/lists/" + list + "/relationships/profiles", body).status())
                .isEqualTo(204);
        assertThat(members(segment)).isEmpty();

        // 1,200 profiles (two chunks, COPY for the new ones) imported into the list
        String profiles = IntStream.range(0, 1200).mapToObj(i -> "{\"type\":\"profile\",\"attributes\":{\"email\":\"imp"
                + i + "@live.example.com\"}}").collect(Collectors.joining(","));
        var job = api.post("bulk_import_profiles", "/api/profile-bulk-import-jobs", "{\"data\":{\"type\":"
                + "\"profile-bulk-import-job\",\"attributes\":{\"profiles\":{\"data\":[" + profiles + "]}},"
                + "\"relationships\":{\"lists\":{\"data\":[{\"type\":\"list\",\"id\":\"" + list + "\"}]}}}}");
        assertThat(job.status()).as(job.text()).isEqualTo(202);
        server.awaitJobs();
        assertThat(api.get("get_segment", "/api/segments/" + segment + "?additional-fields%5Bsegment%5D=profile_count")
                .data().at("/attributes/profile_count").asInt()).isEqualTo(1200);
    }

    @Test
    void consentJobsAreSeenWhenTheyComplete() {
        String edsger = newProfile(api, "edsger@live.example.com");
        String segment = createSegment(api, "Subscribed", anyOf("{\"type\":\"profile-marketing-consent\",\"consent\":"
                + "{\"channel\":\"email\",\"can_receive_marketing\":true,\"consent_status\":{\"subscription\":\"subscribed\"}}}"))
                .get("id").asText();
        assertThat(members(segment)).isEmpty();
        assertThat(api.post("bulk_subscribe_profiles", "/api/profile-subscription-bulk-create-jobs",
                "{\"data\":{\"type\":\"profile-subscription-bulk-create-job\",\"attributes\":{\"profiles\":{\"data\":["
                        + "{\"type\":\"profile\",\"attributes\":{\"email\":\"edsger@live.example.com\",\"subscriptions\":"
                        + "{\"email\":{\"marketing\":{\"consent\":\"SUBSCRIBED\"}}}}}]}}}}").status()).isEqualTo(202);
        server.awaitJobs();
        assertThat(members(segment)).containsExactly(edsger);
        assertThat(api.post("bulk_suppress_profiles", "/api/profile-suppression-bulk-create-jobs",
                "{\"data\":{\"type\":\"profile-suppression-bulk-create-job\",\"attributes\":{\"profiles\":{\"data\":["
                        + "{\"type\":\"profile\",\"attributes\":{\"email\":\"edsger@live.example.com\"}}]}}}}").status())
                .isEqualTo(202);
        server.awaitJobs();
        assertThat(members(segment)).as("a suppressed profile cannot receive email").isEmpty();
    }

    @Test
    void anEventJoinsAndTimeMovesItOut() {
        String alan = newProfile(api, "alan@live.example.com");
        assertThat(api.post("create_event", "/api/events", "{\"data\":{\"type\":\"event\",\"attributes\":{\"properties\":{},"
                + "\"metric\":{\"data\":{\"type\":\"metric\",\"attributes\":{\"name\":\"Live Order\"}}},"
                + "\"profile\":{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"someone-else@live.example.com\"}}}}}}")
                .status()).isEqualTo(202);
        String metric = server.jdbc().read(c -> {
            try (var rs = c.createStatement().executeQuery("select id from metric where name = 'Live Order'")) {
                rs.next();
                return rs.getString(1);
            }
        });
        String segment = createSegment(api, "Ordered today", anyOf("{\"type\":\"profile-metric\",\"metric_id\":\"" + metric
                + "\",\"measurement\":\"count\",\"measurement_filter\":{\"type\":\"numeric\",\"operator\":\"greater-than\","
                + "\"value\":0},\"timeframe_filter\":{\"type\":\"date\",\"operator\":\"in-the-last\",\"unit\":\"day\","
                + "\"quantity\":1}}")).get("id").asText();
        assertThat(members(segment)).doesNotContain(alan);

        assertThat(api.post("create_event", "/api/events", "{\"data\":{\"type\":\"event\",\"attributes\":{\"properties\":{},"
                + "\"metric\":{\"data\":{\"type\":\"metric\",\"attributes\":{\"name\":\"Live Order\"}}},"
                + "\"profile\":{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"alan@live.example.com\"}}}}}}")
                .status()).isEqualTo(202);
        assertThat(members(segment)).contains(alan);

        clock.advance(Duration.ofDays(2));
        assertThat(members(segment)).as("no order in the last day any more").doesNotContain(alan).isEmpty();
        clock.advance(Duration.ofDays(-2));
    }

    @Test
    void anInactiveSegmentStaysFrozenUntilActivated() {
        String grace = newProfile(api, "frozen@live.example.com");
        String segment = createSegment(api, "Frozen", anyOf(plan("platinum"))).get("id").asText();
        assertThat(api.patch("update_segment", "/api/segments/" + segment, updateBody(segment, "\"is_active\":false")).status())
                .isEqualTo(200);
        setPlan(grace, "platinum");
        assertThat(members(segment)).isEmpty();
        assertThat(api.patch("update_segment", "/api/segments/" + segment, updateBody(segment, "\"is_active\":true")).status())
                .isEqualTo(200);
        assertThat(members(segment)).containsExactly(grace);
    }
}
