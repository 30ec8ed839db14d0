package dev.openprofile.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openprofile.config.ConsoleAccess;
import dev.openprofile.testing.ConsoleBrowser;
import dev.openprofile.testing.TestDatabase;
import dev.openprofile.testing.TestServer;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The profiles pages in real headless Chromium: find a profile by filter, open it, read its event timeline. */
class ConsoleProfilesBrowserTest {
    static TestServer server;
    static ConsoleBrowser browser;

    @BeforeAll
    static void start() {
        server = TestServer.start(TestDatabase.freshDatabase(), Map.of(ConsoleAccess.CONSOLE, "admin,accounts"), Clock.systemUTC());
        browser = new ConsoleBrowser(server.baseUrl());
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.close();
        if (server != null) server.close();
    }

    private static void post(TestServer.Account account, String operation, String path, String body) {
        var r = account.api().post(operation, path, body);
        assertThat(r.status()).as(r.text()).isBetween(200, 299);
    }

    private static void event(TestServer.Account account, String email, String metric, String time, String properties) {
        post(account, "create_event", "/api/events", "{\"data\":{\"type\":\"event\",\"attributes\":{\"properties\":" + properties
                + ",\"time\":\"" + time + "\",\"metric\":{\"data\":{\"type\":\"metric\",\"attributes\":{\"name\":\"" + metric
                + "\"}}},\"profile\":{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"" + email + "\"}}}}}}");
    }

