package dev.openprofile.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openprofile.config.ConsoleAccess;
import dev.openprofile.testing.ConsoleClient;
import dev.openprofile.testing.TestDatabase;
import dev.openprofile.testing.TestServer;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keys & settings in the console: a created key is on the page answering the POST and nowhere after, works against
 * the API, and is refused once revoked; the settings are shown to an account login and changed by the operator only,
 * a bad one answered with the admin API's error and its source.
 */
class ConsoleKeysTest {
    private static final Pattern NEW_KEY = Pattern.compile("<code class=\"secret\" id=\"new-key\">(pk_[A-Za-z0-9]{34})</code>");
    static TestServer server;
    /** Every page but the one answering a key's creation. */
    static final List<String> pagesSeen = Collections.synchronizedList(new ArrayList<>());
    static final List<String> keysMade = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void start() {
        server = TestServer.start(TestDatabase.freshDatabase(), Map.of(ConsoleAccess.CONSOLE, "admin,accounts"), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        if (server == null) return;
        try {
            assertThat(keysMade).isNotEmpty();
            for (String page : pagesSeen) for (String key : keysMade) assertThat(page).doesNotContain(key);
        } finally {
            server.close();
        }
    }

    static ConsoleClient browser() {
        return new ConsoleClient(server.baseUrl(), pagesSeen::add);
    }

    /** Creates a key through the page; the key read off the answer, which is then dropped from {@link #pagesSeen}. */
    static String createKey(ConsoleClient browser, String base, Map<String, String> form) {
        HttpResponse<String> page = browser.submit(base + "/keys", form);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(201);
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
        Matcher m = NEW_KEY.matcher(page.body());
        assertThat(m.find()).as(page.body()).isTrue();
        keysMade.add(m.group(1));
        pagesSeen.remove(page.body());
        return m.group(1);
    }

    /** Logs {@code browser} into a new account (its second key: newAccount made the first); the account's path. */
    static String logIntoNewAccount(ConsoleClient browser, String prefix) {
        return browser.loginHome(server.createKey(server.newAccount(prefix).name(), Set.of("*")));
    }

    @Test
    void anAccountCreatesAKeyThatIsShownOnceWorksAndIsRefusedOnceRevoked() throws Exception {
        ConsoleClient browser = browser();
        String base = logIntoNewAccount(browser, "console-keys-");
        String key = createKey(browser, base, Map.of("label", "checkout <b>service</b>", "scope_kind", "list",
                "scopes", "profiles:read, lists:read"));
        assertThat(server.api(key).get("get_profiles", "/api/profiles").status()).isEqualTo(200);
        assertThat(server.api(key).get("get_events", "/api/events").status()).isEqualTo(403);

        HttpResponse<String> keys = browser.get(base + "/keys");
        assertThat(keys.statusCode()).isEqualTo(200);
        assertThat(keys.body()).contains("checkout &lt;b&gt;service&lt;/b&gt;").contains("profiles:read").contains("lists:read")
                .doesNotContain("<b>service</b>").doesNotContain("new-key");
        String keyId = keyIdOf(keys.body(), "checkout &lt;b&gt;service&lt;/b&gt;");

        HttpResponse<String> revoke = browser.submit(base + "/keys/" + keyId + "/revoke", Map.of());
        assertThat(revoke.statusCode()).isEqualTo(303);
        assertThat(revoke.headers().firstValue("Location")).hasValue(base + "/keys");
        assertThat(browser.get(base + "/keys").body()).contains("checkout &lt;b&gt;service&lt;/b&gt;");
        // The API refuses it once its key cache (5 s) lets go.
        long end = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        while (server.api(key).get("get_profiles", "/api/profiles").status() != 401) {
            assertThat(System.nanoTime()).as("the revoked key still works after 10 s").isLessThan(end);
            Thread.sleep(100);
        }
        // Revoking it again: the admin API's 404, shown with its parameter.
        HttpResponse<String> again = browser.submit(base + "/keys/" + keyId + "/revoke", Map.of());
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(again.body()).contains("has no active key with id").contains("parameter: key_id");
    }

    @Test
    void aBadScopeIsTheAdminApisErrorAndCreatesNothing() {
        ConsoleClient browser = browser();
        String base = logIntoNewAccount(browser, "console-badscope-");
        HttpResponse<String> page = browser.submit(base + "/keys", Map.of("label", "x", "scope_kind", "list", "scopes", "profiles:read everything"));
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("&#39;everything&#39; is not a scope").contains("pointer: /scopes/1").doesNotContain("new-key");
        assertThat(page.body().split("<tr><td>", -1)).hasSize(3); // the account's two keys only (newAccount's and the login's)
    }

    @Test
    void aLoginWithANarrowerKeyMakesNoKeyAndRevokesNone() {
        var account = server.newAccount("console-narrow-");
        ConsoleClient browser = browser();
        String base = browser.loginHome(server.createKey(account.name(), Set.of("profiles:read")));
        HttpResponse<String> keys = browser.get(base + "/keys");
        assertThat(keys.statusCode()).isEqualTo(200);
        assertThat(keys.body()).contains("needs a login with a key of every scope").doesNotContain("id=\"create-key\"")
                .doesNotContain("/revoke\"");
        String someKey = keys.body().replaceAll("(?s).*?<td><code>([^<]+)</code></td>.*", "$1");
        for (HttpResponse<String> refused : List.of(browser.submit(base + "/keys", Map.of("label", "wider")),
                browser.submit(base + "/keys/" + someKey + "/revoke", Map.of()))) {
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.body()).contains("a narrower key must not make a wider one");
        }
        assertThat(browser.get(base + "/keys").body()).doesNotContain("wider").contains("<span class=\"badge ok\">active</span></td>");
        assertThat(server.queryInt("select count(*) from api_key where account_id = '" + account.id() + "' and revoked is null")).isEqualTo(2);
    }

