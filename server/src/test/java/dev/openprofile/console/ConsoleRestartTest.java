package dev.openprofile.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openprofile.config.ConsoleAccess;
import dev.openprofile.config.Settings;
import dev.openprofile.testing.TestDatabase;
import dev.openprofile.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sessions live in the database: a restart keeps them, a new admin key ends the operator's; https makes the cookie Secure. */
class ConsoleRestartTest {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @Test
    void aRestartKeepsSessionsAndAnotherAdminKeyEndsTheOperators() throws Exception {
        String database = TestDatabase.freshDatabase();
        Map<String, String> both = Map.of(ConsoleAccess.CONSOLE, "admin,accounts");
        String operator;
        String account;
        try (TestServer server = TestServer.start(database, both, Clock.systemUTC())) {
            operator = token(login(server, TestServer.ADMIN_KEY));
            account = token(login(server, TestServer.API_KEY));
        }
        String newAdminKey = "another-admin-key-0123456789";
        try (TestServer server = TestServer.start(database, Map.of(ConsoleAccess.CONSOLE, "admin,accounts",
                Settings.ADMIN_KEY, newAdminKey), Clock.systemUTC())) {
            HttpResponse<String> old = get(server, "/console/accounts", operator);
            assertThat(old.statusCode()).isEqualTo(303);
            assertThat(old.headers().firstValue("Location")).hasValue("/console/login");
            // The account's session outlived the restart (its key is the same); the operator's ended with the key.
            HttpResponse<String> home = get(server, "/console", account);
            assertThat(home.headers().firstValue("Location").orElseThrow()).startsWith("/console/accounts/");
            assertThat(get(server, home.headers().firstValue("Location").orElseThrow(), account).statusCode()).isEqualTo(200);
            assertThat(get(server, "/console/accounts", token(login(server, newAdminKey))).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void anHttpsBaseUrlMakesTheCookieSecure() throws Exception {
        try (TestServer server = TestServer.start(TestDatabase.freshDatabase(),
                Map.of(Settings.BASE_URL, "https://console.example"), Clock.systemUTC())) {
            HttpResponse<String> login = login(server, TestServer.ADMIN_KEY);
            assertThat(login.statusCode()).isEqualTo(303);
            assertThat(login.headers().firstValue("Set-Cookie").orElseThrow()).contains("; Secure").contains("; HttpOnly")
                    .contains("; SameSite=Strict").contains("; Path=/console");
        }
    }

    /** Opens the login form (its token, in the cookie and the form) and posts the key with both. */
    private static HttpResponse<String> login(TestServer server, String key) throws Exception {
        URI uri = URI.create("http://localhost:" + server.port() + "/console/login");
        HttpResponse<String> form = CLIENT.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        String cookie = form.headers().firstValue("Set-Cookie").orElseThrow();
        String token = cookie.substring((Console.LOGIN_COOKIE + "=").length(), cookie.indexOf(';'));
        assertThat(form.body()).contains("name=\"csrf\" value=\"" + token + "\"");
        return CLIENT.send(HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", Console.LOGIN_COOKIE + "=" + token)
                .POST(HttpRequest.BodyPublishers.ofString("key=" + key + "&csrf=" + token)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(TestServer server, String path, String token) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
                .header("Cookie", Console.COOKIE + "=" + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String token(HttpResponse<String> login) {
        assertThat(login.statusCode()).as(login.body()).isEqualTo(303);
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        return cookie.substring((Console.COOKIE + "=").length(), cookie.indexOf(';'));
    }
}
