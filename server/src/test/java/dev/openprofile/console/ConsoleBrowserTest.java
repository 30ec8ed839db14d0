package dev.openprofile.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openprofile.config.ConsoleAccess;
import dev.openprofile.testing.ConsoleBrowser;
import dev.openprofile.testing.TestDatabase;
import dev.openprofile.testing.TestServer;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** The console in real headless Chromium: login, the operator's accounts, an account's overview, logout. */
class ConsoleBrowserTest {
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

    @Test
    void theOperatorLogsInSeesTheAccountsOpensOneAndLogsOut() {
        var account = server.newAccount("browser-");
        browser.logIn(TestServer.ADMIN_KEY);
        assertThat(browser.driver().getCurrentUrl()).endsWith("/console/accounts");
        browser.driver().findElement(By.linkText(account.name())).click();
        browser.awaitText("Profiles");
        assertThat(browser.driver().getCurrentUrl()).endsWith("/console/accounts/" + account.id());
        assertThat(browser.find(By.cssSelector("nav.account")).getText()).contains("Profiles", "Lists", "Jobs");
        // The console's own style and the vendored scripts loaded under the CSP, with no error.
        assertThat(browser.driver().findElement(By.cssSelector("header.top")).getCssValue("display")).isEqualTo("flex");
        assertThat((Boolean) ((org.openqa.selenium.JavascriptExecutor) browser.driver())
                .executeScript("return typeof htmx === 'object' && typeof uPlot === 'function'")).isTrue();
        assertThat(browser.consoleErrors()).isEmpty();
        browser.find(By.cssSelector("form.logout button")).click();
        browser.await(d -> d.getCurrentUrl().endsWith("/console/login"));
        browser.open("/console/accounts");
        assertThat(browser.driver().getCurrentUrl()).endsWith("/console/login");
    }
}
