package dev.openprofile.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openprofile.config.ConsoleAccess;
import dev.openprofile.testing.ConsoleClient;
import dev.openprofile.testing.TestDatabase;
import dev.openprofile.testing.TestServer;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every page a login can reach, by following the console's own links from its home: an account login's crawl never
 * shows another account's data, no crawl shows a key, and no page is a server error. The route-table sweep in
 * {@link ConsoleTest} covers the pages no link leads to.
 */
class ConsoleCrawlTest {
    private static final Pattern HREF = Pattern.compile("href=\"(/console[^\"#]*)\"");
    private static final int MAX_PAGES = 400;
    static TestServer server;
    static TestServer.Account mine;
    static TestServer.Account other;
    static String mineKey;
    static String otherKey;
    static final List<String> otherSecrets = new ArrayList<>();

    @BeforeAll
    static void start() {
        server = TestServer.start(TestDatabase.freshDatabase(), Map.of(ConsoleAccess.CONSOLE, "admin,accounts"), Clock.systemUTC());
        mine = server.newAccount("crawl-mine-");
        other = server.newAccount("crawl-other-");
        mineKey = server.createKey(mine.name(), Set.of("*"));
        otherKey = server.createKey(other.name(), Set.of("*"));
        for (TestServer.Account account : List.of(mine, other)) fill(account);
        otherSecrets.addAll(List.of(other.id(), other.name(), other.name() + "@example.com", "list of " + other.name()));
    }

    /** Data of every kind the console shows: profiles, an event (and its metric), a list with a member. */
    private static void fill(TestServer.Account account) {
        String email = account.name() + "@example.com";
        var profile = account.api().post("create_profile", "/api/profiles", """
                {"data":{"type":"profile","attributes":{"email":"%s","first_name":"F","properties":{"plan":"gold"}}}}"""
                .formatted(email));
        assertThat(profile.status()).isEqualTo(201);
        String profileId = profile.data().get("id").asText();
        assertThat(account.api().post("create_event", "/api/events", """
                {"data":{"type":"event","attributes":{"properties":{"sku":"X1"},"metric":{"data":{"type":"metric",
                "attributes":{"name":"Placed Order"}}},"profile":{"data":{"type":"profile","attributes":{"email":"%s"}}}}}}"""
                .formatted(email)).status()).isEqualTo(202);
        var list = account.api().post("create_list", "/api/lists", """
                {"data":{"type":"list","attributes":{"name":"list of %s"}}}""".formatted(account.name()));
        assertThat(list.status()).isEqualTo(201);
        assertThat(account.api().post("add_profiles_to_list", "/api/lists/" + list.data().get("id").asText()
                + "/relationships/profiles", "{\"data\":[{\"type\":\"profile\",\"id\":\"" + profileId + "\"}]}").status()).isEqualTo(204);
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    @Test
    void anAccountLoginReachesOnlyItsOwnData() {
        Map<String, HttpResponse<String>> pages = crawl(mineKey);
        assertThat(pages.keySet()).as("an account's crawl reaches its own pages").anyMatch(p -> p.contains("/profiles"))
                .allMatch(p -> !p.startsWith("/console/accounts/" + other.id()));
        pages.forEach((path, page) -> {
            for (String secret : otherSecrets) assertThat(page.body()).as(path).doesNotContain(secret);
        });
        assertThat(String.join("\n", pages.values().stream().map(HttpResponse::body).toList())).contains(mine.name() + "@example.com");
    }

    @Test
    void theOperatorsCrawlReachesEveryAccountAndNoPageFails() {
        Map<String, HttpResponse<String>> pages = crawl(TestServer.ADMIN_KEY);
        assertThat(pages.keySet()).anyMatch(p -> p.startsWith("/console/accounts/" + other.id()))
                .anyMatch(p -> p.startsWith("/console/accounts/" + mine.id()));
    }

    /**
     * Logs in with {@code key} and follows every /console link (GET only, logout and assets aside) breadth-first;
     * each page answers 200, with no key in it.
     */
    private static Map<String, HttpResponse<String>> crawl(String key) {
        ConsoleClient browser = new ConsoleClient(server.baseUrl());
        String home = browser.loginHome(key);
        Map<String, HttpResponse<String>> seen = new java.util.LinkedHashMap<>();
        Deque<String> queue = new ArrayDeque<>(List.of(home));
        Set<String> queued = new LinkedHashSet<>(queue);
        while (!queue.isEmpty() && seen.size() < MAX_PAGES) {
            String path = queue.poll();
            HttpResponse<String> page = browser.get(path);
            if (page.statusCode() == 303) {
                // A link may redirect (the brand link /console sends home), within the console and never to the login.
                String location = page.headers().firstValue("Location").orElseThrow();
                assertThat(location).as(path).startsWith("/console/").isNotEqualTo("/console/login");
                if (queued.add(location)) queue.add(location);
                continue;
            }
            seen.put(path, page);
            // A link the console renders leads to a page that works: no 404 for a page not built, no 5xx.
            assertThat(page.statusCode()).as(path).isEqualTo(200);
            for (String k : List.of(TestServer.ADMIN_KEY, TestServer.API_KEY, mineKey, otherKey)) {
                assertThat(page.body()).as(path).doesNotContain(k);
            }
            Matcher m = HREF.matcher(page.body());
            while (m.find()) {
                String link = m.group(1).replace("&amp;", "&");
                if (link.startsWith("/console/assets/") || link.startsWith("/console/logout") || link.contains("/export")) continue;
                if (queued.add(link)) queue.add(link);
            }
        }
        return seen;
    }
}
