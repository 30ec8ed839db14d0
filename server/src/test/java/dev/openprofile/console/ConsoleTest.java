package dev.openprofile.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openprofile.auth.AccountStore;
import dev.openprofile.auth.ApiKeys;
import dev.openprofile.config.ConsoleAccess;
import dev.openprofile.config.Settings;
import dev.openprofile.testing.TestDatabase;
import dev.openprofile.testing.ConsoleClient;
import dev.openprofile.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The web console over real HTTP, with a browser's cookie jar, on a server with both kinds of login on. */
class ConsoleTest {
    static TestServer server;
    /** Every page any test saw, to check that no key ever appears in one. */
    static final List<String> pagesSeen = java.util.Collections.synchronizedList(new ArrayList<>());
    static final List<String> keysUsed = java.util.Collections.synchronizedList(new ArrayList<>(List.of(TestServer.ADMIN_KEY, TestServer.API_KEY)));

    @BeforeAll
    static void start() {
        server = TestServer.start(TestDatabase.freshDatabase(), Map.of(ConsoleAccess.CONSOLE, "admin,accounts"), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        if (server == null) return;
        try {
            for (String page : pagesSeen) for (String key : keysUsed) assertThat(page).doesNotContain(key);
            assertThat(pagesSeen).isNotEmpty();
        } finally {
            server.close();
        }
    }

    /** A browser without script: every page it sees is kept for the no-key check. */
    static ConsoleClient newBrowser() {
        return new ConsoleClient(server.baseUrl(), pagesSeen::add);
    }

    private static String keyOf(String accountName) {
        String key = server.createKey(accountName, Set.of("*"));
        keysUsed.add(key);
        return key;
    }

    private static String accountId(String name) {
        return new AccountStore(server.jdbc()).account(name).orElseThrow().accountId();
    }

    @Test
    void theAdminKeyOpensTheOperatorsViewOfEveryAccount() {
        String name = "op-view-" + java.util.UUID.randomUUID();
        keyOf(name);
        ConsoleClient browser = newBrowser();
        HttpResponse<String> login = browser.login(TestServer.ADMIN_KEY);
        assertThat(login.statusCode()).isEqualTo(303);
        assertThat(login.headers().firstValue("Location")).hasValue("/console/accounts");
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).matches("op_console=[A-Za-z0-9_-]{43}; .*").contains("; HttpOnly").contains("; SameSite=Strict")
                .contains("; Path=/console").doesNotContain("Secure");
        String token = cookie.substring("op_console=".length(), cookie.indexOf(';'));
        // Only the token's hash is stored.
        assertThat(server.queryInt("select count(*) from console_session where token_hash = decode('"
                + java.util.HexFormat.of().formatHex(ApiKeys.hash(token)) + "', 'hex') and account_id is null")).isEqualTo(1);
        assertThat(server.queryInt("select count(*) from console_session where csrf_token = '" + token + "'")).isZero();

        HttpResponse<String> accounts = browser.get("/console/accounts");
        assertThat(accounts.statusCode()).isEqualTo(200);
        assertThat(accounts.body()).contains(name).contains(accountId(name))
                .contains(new AccountStore(server.jdbc()).account(name).orElseThrow().publicKey()).contains("default");
        assertThat(accounts.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("default-src 'self'").contains("frame-ancestors 'none'").doesNotContain("unsafe-inline");
        assertThat(accounts.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(accounts.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        // The operator opens any account's overview; its home is the accounts page.
        HttpResponse<String> overview = browser.get("/console/accounts/" + accountId(name));
        assertThat(overview.statusCode()).isEqualTo(200);
        assertThat(overview.body()).contains("<h1>" + name + "</h1>").contains(accountId(name));
        assertThat(browser.get("/console").headers().firstValue("Location")).hasValue("/console/accounts");
        assertThat(browser.get("/console/accounts/no-such-account").statusCode()).isEqualTo(404);
    }

    @Test
    void anAccountKeyOpensThatAccountsOverviewWithItsCounts() {
        var account = server.newAccount("own-view-");
        String key = keyOf(account.name());
        assertThat(account.api().post("create_profile", "/api/profiles",
                "{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"a@example.com\"}}}").status()).isEqualTo(201);
        ConsoleClient browser = newBrowser();
        HttpResponse<String> login = browser.login(key);
        assertThat(login.statusCode()).isEqualTo(303);
        assertThat(login.headers().firstValue("Location")).hasValue("/console/accounts/" + account.id());
        assertThat(login.headers().firstValue("Set-Cookie").orElseThrow()).contains("HttpOnly").contains("SameSite=Strict")
                .contains("Path=/console");
        assertThat(browser.get("/console").headers().firstValue("Location")).hasValue("/console/accounts/" + account.id());
        HttpResponse<String> home = browser.get("/console/accounts/" + account.id());
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("<h1>" + account.name() + "</h1>").contains(account.id())
                .contains("<td>Profiles</td><td>1</td>").contains("<td>Lists</td><td>0</td>")
                .contains("<td>Events</td><td>0</td>");
    }

    @Test
    void aWrongKeyIsA401WithoutACookie() {
        for (String wrong : List.of("pk_" + "x".repeat(34), "", TestServer.ADMIN_KEY + "x")) {
            ConsoleClient browser = newBrowser();
            HttpResponse<String> login = browser.login(wrong);
            assertThat(login.statusCode()).isEqualTo(401);
            assertThat(login.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith(Console.COOKIE + "="));
            assertThat(login.body()).contains("That key does not open the console.");
            if (!wrong.isEmpty()) assertThat(login.body()).doesNotContain(wrong);
            assertThat(browser.get("/console").statusCode()).isEqualTo(303);
        }
    }

    @Test
    void aMalformedLoginFormIsA4xxNeverA500() {
        for (String body : List.of("key=%zz", "key=%", "%=%", "key")) {
            HttpResponse<String> login = send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/console/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build());
            assertThat(login.statusCode()).as(body + ": " + login.body()).isBetween(400, 499);
            assertThat(login.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith(Console.COOKIE + "="));
        }
    }

    @Test
    void aLoginWithoutTheFormsOwnTokenIsRefused() {
        // A forged login (another site's form) has no op_login cookie, or a token that is not the cookie's.
        ConsoleClient forger = newBrowser();
        HttpResponse<String> noCookie = forger.post("/console/login", Map.of("key", TestServer.ADMIN_KEY, "csrf", "x".repeat(43)));
        assertThat(noCookie.statusCode()).isEqualTo(403);
        assertThat(noCookie.body()).contains("security token");
        forger.get("/console/login");
        HttpResponse<String> wrongToken = forger.post("/console/login", Map.of("key", TestServer.ADMIN_KEY, "csrf", "x".repeat(43)));
        assertThat(wrongToken.statusCode()).isEqualTo(403);
        for (HttpResponse<String> refused : List.of(noCookie, wrongToken)) {
            assertThat(refused.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith(Console.COOKIE + "="));
        }
        assertThat(forger.get("/console").headers().firstValue("Location")).hasValue("/console/login");
        // The login form's cookie is the login path's alone, HttpOnly and SameSite=Strict.
        assertThat(forger.get("/console/login").headers().firstValue("Set-Cookie").orElseThrow())
                .startsWith(Console.LOGIN_COOKIE + "=").contains("; Path=/console/login; HttpOnly; SameSite=Strict");
    }

    @Test
    void withoutASessionEveryPageSendsToTheLoginForm() {
        ConsoleClient browser = newBrowser();
        for (String path : List.of("/console", "/console/accounts", "/console/accounts/x")) {
            HttpResponse<String> page = browser.get(path);
            assertThat(page.statusCode()).isEqualTo(303);
            assertThat(page.headers().firstValue("Location")).hasValue("/console/login");
        }
        HttpResponse<String> form = browser.get("/console/login");
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("name=\"key\"").contains("type=\"password\"");
    }

    @Test
    void aPostWithoutTheRightCsrfTokenIsRefusedAndChangesNothing() {
        ConsoleClient browser = newBrowser();
        browser.login(TestServer.ADMIN_KEY);
        int sessions = server.queryInt("select count(*) from console_session");
        String csrf = browser.csrf();
        assertThat(csrf).hasSizeGreaterThanOrEqualTo(43);
        for (Map<String, String> form : List.of(Map.<String, String>of(), Map.of("csrf", ""), Map.of("csrf", csrf + "x"),
                Map.of("csrf", csrf.substring(1)))) {
            HttpResponse<String> logout = browser.post("/console/logout", form);
            assertThat(logout.statusCode()).isEqualTo(403);
            assertThat(logout.body()).contains("security token is missing or out of date");
            assertThat(logout.headers().firstValue("Set-Cookie")).isEmpty();
        }
        assertThat(server.queryInt("select count(*) from console_session")).isEqualTo(sessions);
        assertThat(browser.get("/console/accounts").statusCode()).isEqualTo(200);
    }

    @Test
    void logoutEndsTheSession() {
        ConsoleClient browser = newBrowser();
        String cookie = browser.login(TestServer.ADMIN_KEY).headers().firstValue("Set-Cookie").orElseThrow();
        String token = cookie.substring("op_console=".length(), cookie.indexOf(';'));
        HttpResponse<String> logout = browser.post("/console/logout", Map.of("csrf", browser.csrf()));
        assertThat(logout.statusCode()).isEqualTo(303);
        assertThat(logout.headers().firstValue("Location")).hasValue("/console/login");
        assertThat(logout.headers().firstValue("Set-Cookie").orElseThrow()).startsWith("op_console=;").contains("Max-Age=0");
        assertThat(browser.get("/console/accounts").statusCode()).isEqualTo(303);
        // The old cookie, kept by someone, opens nothing either: the session is gone from the table.
        HttpResponse<String> replayed = send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/console/accounts"))
                .header("Cookie", "op_console=" + token).build());
        assertThat(replayed.statusCode()).isEqualTo(303);
        assertThat(server.queryInt("select count(*) from console_session where token_hash = decode('"
                + java.util.HexFormat.of().formatHex(ApiKeys.hash(token)) + "', 'hex')")).isZero();
    }

    @Test
    void revokingTheKeyEndsItsSessions() {
        var account = server.newAccount("revoked-");
        String key = keyOf(account.name());
        ConsoleClient browser = newBrowser();
        browser.login(key);
        assertThat(browser.get("/console").headers().firstValue("Location").orElseThrow()).startsWith("/console/accounts/");
        String keyId = server.jdbc().read(c -> {
            try (var ps = c.prepareStatement("select key_id from api_key where key_hash = ?")) {
                ps.setBytes(1, ApiKeys.hash(key));
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
        assertThat(new AccountStore(server.jdbc()).revoke(keyId)).isTrue();
        assertThat(browser.get("/console").headers().firstValue("Location")).hasValue("/console/login");
        assertThat(browser.login(key).statusCode()).isEqualTo(401);
    }

    @Test
    void anAccountLoginOpensNoOperatorPageAndNoOtherAccountsData() {
        var mine = server.newAccount("mine-");
        var other = server.newAccount("other-");
        ConsoleClient browser = newBrowser();
        browser.login(keyOf(mine.name()));
        // Every route of the console, from its one table, with any other path parameter made up.
        List<String> routes = server.consoleRoutes();
        assertThat(routes).hasSizeGreaterThanOrEqualTo(7);
        for (String route : routes) {
            String[] parts = route.split(" ");
            String method = parts[0];
            String path = parts[1].replace("{account_id}", other.id()).replaceAll("\\{[a-z_]+}", "x");
            HttpResponse<String> page = method.equals("GET") ? browser.get(path) : browser.post(path, Map.of("key", "x"));
            assertThat(page.body()).as(route).doesNotContain(other.id()).doesNotContain(other.name());
            switch (Console.Access.valueOf(parts[2])) {
                case OPERATOR -> assertThat(page.statusCode()).as(route).isEqualTo(403);
                // Another account's pages answer as a missing account's.
                case ACCOUNT -> assertThat(page.statusCode()).as(route).isEqualTo(404);
                // A POST of a session route without its CSRF token is refused too.
                case SESSION -> assertThat(page.statusCode()).as(route).isIn(method.equals("GET") ? List.of(200, 303) : List.of(403));
                // The login POST without the login form's own token: 403.
                case OPEN -> assertThat(page.statusCode()).as(route).isIn(200, 401, 403, 404);
            }
        }
        assertThat(browser.get("/console/accounts/" + mine.id()).body()).contains(mine.id());
    }

    @Test
    void anAccountNameWithMarkupRendersInert() {
        String key = keyOf("<script>alert(1)</script>" + java.util.UUID.randomUUID());
        ConsoleClient operator = newBrowser();
        operator.login(TestServer.ADMIN_KEY);
        ConsoleClient account = newBrowser();
        String home = account.login(key).headers().firstValue("Location").orElseThrow();
        for (HttpResponse<String> page : List.of(operator.get("/console/accounts"), account.get(home))) {
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>");
        }
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
