package dev.openprofile.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (the system's: Debian's chromium and chromium-driver, which .ci/run installs) driven
 * through its chromedriver, for the console's browser tests. Nothing is downloaded: the driver and browser paths
 * are given, so Selenium Manager never runs. Set OPENPROFILE_CHROMIUM / OPENPROFILE_CHROMEDRIVER to use others.
 */
public final class ConsoleBrowser implements AutoCloseable {
    /** Where the screenshots the README shows are written (docs/screenshots at the repository's root). */
    public static final Path SCREENSHOTS = Path.of("..", "docs", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(15);

    private final WebDriver driver;
    private final String baseUrl;

    public ConsoleBrowser(String baseUrl) {
        // On CI the browser is there (.ci/run installs it): a missing one fails; elsewhere the browser tests skip.
        if (System.getenv("CI") == null) org.junit.jupiter.api.Assumptions.assumeTrue(available(), "no chromium/chromedriver here");
        this.baseUrl = baseUrl;
        ChromeOptions options = new ChromeOptions();
        options.setBinary(env("OPENPROFILE_CHROMIUM", "/usr/bin/chromium"));
        // As root in a container Chromium needs --no-sandbox; the background-networking flags keep it off the
        // network, which this machine closes (each refused connection would slow it down).
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-extensions", "--window-size=1400,1000");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, java.util.logging.Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(env("OPENPROFILE_CHROMEDRIVER", "/usr/bin/chromedriver")))
                .usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1400, 1000));
    }

    /** Whether this machine has the browser and its driver (.ci/run installs them; a developer may lack them). */
    public static boolean available() {
        return new File(env("OPENPROFILE_CHROMIUM", "/usr/bin/chromium")).canExecute()
                && new File(env("OPENPROFILE_CHROMEDRIVER", "/usr/bin/chromedriver")).canExecute();
    }

    public WebDriver driver() {
        return driver;
    }

    /** Opens a path of the server ("/console/..."). */
    public ConsoleBrowser open(String path) {
        driver.get(baseUrl + path);
        return this;
    }

    /** Logs in through the login form with {@code key} and waits for the page it leads to. */
    public ConsoleBrowser logIn(String key) {
        open("/console/login");
        driver.findElement(By.name("key")).sendKeys(key);
        driver.findElement(By.cssSelector("form[action='/console/login'] button[type=submit]")).click();
        await(d -> !d.getCurrentUrl().endsWith("/console/login"));
        return this;
    }

    public WebElement find(By by) {
        return await(d -> {
            List<WebElement> found = d.findElements(by);
            return found.isEmpty() ? null : found.get(0);
        });
    }

    /** Waits (up to 15 s) for a condition: a value that is not null and not false. */
    public <T> T await(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT).until(condition::apply);
    }

    /** Waits until the page's text contains {@code text}. */
    public void awaitText(String text) {
        await(d -> d.findElement(By.tagName("body")).getText().contains(text));
    }

    public String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    /** The page's HTML as the browser holds it now (after any partial updates). */
    public String html() {
        return driver.getPageSource();
    }

    /** Writes a PNG of the page as docs/screenshots/{name}.png. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(name + ".png");
            File shot = ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The browser console's errors since the last call (a CSP violation, a script error): a page that works only
     * because an error went unnoticed fails its test.
     */
    public List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
                .map(LogEntry::getMessage).toList();
    }

    @Override
    public void close() {
        driver.quit();
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