    @Test
    void revokingTheSessionsOwnKeyEndsTheSession() {
        ConsoleClient browser = browser();
        String base = logIntoNewAccount(browser, "console-ownkey-");
        HttpResponse<String> keys = browser.get(base + "/keys");
        assertThat(keys.body()).contains("Revoking the key you logged in with ends this console session at once");
        // The keys are listed oldest first: newAccount's, then the login's.
        Matcher ids = Pattern.compile("<td><code>([^<]+)</code></td>").matcher(keys.body());
        String own = null;
        while (ids.find()) own = ids.group(1);
        assertThat(browser.submit(base + "/keys/" + own + "/revoke", Map.of()).statusCode()).isEqualTo(303);
        assertThat(browser.get(base + "/keys").headers().firstValue("Location")).hasValue("/console/login");
    }

    @Test
    void settingsAreShownToTheAccountAndChangedByTheOperatorOnly() {
        ConsoleClient own = browser();
        String base = logIntoNewAccount(own, "console-settings-");
        HttpResponse<String> shown = own.get(base + "/keys");
        assertThat(shown.body()).contains("<dt>unsubscribe_scope</dt><dd>global</dd>").contains("<dt>timezone</dt>")
                .doesNotContain("action=\"" + base + "/settings\"").doesNotContain("/reset");
        HttpResponse<String> refused = own.submit(base + "/settings", Map.of("unsubscribe_scope", "list"));
        assertThat(refused.statusCode()).isEqualTo(403);

        ConsoleClient operator = browser();
        operator.loginHome(TestServer.ADMIN_KEY);
        HttpResponse<String> saved = operator.submit(base + "/settings", Map.of("unsubscribe_scope", "list", "timezone", "Europe/Paris",
                "sms_age_gate", "true"));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
        assertThat(operator.get(saved.headers().firstValue("Location").orElseThrow()).body()).contains("Settings saved.")
                .contains("value=\"Europe/Paris\"").contains("<option value=\"list\" selected>");
        assertThat(own.get(base + "/keys").body()).contains("<dt>unsubscribe_scope</dt><dd>list</dd>").contains("<dd>Europe/Paris</dd>");

        HttpResponse<String> bad = operator.submit(base + "/settings", Map.of("timezone", "Mars/Olympus"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("class=\"api-errors\"").contains("pointer: /timezone").contains("Mars/Olympus");
    }

    /** The id in the row of the key labelled {@code label}. */
    private static String keyIdOf(String page, String label) {
        Matcher m = Pattern.compile("<tr><td>" + Pattern.quote(label) + "[^<]*</td><td><code>([^<]+)</code>").matcher(page);
        assertThat(m.find()).as(page).isTrue();
        return m.group(1);
    }
}
