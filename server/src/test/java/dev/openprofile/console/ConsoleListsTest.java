package dev.openprofile.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.config.ConsoleAccess;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.ConsoleClient;
import dev.openprofile.testing.MutableClock;
import dev.openprofile.testing.TestDatabase;
import dev.openprofile.testing.TestServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console's lists, segments, events, metrics and jobs pages over HTTP, as a browser without script sees them, on
 * a server whose clock the test moves (segment membership over days).
 */
class ConsoleListsTest {
    static final Instant START = Instant.parse("2026-09-14T09:00:00Z");
    static TestServer server;
    static TestServer.Account account;
    static Api api;
    static ConsoleClient browser;
    static String base;
    static String segment;
    static final List<String> pagesSeen = java.util.Collections.synchronizedList(new ArrayList<>());
    static String key;

    @BeforeAll
    static void start() {
        server = TestServer.start(TestDatabase.freshDatabase(), Map.of(ConsoleAccess.CONSOLE, "admin,accounts"), new MutableClock(START));
        account = server.newAccount("lists-");
        api = account.api();
        // A segment whose members the engine stamps on the operator's clock: two on the first day, three on the next.
        segment = created(api.post("create_segment", "/api/segments", "{\"data\":{\"type\":\"segment\",\"attributes\":{\"name\":"
                + "\"Seg <i>folk</i>\",\"definition\":{\"condition_groups\":[{\"conditions\":[{\"type\":\"profile-property\","
                + "\"property\":\"email\",\"filter\":{\"type\":\"string\",\"operator\":\"ends-with\",\"value\":\"@seg.example\"}}]}]}}}}"));
        profile("a@seg.example");
        profile("b@seg.example");
        segmentMembers();
        server.clock().advance(Duration.ofDays(1));
        profile("c@seg.example");
        segmentMembers();
        key = server.createKey(account.name(), Set.of("*"));
        browser = new ConsoleClient(server.baseUrl(), pagesSeen::add);
        base = browser.loginHome(key);
        assertThat(base).isEqualTo("/console/accounts/" + account.id());
    }

    @AfterAll
    static void stop() {
        if (server == null) return;
        try {
            for (String page : pagesSeen) assertThat(page).doesNotContain(key);
        } finally {
            server.close();
        }
    }

    static String created(Api.Response r) {
        assertThat(r.status()).as(r.text()).isIn(200, 201, 202);
        return r.data().get("id").asText();
    }

    static String profile(String email) {
        return created(api.post("create_profile", "/api/profiles", "{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\""
                + email + "\"}}}"));
    }

    /** Reading the members makes the engine bring the segment up to date (now, on the operator's clock). */
    static void segmentMembers() {
        assertThat(api.get("get_profile_ids_for_segment", "/api/segments/" + segment + "/relationships/profiles").status()).isEqualTo(200);
    }

    static String list(String name) {
        return created(api.post("create_list", "/api/lists", "{\"data\":{\"type\":\"list\",\"attributes\":{\"name\":\""
                + name.replace("\"", "\\\"") + "\"}}}"));
    }

    /** Posts an event (202, no body) and answers the newest event's id, which is this one when it is the newest. */
    static String event(String metric, String email, String time, String properties) {
        Api.Response r = api.post("create_event", "/api/events", "{\"data\":{\"type\":\"event\",\"attributes\":{\"properties\":"
                + properties + (time == null ? "" : ",\"time\":\"" + time + "\"") + ",\"metric\":{\"data\":{\"type\":\"metric\","
                + "\"attributes\":{\"name\":\"" + metric + "\"}}},\"profile\":{\"data\":{\"type\":\"profile\",\"attributes\":"
                + "{\"email\":\"" + email + "\"}}}}}}");
        assertThat(r.status()).as(r.text()).isEqualTo(202);
        return api.get("get_events", "/api/events?sort=-datetime").data().get(0).get("id").asText();
    }

    static String metricId(String name) {
        for (JsonNode m : api.get("get_metrics", "/api/metrics").data()) {
            if (m.at("/attributes/name").asText().equals(name)) return m.get("id").asText();
        }
        throw new AssertionError("no metric " + name);
    }

    static HttpResponse<String> page(String path) {
        HttpResponse<String> r = browser.get(base + path);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return r;
    }

