package dev.openprofile.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openprofile.testing.Api;
import dev.openprofile.testing.TestServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The protocol rules every endpoint shares: revision, media types, routing, sizes, error shape. */
class ProtocolTest {
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

    private static void assertError(Api.Response r, int status, String code, String parameter, String pointer) {
        assertThat(r.status()).isEqualTo(status);
        var e = r.error();
        assertThat(e.get("id").asText()).matches("[0-9a-f-]{36}");
        assertThat(e.get("status").asInt()).isEqualTo(status);
        assertThat(e.get("code").asText()).isEqualTo(code);
        assertThat(e.get("title").asText()).isNotBlank();
        assertThat(e.get("detail").asText()).isNotBlank();
        if (parameter != null) assertThat(e.at("/source/parameter").asText()).isEqualTo(parameter);
        if (pointer != null) assertThat(e.at("/source/pointer").asText()).isEqualTo(pointer);
    }

    @Test
    void missingRevisionIs400OnTheRevisionParameter() {
        var r = api.send("get_profiles", "GET", "/api/profiles", null, java.util.Collections.singletonMap("revision", null));
        assertError(r, 400, "invalid", "revision", null);
    }

    @Test
    void malformedRevisionIs400() {
        var r = api.send("get_profiles", "GET", "/api/profiles", null, Map.of("revision", "July 2026"));
        assertError(r, 400, "invalid", "revision", null);
        r = api.send("get_profiles", "GET", "/api/profiles", null, Map.of("revision", "2026-13-40"));
        assertError(r, 400, "invalid", "revision", null);
    }

    @Test
    void futureRevisionIsKlaviyos404() {
        var r = api.send("get_profiles", "GET", "/api/profiles", null, Map.of("revision", "2999-01-01"));
        assertError(r, 404, "not_found", "revision", null);
        assertThat(r.error().get("detail").asText()).isEqualTo("Unable to specify a future revision date.");
    }

    @Test
    void anyPastRevisionIsServed() {
        for (String rev : new String[] {"2023-02-22", "2024-02-15.pre", "2026-07-15"}) {
            var r = api.send("get_profiles", "GET", "/api/profiles", null, Map.of("revision", rev));
            assertThat(r.status()).as(rev).isEqualTo(200);
            assertThat(r.data().isArray()).isTrue();
        }
    }

    @Test
    void unknownRouteIsAKlaviyo404() {
        var r = api.send(null, "GET", "/api/no-such-thing", null, Map.of());
        assertError(r, 404, "not_found", null, "/data/");
    }

    @Test
    void wrongMethodIsAKlaviyo405() {
        var r = api.send(null, "PUT", "/api/profiles", "{}", Map.of());
        assertError(r, 405, "method_not_allowed", null, null);
    }

    @Test
    void pathsRouteWithAndWithoutTrailingSlash() {
        var plain = api.get("get_profiles", "/api/profiles");
        var slashed = api.get("get_profiles", "/api/profiles/");
        assertThat(plain.status()).isEqualTo(200);
        assertThat(slashed.status()).isEqualTo(200);
        assertThat(slashed.data()).isEqualTo(plain.data());
    }

    @Test
    void responsesAreJsonApi() {
        var r = api.get("get_profiles", "/api/profiles");
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/vnd.api+json");
    }

