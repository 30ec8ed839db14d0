package dev.openprofile.console;

import dev.openprofile.auth.AccountStore;
import dev.openprofile.config.ConsoleAccess;
import dev.openprofile.http.InProcessApi;
import dev.openprofile.http.SessionPageRoute;
import dev.openprofile.http.SessionPageRoute.Request;
import dev.openprofile.http.SessionPageRoute.Response;
import dev.openprofile.store.Jdbc;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The web console (issue 18): server-rendered pages at /console for the operator (admin key: every account) and for
 * one account (one of its private keys: that account only). Every route is in {@link #routes} with who may open it;
 * the session, CSRF and access checks are made here once, before any page's handler runs. The pages read and change
 * state through the API's own operations ({@link ConsoleApi}), never through SQL of their own.
 */
public final class Console {
    static final String COOKIE = "op_console";
    static final String CSRF_FIELD = "csrf";
    /** htmx sends the token in this header (console.js sets it from the page's meta tag) on the requests it makes. */
    static final String CSRF_HEADER = "X-CSRF-Token";
    static final String LOGIN = "/console/login";
    /**
     * The login form's CSRF defence, before any session exists: the form page sets this cookie and puts the same
     * random value in the form; a login POST must carry both (double submit). A form another site makes the browser
     * post has the field but not the cookie (SameSite=Strict, and it cannot read ours), so it cannot sign the
     * browser into the forger's account.
     */
    static final String LOGIN_COOKIE = "op_login";
    /** Where an account's pages live: the operator opens any account's, an account login only its own. */
    static final String ACCOUNT = "/console/accounts/{account_id}";

    /**
     * Who may open a route: anyone (the login form, the console's own script and style), any session, an operator
     * session only, or a session that may open the route's {@code {account_id}} (the operator, or that account).
     */
    enum Access { OPEN, SESSION, OPERATOR, ACCOUNT }

    /** A console route; its handler sees the session (null on an {@link Access#OPEN} route). */
    record Route(String method, String path, Access access, Handler handler) {}

    @FunctionalInterface
    interface Handler {
        Response handle(Request request, ConsoleSessions.Session session);
    }

    /** A part of the console (profiles, lists, jobs...): its routes, wired in {@code App}. */
    public interface Section {
        List<Route> routes();
    }

    /** What every section renders and calls with, made once for the console. */
    public record Kit(ConsolePages pages, ConsoleApi api, AccountStore accounts) {
        public Kit(InProcessApi api, AccountStore accounts) {
            this(new ConsolePages(), new ConsoleApi(api), accounts);
        }

        /** The account an {@link Access#ACCOUNT} route's {@code {account_id}} names (the guard made sure it exists). */
        AccountStore.Account account(Request request) {
            return accounts.accountById(request.pathParams().get("account_id")).orElseThrow();
        }
    }

    private final ConsoleAccess access;
    private final Optional<byte[]> adminKey;
    private final AccountStore accounts;
    private final ConsoleSessions sessions;
    private final ConsolePages pages;
    private final boolean secureCookie;
    final List<Route> routes;

    public Console(Jdbc jdbc, AccountStore accounts, ConsoleAccess access, Optional<String> adminKey, String baseUrl,
                   Clock clock, Kit kit, AccountCounts counts, List<Section> sections) {
        this.access = access;
        this.adminKey = access.admin() ? adminKey.map(k -> k.getBytes(StandardCharsets.UTF_8)) : Optional.empty();
        this.accounts = accounts;
        this.sessions = new ConsoleSessions(jdbc, adminKey, clock);
        this.pages = kit.pages();
        this.secureCookie = baseUrl.startsWith("https://");
        List<Route> all = new ArrayList<>(List.of(
                new Route("GET", LOGIN, Access.OPEN, (r, s) -> loginForm(200, null)),
                new Route("POST", LOGIN, Access.OPEN, (r, s) -> login(r)),
                new Route("GET", "/console/assets/{name}", Access.OPEN, (r, s) -> ConsoleAssets.serve(r.pathParams().get("name"))),
                new Route("POST", "/console/logout", Access.SESSION, this::logout),
                new Route("GET", "/console", Access.SESSION, this::home),
                new Route("GET", "/console/accounts", Access.OPERATOR, (r, s) -> Response.page(200,
                        pages.accounts(s, accounts.accounts()))),
                new Route("GET", ACCOUNT, Access.ACCOUNT, (r, s) -> {
                    AccountStore.Account account = kit.account(r);
                    return Response.page(200, pages.account(s, account, counts.of(account.accountId())));
                })));
        for (Section section : sections) all.addAll(section.routes());
        this.routes = List.copyOf(all);
    }

    /** The routes to serve: none when the console is off, so every /console path is a 404. */
    public List<SessionPageRoute> routes() {
        if (!access.on()) return List.of();
        return routes.stream().map(route -> new SessionPageRoute(route.method(), route.path(), r -> guarded(route, r))).toList();
    }

    /** Every route's method, path template and access (the security tests open each one). */
    public List<String> describeRoutes() {
        return routes.stream().map(r -> r.method() + " " + r.path() + " " + r.access()).toList();
    }

    private Response guarded(Route route, Request request) {
        if (route.access() == Access.OPEN) return route.handler().handle(request, null);
        Optional<ConsoleSessions.Session> found = sessions.find(request.cookies().get(COOKIE));
        if (found.isEmpty()) return Response.redirect(LOGIN, List.of());
        ConsoleSessions.Session session = found.get();
        if (route.access() == Access.OPERATOR && !session.operator()) {
            return Response.page(403, pages.error(session, "Forbidden", "This page is for the operator (the admin key)."));
        }
        if (route.access() == Access.ACCOUNT) {
            // Another account's pages are answered exactly as a missing account's: an account login learns nothing.
            String accountId = request.pathParams().get("account_id");
            if (!session.mayOpen(accountId) || accounts.accountById(accountId).isEmpty()) {
                return Response.page(404, pages.error(session, "Not found", "There is no such account."));
            }
        }
        // Every POST carries the session's CSRF token: a form another site makes the browser send has none.
        if (route.method().equals("POST")) {
            String sent = request.form().getOrDefault(CSRF_FIELD, Optional.ofNullable(request.header(CSRF_HEADER)).orElse(""));
            if (!MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8), session.csrfToken().getBytes(StandardCharsets.UTF_8))) {
                return Response.page(403, pages.error(session, "Forbidden",
                        "The form's security token is missing or out of date: reload the page and try again."));
            }
        }
        return route.handler().handle(request, session);
    }

    private Response loginForm(int status, String error) {
        String token = ConsoleSessions.randomToken();
        return new Response(status, pages.login(token, error), Response.HTML, null,
                List.of(LOGIN_COOKIE + "=" + token + "; Path=" + LOGIN + "; HttpOnly; SameSite=Strict" + (secureCookie ? "; Secure" : "")),
                SessionPageRoute.Frame.APP, null);
    }

    private Response login(Request request) {
        String expected = request.cookies().getOrDefault(LOGIN_COOKIE, "");
        String sent = request.form().getOrDefault(CSRF_FIELD, "");
        if (expected.isEmpty() || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8))) {
            return loginForm(403, "The form's security token is missing or out of date: try again.");
        }
        String key = request.form().getOrDefault("key", "").strip();
        String token = null;
        String home = "/console/accounts";
        if (!key.isEmpty() && adminKey.isPresent()
                && MessageDigest.isEqual(key.getBytes(StandardCharsets.UTF_8), adminKey.get())) {
            token = sessions.openOperator();
        } else if (!key.isEmpty() && access.accounts()) {
            Optional<AccountStore.KeyOwner> owner = accounts.activeKeyOwner(key);
            if (owner.isPresent()) {
                token = sessions.openAccount(owner.get().accountId(), owner.get().keyId());
                home = accountPath(owner.get().accountId());
            }
        }
        if (token == null) return loginForm(401, "That key does not open the console.");
        return Response.redirect(home, List.of(cookie(token, false)));
    }

    private Response logout(Request request, ConsoleSessions.Session session) {
        sessions.close(session);
        return Response.redirect(LOGIN, List.of(cookie("", true)));
    }

    private Response home(Request request, ConsoleSessions.Session session) {
        return Response.redirect(session.operator() ? "/console/accounts" : accountPath(session.accountId().orElseThrow()), List.of());
    }

    /** The overview page of an account (its pages are under it). */
    static String accountPath(String accountId) {
        return "/console/accounts/" + java.net.URLEncoder.encode(accountId, StandardCharsets.UTF_8);
    }

    private String cookie(String token, boolean expire) {
        return COOKIE + "=" + token + "; Path=/console; HttpOnly; SameSite=Strict" + (secureCookie ? "; Secure" : "")
                + (expire ? "; Max-Age=0" : "");
    }
}
