package dev.openprofile.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openprofile.config.ConsoleAccess;
import dev.openprofile.testing.ConsoleClient;
import dev.openprofile.testing.TestDatabase;
import dev.openprofile.testing.TestServer;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The profiles table and a profile's page over plain HTTP, with data put in through the public API. */
class ConsoleProfilesTest {
    private static final Pattern ROW_LINK = Pattern.compile("<a href=\"/console/accounts/[^/]+/profiles/([^\"]+)\">");
    private static final Pattern NEXT = Pattern.compile("<a rel=\"next\" href=\"([^\"]+)\">");
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(TestDatabase.freshDatabase(), Map.of(ConsoleAccess.CONSOLE, "admin,accounts"), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    private static String createProfile(TestServer.Account account, String attributes) {
        var r = account.api().post("create_profile", "/api/profiles", "{\"data\":{\"type\":\"profile\",\"attributes\":" + attributes + "}}");
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.data().get("id").asText();
    }

    private static ConsoleClient loggedIn(TestServer.Account account) {
        ConsoleClient browser = new ConsoleClient(server.baseUrl());
        browser.loginHome(server.createKey(account.name(), Set.of("*")));
        return browser;
    }

    private static String profiles(TestServer.Account account, String query) {
        return "/console/accounts/" + account.id() + "/profiles" + query;
    }

    private static String filter(String f) {
        return "?filter=" + URLEncoder.encode(f, StandardCharsets.UTF_8);
    }

    private static List<String> rowIds(String page) {
        List<String> ids = new ArrayList<>();
        Matcher m = ROW_LINK.matcher(page);
        while (m.find()) ids.add(m.group(1));
        return ids;
    }

    @Test
    void theTableListsTheAccountsProfilesAndAFilterNarrowsIt() {
        var account = server.newAccount("table-");
        String ada = createProfile(account, "{\"email\":\"ada@example.com\",\"phone_number\":\"+15005550006\",\"external_id\":\"ext-ada\","
                + "\"first_name\":\"Ada\",\"last_name\":\"Lovelace\"}");
        String alan = createProfile(account, "{\"email\":\"alan@example.com\",\"first_name\":\"Alan\",\"last_name\":\"<b>Turing</b>\"}");
        createProfile(server.newAccount("elsewhere-"), "{\"email\":\"someone-else@example.com\"}");
        ConsoleClient browser = loggedIn(account);

        HttpResponse<String> all = browser.get(profiles(account, ""));
        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(rowIds(all.body())).containsExactlyInAnyOrder(ada, alan);
        assertThat(all.body()).contains(">ada@example.com</a>").contains("<td>+15005550006</td>").contains("<td>ext-ada</td>")
                .contains("<td>Ada Lovelace</td>").contains("<td>Alan &lt;b&gt;Turing&lt;/b&gt;</td>").doesNotContain("<b>Turing")
                .doesNotContain("someone-else@example.com");

        HttpResponse<String> one = browser.get(profiles(account, filter("equals(email,\"alan@example.com\")")));
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(rowIds(one.body())).containsExactly(alan);
        // The box shows the filter as typed, escaped.
        assertThat(one.body()).contains("value=\"equals(email,&quot;alan@example.com&quot;)\"");
        assertThat(rowIds(browser.get(profiles(account, filter("any(email,[\"ada@example.com\",\"nobody@example.com\"])"))).body()))
                .containsExactly(ada);
        assertThat(browser.get(profiles(account, filter("equals(email,\"nobody@example.com\")"))).body())
                .contains("No profiles match this filter.");
        // A sort the API allows, in its order.
        HttpResponse<String> byEmailDesc = browser.get(profiles(account, "?sort=-email"));
        assertThat(rowIds(byEmailDesc.body())).containsExactly(alan, ada);
        assertThat(byEmailDesc.body()).contains("<option value=\"-email\" selected>");
    }

    @Test
    void aBadFilterOrSortShowsTheApisErrorWithItsParameter() {
        var account = server.newAccount("bad-filter-");
        createProfile(account, "{\"email\":\"x@example.com\"}");
        ConsoleClient browser = loggedIn(account);
        HttpResponse<String> bad = browser.get(profiles(account, filter("equals(nickname,\"<x>\")")));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("class=\"api-errors\"").contains("<code class=\"source\">parameter: filter</code>")
                .doesNotContain("<x>");
        assertThat(rowIds(bad.body())).isEmpty();
        // The very error the API answers over HTTP.
        var api = account.api().get("get_profiles", "/api/profiles?filter=" + URLEncoder.encode("equals(nickname,\"<x>\")", StandardCharsets.UTF_8));
        assertThat(api.status()).isEqualTo(400);
        String detail = api.error().get("detail").asText();
        assertThat(bad.body()).contains(detail.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;"));

        HttpResponse<String> garbled = browser.get(profiles(account, filter("equals(email,")));
        assertThat(garbled.statusCode()).isEqualTo(400);
        assertThat(garbled.body()).contains("parameter: filter");
        HttpResponse<String> sort = browser.get(profiles(account, "?sort=nickname"));
        assertThat(sort.statusCode()).isEqualTo(400);
        assertThat(sort.body()).contains("parameter: sort");
        assertThat(browser.get(profiles(account, "?cursor=garbage")).body()).contains("parameter: page[cursor]");
    }

    @Test
    void theCursorWalksEveryProfileOnceAndBack() {
        var account = server.newAccount("paging-");
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 120; i++) created.add(createProfile(account, "{\"email\":\"p" + i + "@paging.example\"}"));
        ConsoleClient browser = loggedIn(account);
        List<String> seen = new ArrayList<>();
        List<String> pages = new ArrayList<>();
        String path = profiles(account, "?sort=-created");
        while (path != null) {
            HttpResponse<String> page = browser.get(path);
            assertThat(page.statusCode()).isEqualTo(200);
            pages.add(path);
            List<String> ids = rowIds(page.body());
            assertThat(ids.size()).isLessThanOrEqualTo(ProfilesSection.PAGE_SIZE);
            seen.addAll(ids);
            Matcher next = NEXT.matcher(page.body());
            path = next.find() ? next.group(1).replace("&amp;", "&") : null;
            if (path != null) assertThat(path).contains("sort=-created").contains("cursor=");
        }
        assertThat(pages).hasSize(3);
        assertThat(seen).hasSize(120).doesNotHaveDuplicates();
        assertThat(new HashSet<>(seen)).isEqualTo(created);
        // The last page's previous link leads back to the second page.
        HttpResponse<String> last = browser.get(pages.get(2));
        Matcher prev = Pattern.compile("<a rel=\"prev\" href=\"([^\"]+)\">").matcher(last.body());
        assertThat(prev.find()).isTrue();
        assertThat(rowIds(browser.get(prev.group(1).replace("&amp;", "&")).body())).isEqualTo(seen.subList(50, 100));
    }

    private static void event(TestServer.Account account, String email, String metric, String time, String properties) {
        var r = account.api().post("create_event", "/api/events", "{\"data\":{\"type\":\"event\",\"attributes\":{\"properties\":"
                + properties + ",\"time\":\"" + time + "\",\"metric\":{\"data\":{\"type\":\"metric\",\"attributes\":{\"name\":\""
                + metric + "\"}}},\"profile\":{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"" + email + "\"}}}}}}");
        assertThat(r.status()).as(r.text()).isEqualTo(202);
    }

    @Test
    void theProfilePageShowsAttributesConsentListsSegmentsPushTokensAndTimeline() {
        var account = server.newAccount("page-");
        String email = "grace@page.example";
        String id = createProfile(account, "{\"email\":\"" + email + "\",\"external_id\":\"ext-grace\",\"first_name\":\"Grace\","
                + "\"last_name\":\"Hopper\",\"organization\":\"Navy\",\"location\":{\"city\":\"Arlington\",\"country\":\"US\"},"
                + "\"properties\":{\"plan\":\"pro\",\"bio\":\"<script>alert(1)</script>\"}}");
        var list = account.api().post("create_list", "/api/lists", "{\"data\":{\"type\":\"list\",\"attributes\":{\"name\":\"VIP <list>\"}}}");
        String listId = list.data().get("id").asText();
        assertThat(account.api().post("add_profiles_to_list", "/api/lists/" + listId + "/relationships/profiles",
                "{\"data\":[{\"type\":\"profile\",\"id\":\"" + id + "\"}]}").status()).isEqualTo(204);
        var segment = account.api().post("create_segment", "/api/segments", "{\"data\":{\"type\":\"segment\",\"attributes\":{\"name\":"
                + "\"Page people\",\"definition\":{\"condition_groups\":[{\"conditions\":[{\"type\":\"profile-property\",\"property\":\"email\","
                + "\"filter\":{\"type\":\"string\",\"operator\":\"ends-with\",\"value\":\"@page.example\"}}]}]}}}}");
        assertThat(segment.status()).as(segment.text()).isEqualTo(201);
        assertThat(account.api().post("create_push_token", "/api/push-tokens", "{\"data\":{\"type\":\"push-token\",\"attributes\":"
                + "{\"token\":\"device-token-grace\",\"platform\":\"ios\",\"vendor\":\"apns\",\"profile\":{\"data\":{\"type\":\"profile\","
                + "\"attributes\":{\"email\":\"" + email + "\"}}}}}}").status()).isEqualTo(202);
        assertThat(account.api().post("bulk_subscribe_profiles", "/api/profile-subscription-bulk-create-jobs",
                "{\"data\":{\"type\":\"profile-subscription-bulk-create-job\",\"attributes\":{\"profiles\":{\"data\":["
                        + "{\"type\":\"profile\",\"attributes\":{\"email\":\"" + email + "\",\"subscriptions\":"
                        + "{\"email\":{\"marketing\":{\"consent\":\"SUBSCRIBED\"}}}}}]}}}}").status()).isEqualTo(202);
        event(account, email, "Viewed Product", "2026-03-01T10:00:00Z", "{\"item\":\"<img src=x onerror=alert(1)>\"}");
        event(account, email, "Placed Order", "2026-03-02T10:00:00Z", "{\"value\":42}");
        event(account, email, "Opened Email", "2026-02-27T10:00:00Z", "{}");
        server.awaitJobs();

        ConsoleClient browser = loggedIn(account);
        HttpResponse<String> page = browser.get(profiles(account, "/" + id));
        assertThat(page.statusCode()).isEqualTo(200);
        String html = page.body();
        assertThat(html).contains("<h1>Grace Hopper</h1>").contains("<dt>id</dt><dd><code>" + id + "</code></dd>")
                .contains("<dt>email</dt><dd><code>" + email + "</code></dd>").contains("<dt>external_id</dt><dd><code>ext-grace</code></dd>")
                .contains("<dt>organization</dt><dd>Navy</dd>").contains("<dt>city</dt><dd>Arlington</dd>")
                .contains("&quot;plan&quot; : &quot;pro&quot;")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert")
                .contains("&lt;img src=x onerror=alert(1)&gt;").doesNotContain("<img src=x");
        // Consent per channel, and its history from the admin API.
        assertThat(html).containsPattern("<td>email</td><td>marketing</td><td>SUBSCRIBED</td>\\s*<td><span class=\"badge ok\">yes</span>")
                .containsPattern("<td>sms</td><td>marketing</td><td>NEVER_SUBSCRIBED</td>");
        assertThat(html.substring(html.indexOf("class=\"consent-history\"")))
                .contains("<td>EMAIL_MARKETING</td><td>NEVER_SUBSCRIBED</td><td>SUBSCRIBED</td>");
        assertThat(html).contains("VIP &lt;list&gt;</a>").contains("/lists/" + listId + "\"").contains("Page people</a>")
                .contains("<code>device-token-grace</code>").contains("ios");
        // The timeline, newest first, each with its metric's name.
        String timeline = html.substring(html.indexOf("<ol class=\"timeline\">"));
        assertThat(timeline.indexOf("Placed Order")).isLessThan(timeline.indexOf("Viewed Product"));
        assertThat(timeline.indexOf("Viewed Product")).isLessThan(timeline.indexOf("Opened Email"));
        assertThat(timeline).contains("<time>2026-03-02T10:00:00+00:00</time>").contains("&quot;value&quot; : 42");
    }

    @Test
    void aMissingProfileIsTheApis404AndAnotherAccountsProfileIsNotFoundEither() {
        var mine = server.newAccount("mine-");
        var other = server.newAccount("theirs-");
        String theirs = createProfile(other, "{\"email\":\"theirs@example.com\"}");
        ConsoleClient browser = loggedIn(mine);
        HttpResponse<String> missing = browser.get(profiles(mine, "/01NOSUCHPROFILE0000000000"));
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("class=\"api-errors\"");
        // Their profile's id under my account: the API finds no such profile in mine.
        HttpResponse<String> crossed = browser.get(profiles(mine, "/" + theirs));
        assertThat(crossed.statusCode()).isEqualTo(404);
        assertThat(crossed.body()).doesNotContain("theirs@example.com");
        // Their account's path: the guard's 404.
        HttpResponse<String> foreign = browser.get(profiles(other, "/" + theirs));
        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(foreign.body()).doesNotContain("theirs@example.com").doesNotContain(other.name());
        assertThat(browser.get(profiles(other, "")).statusCode()).isEqualTo(404);
    }

    @Test
    void theTimelinePagesToOlderEventsWithTheApisCursor() {
        var account = server.newAccount("timeline-");
        String email = "busy@timeline.example";
        String id = createProfile(account, "{\"email\":\"" + email + "\"}");
        int count = ProfilePage.EVENTS_PAGE_SIZE + 3;
        for (int i = 0; i < count; i++) {
            event(account, email, "Viewed Page", "2026-01-01T00:%02d:00Z".formatted(i), "{\"n\":" + i + "}");
        }
        server.awaitJobs();
        ConsoleClient browser = loggedIn(account);
        String first = browser.get(profiles(account, "/" + id)).body();
        Pattern n = Pattern.compile("&quot;n&quot; : (\\d+)");
        List<Integer> seen = new ArrayList<>();
        Matcher m = n.matcher(first);
        while (m.find()) seen.add(Integer.parseInt(m.group(1)));
        Matcher older = NEXT.matcher(first);
        assertThat(older.find()).isTrue();
        assertThat(first).contains("Older events");
        String second = browser.get(profiles(account, "/" + id) + older.group(1).replace("&amp;", "&")).body();
        m = n.matcher(second);
        while (m.find()) seen.add(Integer.parseInt(m.group(1)));
        assertThat(NEXT.matcher(second).find()).isFalse();
        assertThat(second).contains("Newer events");
        // Newest first, each once, across both pages.
        List<Integer> expected = new ArrayList<>();
        for (int i = count - 1; i >= 0; i--) expected.add(i);
        assertThat(seen).isEqualTo(expected);
    }

    @Test
    void aKeyWithoutAPartsScopeSeesThatPartsErrorAndTheRestOfTheProfile() {
        var account = server.newAccount("scoped-");
        String id = createProfile(account, "{\"email\":\"scoped@example.com\",\"first_name\":\"Scoped\"}");
        ConsoleClient browser = new ConsoleClient(server.baseUrl());
        browser.loginHome(server.createKey(account.name(), Set.of("profiles:read")));
        HttpResponse<String> page = browser.get(profiles(account, "/" + id));
        assertThat(page.statusCode()).isEqualTo(200);
        String html = page.body();
        assertThat(html).contains("<h1>Scoped</h1>").contains("<dt>email</dt><dd><code>scoped@example.com</code></dd>");
        // Lists, segments and events need scopes this key lacks: each part shows the API's 403, the others render.
        for (String part : List.of("<section class=\"card lists\">", "<section class=\"card segments\">", "<section class=\"card events\">")) {
            String section = html.substring(html.indexOf(part), html.indexOf("</section>", html.indexOf(part)));
            assertThat(section).as(part).contains("class=\"api-errors\"");
        }
        String tokens = html.substring(html.indexOf("<section class=\"card push-tokens\">"));
        assertThat(tokens.substring(0, tokens.indexOf("</section>"))).contains("No push tokens.").doesNotContain("api-errors");
    }
}