    @Test
    void plainJsonBodiesAreAccepted() {
        var r = api.send("create_profile", "POST", "/api/profiles",
                "{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"plain-json@example.com\"}}}",
                Map.of("Content-Type", "application/json; charset=utf-8"));
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.data().at("/attributes/email").asText()).isEqualTo("plain-json@example.com");
    }

    @Test
    void otherContentTypesAre415AndChangeNothing() {
        var r = api.send("create_profile", "POST", "/api/profiles",
                "{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"text-plain@example.com\"}}}",
                Map.of("Content-Type", "text/plain"));
        assertError(r, 415, "unsupported_media_type", null, null);
        var list = api.get("get_profiles", "/api/profiles?filter=equals(email,%22text-plain@example.com%22)");
        assertThat(list.data()).isEmpty();
    }

    @Test
    void malformedJsonIs400OnData() {
        var r = api.post("create_profile", "/api/profiles", "{\"data\": {");
        assertError(r, 400, "invalid", null, "/data");
    }

    @Test
    void bodiesPastTheParsersLimitsAre400OnData() {
        String deep = "{\"data\":" + "[".repeat(101) + "]".repeat(101) + "}";
        String longNumber = "{\"data\":" + "9".repeat(1001) + "}";
        String longName = "{\"" + "k".repeat(50_001) + "\":1}";
        for (String body : new String[] {deep, longNumber, longName}) {
            var r = api.post("create_profile", "/api/profiles", body);
            assertError(r, 400, "invalid", null, "/data");
            assertThat(r.error().get("detail").asText()).contains("exceeds the maximum allowed").doesNotContain("StreamReadConstraints");
        }
    }

    @Test
    void theNulCharacterIs400AtItsMemberAndStoresNothing() {
        // PostgreSQL's text cannot hold NUL: in a value, deep in a property, in a member name, in the query, in a path.
        var value = api.post("create_profile", "/api/profiles",
                "{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"nul@example.com\",\"first_name\":\"a\\u0000b\"}}}");
        assertError(value, 400, "invalid", null, "/data/attributes/first_name");
        var deep = api.post("create_profile", "/api/profiles", "{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":"
                + "\"nul@example.com\",\"properties\":{\"tags\":[\"ok\",\"x\\u0000\"]}}}}");
        assertError(deep, 400, "invalid", null, "/data/attributes/properties/tags/1");
        var name = api.post("create_profile", "/api/profiles", "{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":"
                + "\"nul@example.com\",\"properties\":{\"a\\u0000\":1}}}}");
        assertError(name, 400, "invalid", null, "/data/attributes/properties/a?");
        // An escaped backslash before "u0000" is no NUL.
        var literal = api.post("create_profile", "/api/profiles",
                "{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"nul-literal@example.com\",\"first_name\":\"a\\\\u0000\"}}}");
        assertThat(literal.status()).isEqualTo(201);
        assertThat(literal.data().at("/attributes/first_name").asText()).isEqualTo("a\\u0000");
        assertThat(api.get("get_profiles", "/api/profiles?filter=equals(email,%22nul@example.com%22)").data()).isEmpty();
        assertError(api.get("get_profiles", "/api/profiles?filter=equals(first_name,%22a%00%22)"), 400, "invalid", "filter", null);
        // Jetty refuses NUL in a path before any route (JettyErrorHandler answers Klaviyo's way).
        assertError(api.get("get_profile", "/api/profiles/ab%00c"), 400, "invalid", "path", null);
    }

    @Test
    void contentAfterTheDocumentIs400AndStoresNothing() {
        var r = api.post("create_profile", "/api/profiles",
                "{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"trailing@example.com\"}}} {}");
        assertError(r, 400, "invalid", null, "/data");
        var list = api.get("get_profiles", "/api/profiles?filter=equals(email,%22trailing@example.com%22)");
        assertThat(list.data()).isEmpty();
    }

    @Test
    void aCharsetOtherThanUtf8Is415() {
        for (String type : new String[] {"application/json; charset=klingon", "application/vnd.api+json; charset=iso-8859-1"}) {
            var r = api.send("create_profile", "POST", "/api/profiles",
                    "{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"charset@example.com\"}}}", Map.of("Content-Type", type));
            assertError(r, 415, "unsupported_media_type", "Content-Type", null);
        }
    }

    @Test
    void aCompressedBodyIs415() {
        var r = api.send("create_profile", "POST", "/api/profiles",
                "{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"gzip@example.com\"}}}", Map.of("Content-Encoding", "gzip"));
        assertError(r, 415, "unsupported_media_type", "Content-Encoding", null);
    }

    @Test
    void bodiesOverFiveMegabytesAre413() {
        String big = "{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"big@example.com\",\"properties\":{\"x\":\""
                + "a".repeat(5 * 1024 * 1024) + "\"}}}}";
        var r = api.post("create_or_update_profile", "/api/profile-import", big);
        assertError(r, 413, "request_too_large", null, null);
    }

    @Test
    void profilesOverOneHundredKilobytesAre413AndNotStored() {
        String big = "{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"big-profile@example.com\",\"properties\":{\"x\":\""
                + "a".repeat(101 * 1024) + "\"}}}}";
        var r = api.post("create_profile", "/api/profiles", big);
        assertError(r, 413, "request_too_large", null, "/data");
        assertThat(r.error().get("detail").asText()).contains("100KB");
        var list = api.get("get_profiles", "/api/profiles?filter=equals(email,%22big-profile@example.com%22)");
        assertThat(list.data()).isEmpty();
    }

    @Test
    void unknownQueryParametersAre400NamingThem() {
        var r = api.get("get_profiles", "/api/profiles?colour=blue");
        assertError(r, 400, "invalid", "colour", null);
    }

    @Test
    void repeatedQueryParametersAre400() {
        var r = api.get("get_profile", "/api/profiles/01ARZ3NDEKTSV4RRFFQ69G5FAV?include=lists&include=segments");
        assertError(r, 400, "invalid", "include", null);
    }

    @Test
    void unknownIncludeUsesKlaviyosWording() {
        var r = api.get("get_profiles", "/api/profiles?include=profiless");
        assertError(r, 400, "invalid", "include", null);
        assertThat(r.error().get("detail").asText()).isEqualTo("'profiless' is not an allowed include parameter for this resource.");
    }

    @Test
    void pageSizeOutOfRangeIs400() {
        for (String size : new String[] {"0", "101", "-1", "ten"}) {
            var r = api.get("get_profiles", "/api/profiles?page%5Bsize%5D=" + size);
            assertError(r, 400, "invalid", "page[size]", null);
        }
    }

    @Test
    void unknownSortIs400() {
        var r = api.get("get_profiles", "/api/profiles?sort=first_name");
        assertError(r, 400, "invalid", "sort", null);
    }

    @Test
    void unknownSparseFieldIs400() {
        var r = api.get("get_profiles", "/api/profiles?fields%5Bprofile%5D=email,shoe_size");
        assertError(r, 400, "invalid", "fields[profile]", null);
        assertThat(r.error().get("detail").asText()).contains("shoe_size");
    }

    @Test
    void garbageCursorIs400() {
        var r = api.get("get_profiles", "/api/profiles?page%5Bcursor%5D=not-a-cursor");
        assertError(r, 400, "invalid", "page[cursor]", null);
    }

    @Test
    void badFilterIs400NamingThePosition() {
        var r = api.get("get_profiles", "/api/profiles?filter=equals(email,me@test.com)");
        assertError(r, 400, "invalid", "filter", null);
        assertThat(r.error().get("detail").asText()).contains("position");
    }

    @Test
    void healthzAnswersOnceMigrated() throws Exception {
        var client = java.net.http.HttpClient.newHttpClient();
        var resp = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.baseUrl() + "/healthz")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(resp.statusCode()).isEqualTo(200);
        assertThat(resp.body()).contains("ok");
    }

    @Test
    void aServerErrorIsAKlaviyo500WithoutAStackTrace() {
        // A real fault, not a hook: the profile table disappears under the running server.
        server.jdbc().inTransaction(c -> c.createStatement().execute("alter table profile rename to profile_gone"));
        try {
            var r = api.get("get_profiles", "/api/profiles");
            assertError(r, 500, "error", null, null);
            assertThat(r.text()).doesNotContain("Exception").doesNotContain("profile_gone").doesNotContain("\tat ");
        } finally {
            server.jdbc().inTransaction(c -> c.createStatement().execute("alter table profile_gone rename to profile"));
        }
        assertThat(api.get("get_profiles", "/api/profiles").status()).isEqualTo(200);
    }
}
