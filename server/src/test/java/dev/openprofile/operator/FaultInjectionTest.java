package dev.openprofile.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.testing.AdminApi;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.TestServer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * POST/GET/DELETE /admin/faults: an injected fault answers exactly Klaviyo's error for its status, only
 * for its account and operation, as many times as its count (across threads and nodes), at its rate.
 */
class FaultInjectionTest {
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

    @AfterEach
    void clear() throws Exception {
        AdminApi.send(server, "DELETE", "/admin/faults", null);
    }

    static JsonNode admin(String method, String path, String body, int status) throws Exception {
        var r = AdminApi.send(server, method, path, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return r.body().isEmpty() ? null : Json.MAPPER.readTree(r.body());
    }

    @Test
    void aCountedServiceUnavailableStrikesExactlyItsCountThenExpires() throws Exception {
        JsonNode fault = admin("POST", "/admin/faults", "{\"account\":\"default\",\"operation\":\"get_profiles\","
                + "\"status\":503,\"rate\":1.0,\"count\":2,\"latency_ms\":0}", 201);
        assertThat(fault.get("id").asText()).isNotBlank();
        assertThat(fault.get("count").asInt()).isEqualTo(2);
        assertThat(admin("GET", "/admin/faults", null, 200).get("data").findValuesAsText("id")).containsExactly(fault.get("id").asText());
        for (int i = 0; i < 2; i++) {
            var r = api.get("get_profiles", "/api/profiles");
            assertThat(r.status()).isEqualTo(503);
            assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(r.error().get("code").asText()).isEqualTo("service_unavailable");
        }
        assertThat(api.get("get_profiles", "/api/profiles").status()).isEqualTo(200);
        assertThat(admin("GET", "/admin/faults", null, 200).get("data")).as("spent, the fault is gone").isEmpty();
    }

    @Test
    void aThrottledFaultIsKlaviyos429() throws Exception {
        admin("POST", "/admin/faults", "{\"status\":429,\"count\":1}", 201);
        var r = api.get("get_lists", "/api/lists");
        assertThat(r.status()).isEqualTo(429);
        assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
        JsonNode e = r.error();
        assertThat(e.get("code").asText()).isEqualTo("throttled");
        assertThat(e.get("title").asText()).isEqualTo("Request was throttled.");
        assertThat(e.get("detail").asText()).isEqualTo("Request was throttled. Expected available in 1 second.");
        assertThat(e.at("/source/pointer").asText()).isEqualTo("/data");
        assertThat(api.get("get_lists", "/api/lists").status()).isEqualTo(200);
    }

    @Test
    void eachServerErrorStatusAnswersItsKlaviyoDocument() throws Exception {
        for (int status : List.of(500, 502, 504)) {
            admin("POST", "/admin/faults", "{\"operation\":\"get_lists\",\"status\":" + status + ",\"count\":1}", 201);
            var r = api.get("get_lists", "/api/lists");
            assertThat(r.status()).isEqualTo(status);
            assertThat(r.error().get("status").asInt()).isEqualTo(status);
            assertThat(r.error().get("id").asText()).isNotBlank();
        }
        assertThat(api.get("get_lists", "/api/lists").status()).isEqualTo(200);
    }

    @Test
    void aFaultStrikesOnlyItsAccountAndOperation() throws Exception {
        String key = server.createKey("fault-other", Set.of("profiles:read", "lists:read"));
        admin("POST", "/admin/faults", "{\"account\":\"fault-other\",\"operation\":\"get_profiles\",\"status\":500}", 201);
        assertThat(api.get("get_profiles", "/api/profiles").status()).as("another account").isEqualTo(200);
        assertThat(server.api(key).get("get_lists", "/api/lists").status()).as("another operation").isEqualTo(200);
        assertThat(server.api(key).get("get_profiles", "/api/profiles").status()).isEqualTo(500);
        assertThat(server.api(key).get("get_profiles", "/api/profiles").status()).as("no count: until removed").isEqualTo(500);
        String id = admin("GET", "/admin/faults", null, 200).get("data").get(0).get("id").asText();
        admin("DELETE", "/admin/faults/" + id, null, 204);
        assertThat(server.api(key).get("get_profiles", "/api/profiles").status()).isEqualTo(200);
        admin("DELETE", "/admin/faults/" + id, null, 404);
    }

    @Test
    void latencyOnlyDelaysAndRateZeroNeverStrikes() throws Exception {
        admin("POST", "/admin/faults", "{\"operation\":\"get_lists\",\"latency_ms\":400,\"count\":1}", 201);
        long began = System.nanoTime();
        assertThat(api.get("get_lists", "/api/lists").status()).isEqualTo(200);
        assertThat((System.nanoTime() - began) / 1_000_000).isGreaterThanOrEqualTo(400);
        admin("POST", "/admin/faults", "{\"operation\":\"get_lists\",\"status\":500,\"rate\":0}", 201);
        for (int i = 0; i < 20; i++) assertThat(api.get("get_lists", "/api/lists").status()).isEqualTo(200);
    }

    @Test
    void aHalfRateStrikesAboutHalf() throws Exception {
        admin("POST", "/admin/faults", "{\"operation\":\"get_lists\",\"status\":500,\"rate\":0.5}", 201);
        int struck = 0;
        for (int i = 0; i < 200; i++) if (api.get("get_lists", "/api/lists").status() == 500) struck++;
        // Binomial(200, 0.5): outside [60, 140] with probability below 1e-8.
        assertThat(struck).isBetween(60, 140);
    }

    @Test
    void aCountIsExactUnderConcurrencyAndAcrossNodes() throws Exception {
        admin("POST", "/admin/faults", "{\"operation\":\"get_lists\",\"status\":503,\"count\":7}", 201);
        try (TestServer second = TestServer.start(server.jdbcUrl(), Map.of(), Clock.systemUTC());
             var pool = Executors.newFixedThreadPool(8)) {
            Api other = second.api();
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                Api node = i % 2 == 0 ? api : other;
                calls.add(() -> node.get("get_lists", "/api/lists").status());
            }
            int unavailable = 0;
            for (Future<Integer> f : pool.invokeAll(calls)) if (f.get() == 503) unavailable++;
            assertThat(unavailable).isEqualTo(7);
        }
    }

