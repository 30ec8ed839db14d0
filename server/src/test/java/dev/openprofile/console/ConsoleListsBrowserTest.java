package dev.openprofile.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openprofile.config.ConsoleAccess;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.ConsoleBrowser;
import dev.openprofile.testing.TestDatabase;
import dev.openprofile.testing.TestServer;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The lists, segments, events, metrics and jobs pages in real headless Chromium: members, a segment's count, the
 * events tail taking in an event posted while it is open, a metric's chart drawn, with no browser-console error.
 */
class ConsoleListsBrowserTest {
    static TestServer server;
    static ConsoleBrowser browser;
    static TestServer.Account account;
    static Api api;
    static String base;

    @BeforeAll
    static void start() {
        server = TestServer.start(TestDatabase.freshDatabase(), Map.of(ConsoleAccess.CONSOLE, "admin,accounts"), Clock.systemUTC());
        account = server.newAccount("browser-lists-");
        api = account.api();
        browser = new ConsoleBrowser(server.baseUrl());
        browser.logIn(server.createKey(account.name(), Set.of("*")));
        base = "/console/accounts/" + account.id();
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.close();
        if (server != null) server.close();
    }

    @AfterEach
    void noBrowserErrors() {
        assertThat(browser.consoleErrors()).isEmpty();
    }

    static String created(Api.Response r) {
        assertThat(r.status()).as(r.text()).isIn(200, 201, 202);
        return r.data().get("id").asText();
    }

    static void event(String metric, String email, String properties) {
        event(metric, email, properties, java.time.Instant.now());
    }

    /** An event at {@code time} (the tail orders by time; two events of one second come in either order). */
    static void event(String metric, String email, String properties, java.time.Instant time) {
        Api.Response r = api.post("create_event", "/api/events", "{\"data\":{\"type\":\"event\",\"attributes\":{\"time\":\""
                + time.truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + "\",\"properties\":"
                + properties + ",\"metric\":{\"data\":{\"type\":\"metric\",\"attributes\":{\"name\":\"" + metric + "\"}}},"
                + "\"profile\":{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"" + email + "\"}}}}}}");
        assertThat(r.status()).as(r.text()).isEqualTo(202);
    }

    @Test
    void aListsMembersAndTheJobThatImportedThem() {
        String list = created(api.post("create_list", "/api/lists", "{\"data\":{\"type\":\"list\",\"attributes\":{\"name\":\"Newsletter\"}}}"));
        created(api.post("bulk_import_profiles", "/api/profile-bulk-import-jobs", "{\"data\":{\"type\":\"profile-bulk-import-job\","
                + "\"attributes\":{\"profiles\":{\"data\":[{\"type\":\"profile\",\"attributes\":{\"email\":\"ada@example.com\",\"first_name\":\"Ada\"}},"
                + "{\"type\":\"profile\",\"attributes\":{\"email\":\"grace@example.com\",\"first_name\":\"Grace\"}}]}},"
                + "\"relationships\":{\"lists\":{\"data\":[{\"type\":\"list\",\"id\":\"" + list + "\"}]}}}}"));
        server.awaitJobs();
        browser.open(base + "/lists");
        browser.find(By.linkText("Newsletter")).click();
        browser.awaitText("grace@example.com");
        assertThat(browser.find(By.cssSelector("dd.count")).getText()).isEqualTo("2");
        List<String> emails = browser.driver().findElements(By.cssSelector("table.members tbody tr td:nth-child(2)")).stream()
                .map(WebElement::getText).toList();
        assertThat(emails).containsExactlyInAnyOrder("ada@example.com", "grace@example.com");
        browser.screenshot("lists");
        browser.open(base + "/jobs");
        WebElement progress = browser.find(By.cssSelector("table.jobs progress"));
        assertThat(progress.getAttribute("max")).isEqualTo("2");
        assertThat(progress.getAttribute("value")).isEqualTo("2");
        assertThat(browser.text()).contains("profile-bulk-import", "complete", "2/2");
        browser.screenshot("jobs");
    }

    @Test
    void aSegmentsCountDefinitionAndChart() {
        for (String email : List.of("a@shop.example", "b@shop.example", "c@other.example")) {
            created(api.post("create_profile", "/api/profiles", "{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"" + email + "\"}}}"));
        }
        String segment = created(api.post("create_segment", "/api/segments", "{\"data\":{\"type\":\"segment\",\"attributes\":{\"name\":"
                + "\"Shoppers\",\"definition\":{\"condition_groups\":[{\"conditions\":[{\"type\":\"profile-property\",\"property\":\"email\","
                + "\"filter\":{\"type\":\"string\",\"operator\":\"ends-with\",\"value\":\"@shop.example\"}}]}]}}}}"));
        browser.open(base + "/segments");
        browser.find(By.linkText("Shoppers")).click();
        browser.awaitText("email ends with \"@shop.example\"");
        assertThat(browser.find(By.cssSelector("dd.count")).getText()).isEqualTo("2");
        browser.find(By.cssSelector(".chart canvas"));
        assertThat(browser.text()).contains("a@shop.example", "b@shop.example").doesNotContain("c@other.example");
        assertThat(browser.driver().getCurrentUrl()).endsWith("/segments/" + segment);
        browser.screenshot("segment");
    }

    @Test
    void theEventsTailTakesInAnEventPostedWhileItIsOpenAndAMetricChartsIt() {
        // A minute before the live one: the tail shows the newest first, and two events of one second in either order.
        event("Placed Order", "first@example.com", "{\"Total\":10}", java.time.Instant.now().minusSeconds(60));
        browser.open(base + "/events");
        browser.awaitText("first@example.com");
        // An opened event's properties stay open across the refreshes.
        browser.find(By.cssSelector("#events-tail details summary")).click();
        assertThat(browser.text()).doesNotContain("live@example.com");
        event("Placed Order", "live@example.com", "{\"Total\":99,\"Item\":\"<b>Book</b>\"}");
        browser.awaitText("live@example.com");
        assertThat(browser.driver().getCurrentUrl()).endsWith("/events");
        List<WebElement> rows = browser.driver().findElements(By.cssSelector("table.events tbody tr"));
        assertThat(rows.get(0).getText()).contains("live@example.com", "Placed Order");
        assertThat(rows.get(1).getText()).contains("first@example.com");
        assertThat(browser.driver().findElements(By.cssSelector("#events-tail details[open]"))).hasSize(1);
        browser.screenshot("events");

        browser.find(By.linkText("Placed Order")).click();
        browser.awaitText("Events per day");
        WebElement canvas = browser.find(By.cssSelector(".chart canvas"));
        assertThat(canvas.getSize().getWidth()).isGreaterThan(100);
        assertThat(browser.find(By.cssSelector("span.total")).getText()).isEqualTo("2");
        browser.screenshot("metric");
    }
}
