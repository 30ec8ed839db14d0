package dev.openprofile.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openprofile.testing.RawHttp;
import dev.openprofile.testing.SpecValidator;
import dev.openprofile.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Requests Jetty rejects before any route are answered with Klaviyo error documents, written whole
 * with {@code Connection: close}; {@code source.parameter} names the part rejected (docs/compatibility.md).
 */
class JettyRejectionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AUTH = "revision: 2026-07-15\r\nAuthorization: Klaviyo-API-Key " + TestServer.API_KEY + "\r\n";
    private static final String JSON_BODY = "Content-Type: application/vnd.api+json\r\n" + AUTH;
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Stream<Arguments> rejections() {
        String get = "GET /api/profiles HTTP/1.1\r\nHost: x\r\n";
        String post = "POST /api/profiles HTTP/1.1\r\nHost: x\r\n" + JSON_BODY;
        return Stream.of(
                Arguments.of("%00 in the path", "GET /api/pro%00files HTTP/1.1\r\nHost: x\r\n\r\n", 400, "invalid", "parameter", "path"),
                Arguments.of("bad percent-encoding in the path", "GET /api/profiles%ZZ HTTP/1.1\r\nHost: x\r\n\r\n", 400, "invalid", "parameter", "path"),
                Arguments.of("bad UTF-8 in the path", "GET /api/profiles/%C0%AF HTTP/1.1\r\nHost: x\r\n\r\n", 400, "invalid", "parameter", "path"),
                Arguments.of("a .. above the root", "GET /../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n", 400, "invalid", "parameter", "path"),
                Arguments.of("a target that is not a path", "GET api/profiles HTTP/1.1\r\nHost: x\r\n\r\n", 400, "invalid", "parameter", "path"),
                Arguments.of("a URI too long", "GET /api/profiles?x=" + "a".repeat(9000) + " HTTP/1.1\r\nHost: x\r\n\r\n",
                        414, "uri_too_long", "parameter", "path"),
                Arguments.of("headers too large", get + "X-Big: " + "b".repeat(9000) + "\r\n\r\n",
                        431, "request_header_fields_too_large", "parameter", "headers"),
                Arguments.of("a malformed header line", get + "Bad Header: v\r\n\r\n", 400, "invalid", "parameter", "headers"),
                Arguments.of("a folded header line", get + "X-A: v\r\n folded\r\n\r\n", 400, "invalid", "parameter", "headers"),
                Arguments.of("no Host", "GET /api/profiles HTTP/1.1\r\n\r\n", 400, "invalid", "parameter", "Host"),
                Arguments.of("two Hosts", get + "Host: y\r\n\r\n", 400, "invalid", "parameter", "Host"),
                Arguments.of("a bad Host", "GET /api/profiles HTTP/1.1\r\nHost: [::1\r\n\r\n", 400, "invalid", "parameter", "Host"),
                Arguments.of("an authority that is not the Host", "GET http://elsewhere/api/profiles HTTP/1.1\r\nHost: x\r\n\r\n",
                        400, "invalid", "parameter", "Host"),
                Arguments.of("two Content-Lengths", post + "Content-Length: 5\r\nContent-Length: 6\r\n\r\n{}", 400, "invalid", "parameter", "Content-Length"),
                Arguments.of("a Content-Length not a number", post + "Content-Length: abc\r\n\r\n{}", 400, "invalid", "parameter", "Content-Length"),
                Arguments.of("a Content-Length past a long", post + "Content-Length: 99999999999999999999\r\n\r\n{}",
                        400, "invalid", "parameter", "Content-Length"),
                Arguments.of("an unknown Transfer-Encoding", post + "Transfer-Encoding: gzip\r\n\r\n{}", 400, "invalid", "parameter", "Transfer-Encoding"),
                Arguments.of("Transfer-Encoding and Content-Length", post + "Transfer-Encoding: chunked\r\nContent-Length: 2\r\n\r\n2\r\n{}\r\n0\r\n\r\n",
                        400, "invalid", "parameter", "Transfer-Encoding"),
                Arguments.of("a bad chunk size", post + "Transfer-Encoding: chunked\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n", 400, "invalid", "pointer", "/data"),
                Arguments.of("a chunked body cut off", post + "Transfer-Encoding: chunked\r\n\r\n50\r\n{\"data\"", 400, "invalid", "pointer", "/data"),
                Arguments.of("a body shorter than its Content-Length", post + "Content-Length: 500\r\n\r\n{\"data\"", 400, "invalid", "pointer", "/data"),
                Arguments.of("an unknown HTTP version", "GET /api/profiles HTTP/3.7\r\nHost: x\r\n\r\n", 400, "invalid", "parameter", "version"),
                Arguments.of("HTTP/2 in an HTTP/1 request line", "GET /api/profiles HTTP/2.0\r\nHost: x\r\n\r\n", 400, "invalid", "parameter", "version"),
                Arguments.of("HTTP/0.9", "GET /api/profiles\r\n\r\n", 400, "invalid", "parameter", "version"),
                Arguments.of("a method that is not a token", "G@T /api/profiles HTTP/1.1\r\nHost: x\r\n\r\n", 400, "invalid", "parameter", "method"),
                Arguments.of("an expectation other than 100-continue", post + "Expect: banana\r\nContent-Length: 2\r\n\r\n{}",
                        417, "expectation_failed", "parameter", "Expect"),
                Arguments.of("an Accept Jetty's own page would honour", "GET /api/pro%00files HTTP/1.1\r\nHost: x\r\nAccept: text/html\r\n\r\n",
                        400, "invalid", "parameter", "path"),
                Arguments.of("an unknown method with a bad path", "FOO /api/pro%00files HTTP/1.1\r\nHost: x\r\n\r\n", 400, "invalid", "parameter", "path"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejections")
    void isAWholeKlaviyoErrorBeforeTheClose(String name, String request, int status, String code, String sourceKey, String sourceValue)
            throws Exception {
        RawHttp.Response r = RawHttp.exchange(server.port(), request.getBytes(StandardCharsets.ISO_8859_1), false, 10_000);
        assertThat(r.status()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/vnd.api+json");
        assertThat(r.header("Connection")).isEqualTo("close");
        JsonNode doc = JSON.readTree(r.body());
        SpecValidator.load().assertValid("get_profiles", status, doc);
        JsonNode error = doc.get("errors").get(0);
        assertThat(error.get("status").asInt()).isEqualTo(status);
        assertThat(error.get("code").asText()).isEqualTo(code);
        assertThat(error.get("detail").asText()).isNotBlank();
        assertThat(error.at("/source/" + sourceKey).asText()).isEqualTo(sourceValue);
    }

    @Test
    void aHeadRequestGetsTheHeadersWithoutTheBody() throws Exception {
        RawHttp.Response r = RawHttp.exchange(server.port(),
                "HEAD /api/pro%00files HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), true, 10_000);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.header("Content-Type")).startsWith("application/vnd.api+json");
    }

    @Test
    void anEncodedSlashIsAnUnknownRoute() throws Exception {
        RawHttp.Response r = RawHttp.exchange(server.port(),
                ("GET /api/profiles%2Fx HTTP/1.1\r\nHost: x\r\n" + AUTH + "\r\n").getBytes(StandardCharsets.ISO_8859_1), false, 10_000);
        assertThat(r.status()).isEqualTo(404);
        assertThat(JSON.readTree(r.body()).at("/errors/0/code").asText()).isEqualTo("not_found");
    }

    @Test
    void aPathParameterThatDoesNotDecodeIsA400AtThePath() throws Exception {
        // Jetty passes a ;parameter with a bad escape; Javalin would fail decoding the route's {id}.
        RawHttp.Response r = RawHttp.exchange(server.port(),
                ("GET /api/profiles/abc;jsessionid=1%ZZ HTTP/1.1\r\nHost: x\r\n" + AUTH + "\r\n").getBytes(StandardCharsets.ISO_8859_1),
                false, 10_000);
        assertThat(r.status()).isEqualTo(400);
        JsonNode doc = JSON.readTree(r.body());
        SpecValidator.load().assertValid("get_profile", 400, doc);
        assertThat(doc.at("/errors/0/code").asText()).isEqualTo("invalid");
        assertThat(doc.at("/errors/0/source/parameter").asText()).isEqualTo("path");
    }
}
