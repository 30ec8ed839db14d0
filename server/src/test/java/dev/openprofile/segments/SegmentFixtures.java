package dev.openprofile.segments;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.TestServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** What the segment tests share: definitions, creating segments and profiles, seeding members by SQL. */
final class SegmentFixtures {
    private SegmentFixtures() {}

    /** A clock reading as Klaviyo writes it (whole seconds, +00:00). */
    static String stamp(Instant t) {
        return t.toString().replace("Z", "+00:00");
    }

    static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Profiles whose email ends with {@code suffix}: one profile-property condition (spec: StringOperatorStringFilter). */
    static String emailEndsWith(String suffix) {
        return anyOf(emailEnds(suffix));
    }

    /** A definition of one condition group: a profile is a member when any of the conditions holds. */
    static String anyOf(String... conditions) {
        return "{\"condition_groups\":[{\"conditions\":[" + String.join(",", conditions) + "]}]}";
    }

    static String emailEnds(String suffix) {
        return "{\"type\":\"profile-property\",\"property\":\"email\",\"filter\":{\"type\":\"string\",\"operator\":\"ends-with\","
                + "\"value\":\"" + suffix + "\"}}";
    }

    static String createBody(String name, String definition, String extra) {
        return "{\"data\":{\"type\":\"segment\",\"attributes\":{\"name\":\"" + name + "\",\"definition\":" + definition
                + (extra == null ? "" : "," + extra) + "}}}";
    }

    static String updateBody(String id, String attributes) {
        return "{\"data\":{\"type\":\"segment\",\"id\":\"" + id + "\",\"attributes\":{" + attributes + "}}}";
    }

    static JsonNode createSegment(Api api, String name, String definition) {
        var r = api.post("create_segment", "/api/segments", createBody(name, definition, null));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.data();
    }

    static String newSegment(Api api, String name) {
        return createSegment(api, name, emailEndsWith("@nobody.example.com")).get("id").asText();
    }

    /**
     * A segment deactivated at once, whose members a test seeds with SQL: an active one would re-evaluate
     * them (membership follows the data, and they do not match its definition); an inactive one keeps
     * its members as they are, which is what a test of the read side needs.
     */
    static String frozenSegment(Api api, String name) {
        String id = newSegment(api, name);
        var r = api.patch("update_segment", "/api/segments/" + id, updateBody(id, "\"is_active\":false"));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return id;
    }

    static String newProfile(Api api, String email) {
        var r = api.post("create_profile", "/api/profiles",
                "{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"" + email + "\"}}}");
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.data().get("id").asText();
    }

    /** Makes a profile a member as the engine would, joined at {@code joined} (tests of the read side). */
    static void seedMember(TestServer server, String segmentId, String profileId, Instant joined) {
        server.jdbc().inTransaction(c -> {
            try (var ps = c.prepareStatement("insert into segment_membership (account_id, segment_id, profile_id, joined_group_at) "
                    + "select account_id, id, ?, ? from segment where id = ?")) {
                ps.setString(1, profileId);
                ps.setObject(2, OffsetDateTime.ofInstant(joined, ZoneOffset.UTC));
                ps.setString(3, segmentId);
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
            return null;
        });
    }

    static int memberRows(TestServer server, String segmentId) {
        return server.queryInt("select count(*) from segment_membership where segment_id = '" + segmentId + "'");
    }
}
