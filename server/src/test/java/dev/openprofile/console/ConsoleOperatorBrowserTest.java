package dev.openprofile.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openprofile.config.ConsoleAccess;
import dev.openprofile.outbox.Outbox;
import dev.openprofile.outbox.OutboxMessage;
import dev.openprofile.testing.ConsoleBrowser;
import dev.openprofile.testing.TestDatabase;
import dev.openprofile.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * The operator's pages and the CSV import in real headless Chromium: a CSV chosen in the file input imported with
 * its progress bar reaching 100%; a fault added through the form seen in the live journal after an API call; the keys
 * and outbox pages. Screenshots journal, faults, import, keys, outbox; no browser-console error on any page.
 */
class ConsoleOperatorBrowserTest {
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

    @AfterEach
    void noBrowserErrors() {
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void aCsvChosenInTheFileInputIsImportedWithItsProgressBarReachingCompletion() throws Exception {
        var account = server.newAccount("browser-import-");
        browser.logIn(server.createKey(account.name(), Set.of("*")));
        browser.open("/console/accounts/" + account.id() + "/import");
        Path csv = Files.createTempFile("people", ".csv");
        StringBuilder rows = new StringBuilder("email,first_name,last_name,city\n");
        for (int i = 0; i < 25; i++) rows.append("person").append(i).append("@browser.example,Person,").append(i).append(",Lisbon\n");
        Files.writeString(csv, rows);
        browser.find(By.cssSelector("input[type=file][name=file]")).sendKeys(csv.toAbsolutePath().toString());
        browser.find(By.cssSelector("form#import button[type=submit]")).click();
        browser.await(d -> d.getCurrentUrl().contains("/import/"));
        // The bar is refreshed in place (htmx) until the job is done.
        browser.await(d -> "25".equals(d.findElement(By.id("progress")).getDomAttribute("value")) ? true : null);
        browser.awaitText("100%");
        assertThat(browser.find(By.id("status")).getText()).isEqualTo("complete");
        assertThat(browser.find(By.id("completed")).getText()).isEqualTo("25");
        browser.screenshot("import");
        assertThat(account.api().get("get_profiles", "/api/profiles?page%5Bsize%5D=100").data()).hasSize(25);
        Files.delete(csv);
        logOut();
    }

    @Test
    void aFaultInjectedInTheFormIsSeenInTheLiveJournalAfterAnApiCall() {
        var account = server.newAccount("browser-fault-");
        browser.logIn(TestServer.ADMIN_KEY);
        browser.open("/console/faults");
        new Select(browser.find(By.id("f-account"))).selectByValue(account.name());
        browser.find(By.id("f-operation")).sendKeys("get_lists");
        new Select(browser.find(By.id("f-status"))).selectByValue("503");
        browser.find(By.cssSelector("form#add-fault button[type=submit]")).click();
        browser.await(d -> d.findElement(By.id("faults")).getText().contains("get_lists") ? true : null);
        assertThat(browser.find(By.id("faults")).getText()).contains(account.name(), "503");
        browser.screenshot("faults");

        browser.open("/console/journal?account=" + account.name());
        browser.awaitText("No requests yet.");
        assertThat(account.api().get("get_lists", "/api/lists").status()).isEqualTo(503);
        // No reload: the journal's rows refresh themselves every 2 s.
        browser.await(d -> d.findElement(By.id("journal-rows")).getText().contains("get_lists") ? true : null);
        assertThat(browser.find(By.id("journal-rows")).getText()).contains("503", "/api/lists");
        browser.screenshot("journal");
        browser.open("/console/faults");
        browser.find(By.cssSelector("form[action='/console/faults/clear'] button")).click();
        browser.driver().switchTo().alert().accept();
        browser.awaitText("No faults: the API answers normally.");
        logOut();
    }

    @Test
    void theKeysAndOutboxPages() {
        var account = server.newAccount("browser-pages-");
        server.jdbc().inTransaction(c -> {
            new Outbox(false).record(c, List.of(new OutboxMessage(account.id(), "c1", "m1", "p1", "email", "news@shop.example",
                    "Shop News", null, "ada@example.com", "Spring sale", "Preview", "<h1>Spring sale</h1><p>Hi <b>Ada</b>, 20% off today.</p>",
                    "Hi Ada", OffsetDateTime.now(ZoneOffset.UTC), null)));
            return null;
        });
        browser.logIn(server.createKey(account.name(), Set.of("*")));
        String base = "/console/accounts/" + account.id();
        browser.open(base + "/keys");
        browser.find(By.cssSelector("form#create-key input[name=label]")).sendKeys("checkout service");
        browser.find(By.cssSelector("form#create-key button[type=submit]")).click();
        String key = browser.find(By.id("new-key")).getText();
        assertThat(key).matches("pk_[A-Za-z0-9]{34}");
        browser.open(base + "/keys");
        assertThat(browser.html()).doesNotContain(key);
        assertThat(browser.find(By.id("keys")).getText()).contains("checkout service", "all scopes");
        browser.screenshot("keys");

        browser.open(base + "/outbox");
        browser.find(By.linkText("Spring sale")).click();
        browser.awaitText("news@shop.example");
        browser.driver().switchTo().frame(browser.find(By.cssSelector("iframe.message")));
        browser.await(d -> d.findElement(By.tagName("body")).getText().contains("20% off today") ? true : null);
        browser.driver().switchTo().defaultContent();
        browser.screenshot("outbox");
        logOut();
    }

    private static void logOut() {
        browser.find(By.cssSelector("form.logout button")).click();
        browser.await(d -> d.getCurrentUrl().endsWith("/console/login"));
    }
}