    /** The text of every match of group 1 of {@code regex}, HTML entities decoded. */
    static List<String> all(String html, String regex) {
        Matcher m = Pattern.compile(regex, Pattern.DOTALL).matcher(html);
        List<String> found = new ArrayList<>();
        while (m.find()) found.add(unescape(m.group(1)));
        return found;
    }

    static String unescape(String html) {
        return html.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    @Test
    void listsShowTheirCountsAndAListItsMembersFiftyAPage() {
        String big = list("Big <b>list</b>");
        String empty = list("Empty list");
        String profiles = IntStream.range(0, 55).mapToObj(i -> "{\"type\":\"profile\",\"attributes\":{\"email\":\"m" + i
                + "@lists.example\"}}").collect(Collectors.joining(","));
        created(api.post("bulk_import_profiles", "/api/profile-bulk-import-jobs", "{\"data\":{\"type\":\"profile-bulk-import-job\","
                + "\"attributes\":{\"profiles\":{\"data\":[" + profiles + "]}},\"relationships\":{\"lists\":{\"data\":[{\"type\":\"list\","
                + "\"id\":\"" + big + "\"}]}}}}"));
        server.awaitJobs();

        String lists = page("/lists").body();
        assertThat(lists).contains("Big &lt;b&gt;list&lt;/b&gt;").doesNotContain("<b>list");
        assertThat(all(lists, "<tr><td><a href=\"[^\"]*/lists/([^\"]+)\">")).contains(big, empty);
        assertThat(unescape(lists)).containsPattern(Pattern.quote(big) + "</code></td>\\s*<td>[^<]+</td><td>[^<]+</td><td class=\"count\">55</td>")
                .containsPattern(Pattern.quote(empty) + "</code></td>\\s*<td>[^<]+</td><td>[^<]+</td><td class=\"count\">0</td>");

        String first = page("/lists/" + big).body();
        assertThat(first).contains("<h1>Big &lt;b&gt;list&lt;/b&gt;</h1>").contains("<dd class=\"count\">55</dd>");
        List<String> firstIds = all(first, "<a href=\"" + Pattern.quote(base) + "/profiles/([^\"]+)\">");
        assertThat(firstIds).hasSize(50).doesNotHaveDuplicates();
        List<String> cursors = all(first, "<a class=\"next\" href=\"\\?cursor=([^\"]+)\">");
        assertThat(cursors).hasSize(1);
        String second = page("/lists/" + big + "?cursor=" + java.net.URLEncoder.encode(
                java.net.URLDecoder.decode(cursors.getFirst(), java.nio.charset.StandardCharsets.UTF_8), java.nio.charset.StandardCharsets.UTF_8)).body();
        List<String> secondIds = all(second, "<a href=\"" + Pattern.quote(base) + "/profiles/([^\"]+)\">");
        assertThat(secondIds).hasSize(5).doesNotContainAnyElementsOf(firstIds);
        assertThat(second).doesNotContain("class=\"next\"").contains("<a class=\"first\" href=\"?\">First page</a>");
        assertThat(first).doesNotContain("class=\"first\"");
        // Every member is one of the imported profiles, shown by email.
        assertThat(all(first + second, "<td>(m\\d+@lists\\.example)</td>")).hasSize(55).doesNotHaveDuplicates();
        assertThat(page("/lists/" + empty).body()).contains("No members.");
    }

    @Test
    void aMissingListOrAnotherAccountsListIsTheApisNotFound() {
        var other = server.newAccount("lists-other-");
        String foreign = created(other.api().post("create_list", "/api/lists",
                "{\"data\":{\"type\":\"list\",\"attributes\":{\"name\":\"Foreign secret list\"}}}"));
        for (String id : List.of(foreign, "no-such-list")) {
            HttpResponse<String> r = browser.get(base + "/lists/" + id);
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(r.body()).contains("class=\"api-errors\"").contains("Not found").doesNotContain("Foreign secret list");
        }
        String foreignSegment = created(other.api().post("create_segment", "/api/segments", "{\"data\":{\"type\":\"segment\","
                + "\"attributes\":{\"name\":\"Foreign secret segment\",\"definition\":{\"condition_groups\":[{\"conditions\":["
                + "{\"type\":\"profile-region\",\"in_region\":true,\"region\":\"united_states\"}]}]}}}}"));
        for (String path : List.of("/segments/" + foreignSegment, "/segments/no-such-segment", "/metrics/no-such-metric")) {
            HttpResponse<String> r = browser.get(base + path);
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(r.body()).contains("class=\"api-errors\"").doesNotContain("Foreign secret segment");
        }
        HttpResponse<String> badCursor = browser.get(base + "/lists?cursor=nonsense");
        assertThat(badCursor.statusCode()).isEqualTo(400);
        assertThat(badCursor.body()).contains("parameter: page[cursor]");
    }

    @Test
    void aSegmentShowsItsCountItsMembersAndItsMembersPerDay() {
        String segments = page("/segments").body();
        assertThat(segments).contains("Seg &lt;i&gt;folk&lt;/i&gt;");
        assertThat(unescape(segments)).containsPattern("(?s)" + Pattern.quote(segment) + "</code></td>.*?<td class=\"count\">3</td>");
        String html = page("/segments/" + segment).body();
        assertThat(html).contains("<dd class=\"count\">3</dd>");
        assertThat(all(html, "<p class=\"group\">(.*?)</p>")).containsExactly("email ends with \"@seg.example\"");
        assertThat(all(html, "<td>([abc]@seg\\.example)</td>")).containsExactlyInAnyOrder("a@seg.example", "b@seg.example", "c@seg.example");
        // The last 30 days, the account's (UTC) days, today last: two members at the end of the 14th, three on the 15th.
        List<String> days = all(html, "<tr><td>(\\d{4}-\\d\\d-\\d\\d)</td><td>\\d+</td></tr>");
        List<String> members = all(html, "<tr><td>\\d{4}-\\d\\d-\\d\\d</td><td>(\\d+)</td></tr>");
        assertThat(days).hasSize(30).endsWith("2026-09-13", "2026-09-14", "2026-09-15");
        assertThat(members).endsWith("0", "2", "3");
        assertThat(members.subList(0, 27)).containsOnly("0");
        String chart = all(html, "data-chart=\"([^\"]*)\"").getFirst();
        assertThat(chart).contains("\"label\":\"Members\"").contains("\"values\":[0,").endsWith(",0,2,3]}]}")
                .contains(String.valueOf(Instant.parse("2026-09-15T00:00:00Z").getEpochSecond()));
    }

    @Test
    void aSegmentsDefinitionReadsAsASentenceWithListAndMetricNames() {
        event("Placed Order", "buyer@def.example", null, "{}");
        String placedOrder = metricId("Placed Order");
        String vip = list("VIP \"gold\"");
        String id = created(api.post("create_segment", "/api/segments", "{\"data\":{\"type\":\"segment\",\"attributes\":{\"name\":"
                + "\"Buyers\",\"definition\":{\"condition_groups\":["
                + "{\"conditions\":[{\"type\":\"profile-metric\",\"metric_id\":\"" + placedOrder + "\",\"measurement\":\"count\","
                + "\"measurement_filter\":{\"type\":\"numeric\",\"operator\":\"greater-than-or-equal\",\"value\":2},"
                + "\"timeframe_filter\":{\"type\":\"date\",\"operator\":\"in-the-last\",\"quantity\":30,\"unit\":\"day\"}}]},"
                + "{\"conditions\":[{\"type\":\"profile-marketing-consent\",\"consent\":{\"channel\":\"email\",\"can_receive_marketing\":true,"
                + "\"consent_status\":{\"subscription\":\"subscribed\"}}},{\"type\":\"profile-group-membership\",\"is_member\":true,"
                + "\"group_ids\":[\"" + vip + "\"]}]},"
                + "{\"conditions\":[{\"type\":\"profile-property\",\"property\":\"properties['plan']\",\"filter\":{\"type\":\"string\","
                + "\"operator\":\"in\",\"value\":[\"gold\",\"<b>\"]}}]},"
                + "{\"conditions\":[{\"type\":\"profile-region\",\"in_region\":false,\"region\":\"european_union\"}]}"
                + "]}}}}"));
        String html = page("/segments/" + id).body();
        assertThat(all(html, "<p class=\"group\">(.*?)</p>")).containsExactly(
                "Placed Order at least 2 times in the last 30 days",
                "(email is subscribed to marketing OR is in list \"VIP \"gold\"\")",
                "plan is one of \"gold\", \"<b>\"",
                "is not in the European Union");
        assertThat(html).contains("<p class=\"join\">AND</p>").doesNotContain("\"<b>\"");
        assertThat(html).contains("<dd class=\"count\">0</dd>");
    }

    @Test
    void aMetricsPageChartsItsDailyCountsOfTheLast30Days() {
        // Today is 2026-09-15 on the server's clock: the window is 2026-08-17 to 2026-09-15, both included.
        event("Viewed Product", "v@metrics.example", "2026-09-01T10:00:00Z", "{}");
        event("Viewed Product", "v@metrics.example", "2026-09-01T23:59:59Z", "{}");
        event("Viewed Product", "v@metrics.example", "2026-08-17T00:00:00Z", "{}");
        event("Viewed Product", "w@metrics.example", "2026-09-15T08:00:00Z", "{}");
        event("Viewed Product", "w@metrics.example", "2026-08-16T23:59:59Z", "{}"); // the day before the window
        String id = metricId("Viewed Product");
        assertThat(all(page("/metrics").body(), "<a href=\"[^\"]*/metrics/([^\"]+)\">Viewed Product</a>")).containsExactly(id);
        String html = page("/metrics/" + id).body();
        assertThat(html).contains("<h1>Viewed Product</h1>").contains("<span class=\"total\">4</span>");
        List<String> days = all(html, "<tr><td>(\\d{4}-\\d\\d-\\d\\d)</td><td>\\d+</td></tr>");
        List<String> counts = all(html, "<tr><td>\\d{4}-\\d\\d-\\d\\d</td><td>(\\d+)</td></tr>");
        assertThat(days).hasSize(30).startsWith("2026-08-17").endsWith("2026-09-15");
        Map<String, String> byDay = new java.util.TreeMap<>();
        for (int i = 0; i < days.size(); i++) if (!counts.get(i).equals("0")) byDay.put(days.get(i), counts.get(i));
        assertThat(byDay).isEqualTo(Map.of("2026-08-17", "1", "2026-09-01", "2", "2026-09-15", "1"));
        String chart = all(html, "data-chart=\"([^\"]*)\"").getFirst();
        assertThat(chart).startsWith("{\"labels\":[" + Instant.parse("2026-08-17T00:00:00Z").getEpochSecond() + ",")
                .contains("\"label\":\"Events\"").endsWith(",1]}]}");
        assertThat(browser.get(base + "/metrics/no-such-metric").statusCode()).isEqualTo(404);
    }

    @Test
    void theEventsTailShowsANewEventNewestFirstInItsFragment() {
        String tail = base + "/events?fragment=1";
        String before = browser.get(tail).body();
        assertThat(before).startsWith("<div id=\"events-tail\"").doesNotContain("<html");
        event("Started Checkout", "tail@events.example", "2026-09-15T01:00:00Z", "{\"Items\":[\"<script>x</script>\"]}");
        String older = api.get("get_events", "/api/events?sort=-datetime&filter=greater-or-equal(datetime,2026-09-15T01:00:00Z),less-than(datetime,2026-09-15T01:00:01Z)").data().get(0).get("id").asText();
        String newer = event("Started Checkout", "tail@events.example", null, "{\"Total\":42.5}");
        HttpResponse<String> after = browser.get(tail);
        assertThat(after.statusCode()).isEqualTo(200);
        String html = after.body();
        assertThat(html).doesNotContain("<html").contains("hx-trigger=\"every 2s\"").contains("hx-get=\"" + base + "/events?fragment=1\"");
        assertThat(html.indexOf("id=\"event-" + newer + "\"")).isPositive().isLessThan(html.indexOf("id=\"event-" + older + "\""));
        String row = html.substring(html.indexOf("id=\"event-" + newer + "\""));
        row = row.substring(0, row.indexOf("</tr>"));
        assertThat(row).contains(">Started Checkout</a>").contains(">tail@events.example</a>").contains("&quot;Total&quot; : 42.5")
                .contains("2026-09-15T09:00:00");
        assertThat(html).contains("&lt;script&gt;x&lt;/script&gt;").doesNotContain("<script>");
        assertThat(page("/events").body()).contains("<h1>Events</h1>").contains("id=\"event-" + newer + "\"");
    }

    @Test
    void theJobsPageShowsAnImportsProgressCompletionAndItsFailedRow() {
        profile("a@clash.example");
        created(api.post("create_profile", "/api/profiles", "{\"data\":{\"type\":\"profile\",\"attributes\":{\"phone_number\":\"+14155550122\"}}}"));
        String job = created(api.post("bulk_import_profiles", "/api/profile-bulk-import-jobs", "{\"data\":{\"type\":\"profile-bulk-import-job\","
                + "\"attributes\":{\"profiles\":{\"data\":[{\"type\":\"profile\",\"attributes\":{\"email\":\"ok1@clash.example\"}},"
                + "{\"type\":\"profile\",\"attributes\":{\"email\":\"a@clash.example\",\"phone_number\":\"+14155550122\"}},"
                + "{\"type\":\"profile\",\"attributes\":{\"email\":\"ok2@clash.example\"}}]}}}}"));
        server.awaitJobs();
        String detail = api.get("get_errors_for_bulk_import_profiles_job", "/api/profile-bulk-import-jobs/" + job + "/import-errors")
                .data().get(0).at("/attributes/detail").asText();
        String html = page("/jobs").body();
        String row = html.substring(html.indexOf("id=\"job-" + job + "\""));
        row = row.substring(0, row.indexOf("</tr>"));
        assertThat(row).contains("<code>profile-bulk-import</code>").contains("<span class=\"badge ok\">complete</span>")
                .contains("<progress max=\"3\" value=\"3\"></progress>").contains("<span class=\"progress\">3/3</span>")
                .contains("1 failed").contains("2026-09-15T09:00:00");
        assertThat(unescape(row)).contains(detail + " (/data/attributes/profiles/data/1/attributes)");
        // Every job has finished: the block no longer polls.
        assertThat(html).doesNotContain("hx-trigger");
        assertThat(browser.get(base + "/jobs?fragment=1").body()).doesNotContain("<html").contains("id=\"job-" + job + "\"");

        // A campaign send scheduled for tomorrow waits in the queue: a kind with no counts, and the block polls again.
        String list = list("Audience");
        String template = created(api.post("create_template", "/api/templates", "{\"data\":{\"type\":\"template\",\"attributes\":"
                + "{\"name\":\"T\",\"editor_type\":\"CODE\",\"html\":\"<p>Hi</p>\"}}}"));
        String campaign = created(api.post("create_campaign", "/api/campaigns", "{\"data\":{\"type\":\"campaign\",\"attributes\":{"
                + "\"name\":\"Later\",\"audiences\":{\"included\":[\"" + list + "\"],\"excluded\":[]},\"send_strategy\":{\"method\":"
                + "\"static\",\"datetime\":\"2026-09-16T09:00:00+00:00\"},\"campaign-messages\":{\"data\":[{\"type\":\"campaign-message\","
                + "\"attributes\":{\"definition\":{\"channel\":\"email\",\"label\":\"Main\",\"content\":{\"subject\":\"Hello\","
                + "\"from_email\":\"shop@example.com\",\"from_label\":\"Shop\"}}}}]}}}}"));
        String message = api.get("get_message_ids_for_campaign", "/api/campaigns/" + campaign + "/relationships/campaign-messages")
                .data().get(0).get("id").asText();
        assertThat(api.post("assign_template_to_campaign_message", "/api/campaign-message-assign-template", "{\"data\":{\"type\":"
                + "\"campaign-message\",\"id\":\"" + message + "\",\"relationships\":{\"template\":{\"data\":{\"type\":\"template\","
                + "\"id\":\"" + template + "\"}}}}}").status()).isEqualTo(200);
        Api.Response sent = api.post("send_campaign", "/api/campaign-send-jobs", "{\"data\":{\"type\":\"campaign-send-job\",\"id\":\""
                + campaign + "\"}}");
        assertThat(sent.status()).as(sent.text()).isEqualTo(202);
        String waiting = page("/jobs").body();
        assertThat(waiting).contains("hx-get=\"" + base + "/jobs?fragment=1\" hx-trigger=\"every 2s\"");
        assertThat(waiting.indexOf("<code>campaign-send</code>")).isPositive().isLessThan(waiting.indexOf("id=\"job-" + job + "\""));
        String queued = waiting.substring(waiting.indexOf("<code>campaign-send</code>"));
        assertThat(queued.substring(0, queued.indexOf("</tr>"))).contains("<span class=\"badge\">queued</span>").contains("no counts")
                .doesNotContain("<progress");
    }
}