    @Test
    void malformedFaultsAreRefusedNamingTheMember() throws Exception {
        Map<String, String> bad = Map.of(
                "{\"status\":418}", "/status",
                "{\"status\":\"503\"}", "/status",
                "{\"latency_ms\":0}", "/status",
                "{\"status\":503,\"rate\":1.5}", "/rate",
                "{\"status\":503,\"count\":0}", "/count",
                "{\"status\":503,\"operation\":\"get_profilez\"}", "/operation",
                "{\"status\":503,\"latency_ms\":-1}", "/latency_ms",
                "{\"status\":503,\"stauts\":1}", "/stauts",
                "[1]", "/");
        for (var b : bad.entrySet()) {
            var r = AdminApi.send(server, "POST", "/admin/faults", b.getKey());
            assertThat(r.statusCode()).as(b.getKey()).isEqualTo(400);
            assertThat(Json.MAPPER.readTree(r.body()).at("/errors/0/source/pointer").asText()).as(b.getKey()).isEqualTo(b.getValue());
        }
        var unknown = AdminApi.send(server, "POST", "/admin/faults", "{\"account\":\"nobody-here\",\"status\":503}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(Json.MAPPER.readTree(unknown.body()).at("/errors/0/source/pointer").asText()).isEqualTo("/account");
        assertThat(admin("GET", "/admin/faults", null, 200).get("data")).as("nothing stored").isEmpty();
        for (String method : List.of("GET", "POST", "DELETE")) {
            assertThat(AdminApi.send(server, method, "/admin/faults", "{\"status\":503}", null).statusCode()).isEqualTo(401);
            assertThat(AdminApi.send(server, method, "/admin/faults", "{\"status\":503}", "not-the-admin-key-000").statusCode())
                    .isEqualTo(401);
        }
        assertThat(admin("GET", "/admin/faults", null, 200).get("data")).isEmpty();
    }
}
