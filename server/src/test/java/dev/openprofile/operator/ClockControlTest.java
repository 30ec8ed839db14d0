package dev.openprofile.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.testing.AdminApi;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.TestServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GET/POST/DELETE /admin/clock: the operator's clock is what every timestamp and relative date reads. */
class ClockControlTest {
    static TestServer server;
    static Api api;

    @BeforeAll
    static void start() {
        server = TestServer.start(); // real time underneath: only the operator moves the clock here
        api = server.api();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void realTime() throws Exception {
        admin("DELETE", "/admin/clock", null, 200);
    }

    static JsonNode admin(String method, String path, String body, int status) throws Exception {
        var r = AdminApi.send(server, method, path, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return Json.MAPPER.readTree(r.body());
    }

    static String createProfile(String email) {
        var r = api.post("create_profile", "/api/profiles",
                "{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"" + email + "\"}}}");
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.data().at("/attributes/created").asText();
    }

    @Test
    void aFrozenClockStampsCreatedAndAdvancesOnRequest() throws Exception {
        JsonNode set = admin("POST", "/admin/clock", "{\"now\":\"2027-03-01T12:00:00Z\"}", 200);
        assertThat(set.get("now").asText()).isEqualTo("2027-03-01T12:00:00+00:00");
        assertThat(set.get("frozen").asBoolean()).isTrue();
        assertThat(createProfile("frozen@clock.example.com")).isEqualTo("2027-03-01T12:00:00+00:00");
        JsonNode advanced = admin("POST", "/admin/clock", "{\"advance_seconds\":3600}", 200);
        assertThat(advanced.get("now").asText()).isEqualTo("2027-03-01T13:00:00+00:00");
        assertThat(admin("GET", "/admin/clock", null, 200).get("now").asText()).isEqualTo("2027-03-01T13:00:00+00:00");
        assertThat(createProfile("advanced@clock.example.com")).isEqualTo("2027-03-01T13:00:00+00:00");

        JsonNode real = admin("DELETE", "/admin/clock", null, 200);
        assertThat(real.get("frozen").asBoolean()).isFalse();
        Instant now = OffsetDateTime.parse(real.get("now").asText()).toInstant();
        assertThat(Duration.between(now, Instant.now()).abs()).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void advancingARunningClockKeepsItRunning() throws Exception {
        JsonNode moved = admin("POST", "/admin/clock", "{\"advance_seconds\":86400}", 200);
        assertThat(moved.get("frozen").asBoolean()).isFalse();
        Instant now = OffsetDateTime.parse(moved.get("now").asText()).toInstant();
        assertThat(Duration.between(Instant.now().plus(Duration.ofDays(1)), now).abs()).isLessThan(Duration.ofSeconds(5));
        Instant created = OffsetDateTime.parse(createProfile("running@clock.example.com")).toInstant();
        assertThat(Duration.between(Instant.now().plus(Duration.ofDays(1)), created).abs()).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void movingTheClockMovesARelativeDateSegmentCondition() throws Exception {
        admin("POST", "/admin/clock", "{\"now\":\"2027-05-01T09:00:00Z\"}", 200);
        String event = "{\"data\":{\"type\":\"event\",\"attributes\":{\"properties\":{},"
                + "\"metric\":{\"data\":{\"type\":\"metric\",\"attributes\":{\"name\":\"Clock Order\"}}},"
                + "\"profile\":{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"%s\"}}}}}}";
        assertThat(api.post("create_event", "/api/events", event.formatted("ada@clock.example.com")).status()).isEqualTo(202);
        server.awaitJobs();
        String metric = server.jdbc().read(c -> {
            try (var rs = c.createStatement().executeQuery("select id from metric where name = 'Clock Order'")) {
                rs.next();
                return rs.getString(1);
            }
        });
        String ada = api.get("get_profiles", "/api/profiles?filter=" + java.net.URLEncoder.encode(
                "equals(email,\"ada@clock.example.com\")", java.nio.charset.StandardCharsets.UTF_8)).data().get(0).get("id").asText();
        var segment = api.post("create_segment", "/api/segments", "{\"data\":{\"type\":\"segment\",\"attributes\":{"
                + "\"name\":\"Ordered in the last 30 days\",\"definition\":{\"condition_groups\":[{\"conditions\":[{"
                + "\"type\":\"profile-metric\",\"metric_id\":\"" + metric + "\",\"measurement\":\"count\","
                + "\"measurement_filter\":{\"type\":\"numeric\",\"operator\":\"greater-than\",\"value\":0},"
                + "\"timeframe_filter\":{\"type\":\"date\",\"operator\":\"in-the-last\",\"unit\":\"day\",\"quantity\":30}}]}]}}}}");
        assertThat(segment.status()).as(segment.text()).isEqualTo(201);
        String members = "/api/segments/" + segment.data().get("id").asText() + "/profiles";
        assertThat(api.get("get_profiles_for_segment", members).data().findValuesAsText("id")).containsExactly(ada);

        admin("POST", "/admin/clock", "{\"advance_seconds\":" + 29 * 86400 + "}", 200);
        assertThat(api.get("get_profiles_for_segment", members).data().findValuesAsText("id")).containsExactly(ada);
        admin("POST", "/admin/clock", "{\"advance_seconds\":" + 2 * 86400 + "}", 200);
        assertThat(api.get("get_profiles_for_segment", members).data()).as("the order is 31 days old").isEmpty();
        // Moved back, the condition holds again.
        admin("POST", "/admin/clock", "{\"now\":\"2027-05-02T09:00:00Z\"}", 200);
        assertThat(api.get("get_profiles_for_segment", members).data().findValuesAsText("id")).containsExactly(ada);
    }

    @Test
    void anotherNodeOnTheDatabaseFollowsTheClockWithinASecond() throws Exception {
        try (TestServer second = TestServer.start(server.jdbcUrl(), Map.of(), Clock.systemUTC())) {
            admin("POST", "/admin/clock", "{\"now\":\"2028-01-01T00:00:00Z\"}", 200);
            String seen = "";
            for (int i = 0; i < 30 && !seen.equals("2028-01-01T00:00:00+00:00"); i++) {
                Thread.sleep(100);
                seen = Json.MAPPER.readTree(AdminApi.send(second, "GET", "/admin/clock", null).body()).get("now").asText();
            }
            assertThat(seen).isEqualTo("2028-01-01T00:00:00+00:00");
        }
    }

    @Test
    void malformedSettingsAreRefusedNamingTheMember() throws Exception {
        Map<String, String> bad = Map.of(
                "{\"now\":\"2026-07-14T23:59:59Z\"}", "/now",
                "{\"now\":\"tomorrow\"}", "/now",
                "{\"now\":\"2027-01-01T00:00:00\"}", "/now",
                "{\"now\":20270101}", "/now",
                "{}", "/now",
                "{\"now\":\"2027-01-01T00:00:00Z\",\"advance_seconds\":1}", "/now",
                "{\"advance_seconds\":-60}", "/advance_seconds",
                "{\"advance_seconds\":1.5}", "/advance_seconds",
                "{\"frozen\":true}", "/frozen");
        for (var b : bad.entrySet()) {
            var r = AdminApi.send(server, "POST", "/admin/clock", b.getKey());
            assertThat(r.statusCode()).as(b.getKey()).isEqualTo(400);
            assertThat(Json.MAPPER.readTree(r.body()).at("/errors/0/source/pointer").asText()).as(b.getKey()).isEqualTo(b.getValue());
        }
        assertThat(admin("GET", "/admin/clock", null, 200).get("frozen").asBoolean()).as("nothing changed").isFalse();
        assertThat(AdminApi.send(server, "POST", "/admin/clock", "{\"advance_seconds\":60}", null).statusCode()).isEqualTo(401);
        assertThat(AdminApi.send(server, "DELETE", "/admin/clock", null, "wrong-key-0123456789").statusCode()).isEqualTo(401);
        assertThat(AdminApi.send(server, "GET", "/admin/clock", null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void theAdminApiIsAbsentWithoutAKey() throws Exception {
        try (TestServer off = TestServer.start(dev.openprofile.testing.TestDatabase.freshDatabase(),
                Map.of(dev.openprofile.config.Settings.ADMIN_KEY, ""), Clock.systemUTC())) {
            for (String path : new String[] {"/admin/clock", "/admin/faults", "/admin/requests"}) {
                var r = AdminApi.send(off, "GET", path, null);
                assertThat(r.statusCode()).as(path).isEqualTo(404);
                assertThat(r.body()).contains("OPENPROFILE_ADMIN_KEY");
            }
        }
    }
}
