package dev.openprofile.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The web console over plain HTTP, as a browser without script sees it: its own cookie jar, redirects not followed
 * (each test asserts where it is sent). Every page it receives goes to {@code seen} (a test class checks no key is
 * ever in one).
 */
public final class ConsoleClient {
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]*)\"");
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
    private final String baseUrl;
    private final Consumer<String> seen;

    public ConsoleClient(String baseUrl) {
        this(baseUrl, page -> { });
    }

    public ConsoleClient(String baseUrl, Consumer<String> seen) {
        this.baseUrl = baseUrl;
        this.seen = seen;
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET().build());
    }

    /** A form POST (fields URL-encoded), as a browser submits one. */
    public HttpResponse<String> post(String path, Map<String, String> form) {
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }

    /** A form POST with the session's CSRF token added. */
    public HttpResponse<String> submit(String path, Map<String, String> form) {
        Map<String, String> withToken = new java.util.LinkedHashMap<>(form);
        withToken.put("csrf", csrf());
        return post(path, withToken);
    }

    /** Logs in as the form does: opens it (its CSRF cookie) and posts the key with the form's token. */
    public HttpResponse<String> login(String key) {
        HttpResponse<String> form = get("/console/login");
        Matcher m = CSRF.matcher(form.body());
        assertThat(m.find()).as("the login form's token").isTrue();
        return post("/console/login", Map.of("key", key, "csrf", m.group(1)));
    }

    /** Logs in and follows the redirect home; the home page's path (an account's: /console/accounts/{id}). */
    public String loginHome(String key) {
        HttpResponse<String> login = login(key);
        assertThat(login.statusCode()).as(login.body()).isEqualTo(303);
        return login.headers().firstValue("Location").orElseThrow();
    }

    /** The CSRF token of the session, read off a page's logout form as a browser would. */
    public String csrf() {
        HttpResponse<String> page = get("/console");
        if (page.statusCode() == 303) page = get(page.headers().firstValue("Location").orElseThrow());
        Matcher m = CSRF.matcher(page.body());
        assertThat(m.find()).as("a CSRF token on " + page.uri()).isTrue();
        return m.group(1);
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            seen.accept(response.body());
            return response;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The cookies it holds (a test checks what a login set). */
    public List<java.net.HttpCookie> cookies() {
        return cookies.getCookieStore().getCookies();
    }
}