    @Test
    void anAccountFindsAProfileByFilterOpensItAndReadsItsTimeline() {
        var account = server.newAccount("Acme Outfitters ");
        List<String[]> people = List.of(
                new String[] {"ada.lovelace@acme.example", "Ada", "Lovelace", "+442071838750", "cust-1001", "London", "GB"},
                new String[] {"grace.hopper@acme.example", "Grace", "Hopper", "+12025550143", "cust-1002", "Arlington", "US"},
                new String[] {"alan.turing@acme.example", "Alan", "Turing", "+441614960000", "cust-1003", "Manchester", "GB"},
                new String[] {"katherine.johnson@acme.example", "Katherine", "Johnson", "+17575550188", "cust-1004", "Hampton", "US"},
                new String[] {"edsger.dijkstra@acme.example", "Edsger", "Dijkstra", "+31205550123", "cust-1005", "Amsterdam", "NL"},
                new String[] {"barbara.liskov@acme.example", "Barbara", "Liskov", "+16175550199", "cust-1006", "Boston", "US"});
        for (String[] p : people) {
            post(account, "create_profile", "/api/profiles", "{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"" + p[0]
                    + "\",\"first_name\":\"" + p[1] + "\",\"last_name\":\"" + p[2] + "\",\"phone_number\":\"" + p[3]
                    + "\",\"external_id\":\"" + p[4] + "\",\"location\":{\"city\":\"" + p[5] + "\",\"country\":\"" + p[6] + "\"},"
                    + "\"properties\":{\"plan\":\"pro\",\"signup_source\":\"checkout\",\"lifetime_orders\":3}}}}");
        }
        String grace = "grace.hopper@acme.example";
        event(account, grace, "Viewed Product", "2026-11-28T09:12:00Z", "{\"ProductName\":\"Trail Jacket\",\"Price\":129.0,\"Categories\":[\"Outerwear\"]}");
        event(account, grace, "Added to Cart", "2026-11-28T09:15:00Z", "{\"ProductName\":\"Trail Jacket\",\"Quantity\":1}");
        event(account, grace, "Placed Order", "2026-11-28T09:21:00Z", "{\"OrderId\":\"A-20931\",\"ItemCount\":2,\"$value\":168.5}");
        event(account, grace, "Opened Email", "2026-11-30T18:02:00Z", "{\"Subject\":\"Your order has shipped\"}");
        var vip = account.api().post("create_list", "/api/lists", "{\"data\":{\"type\":\"list\",\"attributes\":{\"name\":\"VIP customers\"}}}");
        String graceId = account.api().get("get_profiles", "/api/profiles?filter=equals(email,%22" + grace + "%22)").data().get(0).get("id").asText();
        post(account, "add_profiles_to_list", "/api/lists/" + vip.data().get("id").asText() + "/relationships/profiles",
                "{\"data\":[{\"type\":\"profile\",\"id\":\"" + graceId + "\"}]}");
        post(account, "create_segment", "/api/segments", "{\"data\":{\"type\":\"segment\",\"attributes\":{\"name\":\"All Acme customers\","
                + "\"definition\":{\"condition_groups\":[{\"conditions\":[{\"type\":\"profile-property\",\"property\":\"email\","
                + "\"filter\":{\"type\":\"string\",\"operator\":\"ends-with\",\"value\":\"@acme.example\"}}]}]}}}}");
        post(account, "create_push_token", "/api/push-tokens", "{\"data\":{\"type\":\"push-token\",\"attributes\":{\"token\":"
                + "\"f3b1c9a27e4d4c0b9d2e8a6f1c3b5d7e\",\"platform\":\"ios\",\"vendor\":\"apns\",\"profile\":{\"data\":{\"type\":\"profile\","
                + "\"attributes\":{\"email\":\"" + grace + "\"}}}}}}");
        post(account, "bulk_subscribe_profiles", "/api/profile-subscription-bulk-create-jobs",
                "{\"data\":{\"type\":\"profile-subscription-bulk-create-job\",\"attributes\":{\"profiles\":{\"data\":["
                        + "{\"type\":\"profile\",\"attributes\":{\"email\":\"" + grace + "\",\"subscriptions\":"
                        + "{\"email\":{\"marketing\":{\"consent\":\"SUBSCRIBED\"}}}}}]}}}}");
        server.awaitJobs();

        browser.logIn(server.createKey(account.name(), Set.of("*")));
        browser.find(By.linkText("Profiles")).click();
        browser.awaitText("katherine.johnson@acme.example");
        assertThat(browser.driver().findElements(By.cssSelector("table.profiles tbody tr"))).hasSize(people.size());
        browser.screenshot("profiles");

        WebElement box = browser.find(By.name("filter"));
        box.sendKeys("equals(email,\"" + grace + "\")");
        box.submit();
        browser.await(d -> d.findElements(By.cssSelector("table.profiles tbody tr")).size() == 1);
        assertThat(browser.find(By.cssSelector("table.profiles tbody")).getText()).contains("Grace Hopper").contains("cust-1002")
                .doesNotContain("Ada Lovelace");
        browser.find(By.linkText(grace)).click();
        browser.awaitText("Events");
        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Grace Hopper");
        List<WebElement> events = browser.driver().findElements(By.cssSelector("ol.timeline li.event summary"));
        assertThat(events).extracting(WebElement::getText).containsExactly(
                "2026-11-30T18:02:00+00:00 Opened Email", "2026-11-28T09:21:00+00:00 Placed Order",
                "2026-11-28T09:15:00+00:00 Added to Cart", "2026-11-28T09:12:00+00:00 Viewed Product");
        // An event's properties are folded until its summary is clicked.
        WebElement order = browser.driver().findElements(By.cssSelector("ol.timeline li.event pre")).get(1);
        assertThat(order.isDisplayed()).isFalse();
        events.get(1).click();
        browser.await(d -> order.isDisplayed());
        assertThat(order.getText()).contains("\"OrderId\" : \"A-20931\"");
        assertThat(browser.find(By.cssSelector("section.lists")).getText()).contains("VIP customers");
        assertThat(browser.find(By.cssSelector("section.segments")).getText()).contains("All Acme customers");
        assertThat(browser.find(By.cssSelector("section.push-tokens")).getText()).contains("f3b1c9a27e4d4c0b9d2e8a6f1c3b5d7e");
        ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript("window.scrollTo(0, 0)");
        browser.screenshot("profile");
        assertThat(browser.consoleErrors()).isEmpty();
    }
}
