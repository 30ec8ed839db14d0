package dev.openprofile.console;

import dev.openprofile.auth.AccountStore;
import dev.openprofile.config.ConsoleAccess;
import dev.openprofile.http.SessionPageRoute;
import dev.openprofile.http.SessionPageRoute.Request;
import dev.openprofile.http.SessionPageRoute.Response;
import dev.openprofile.store.Jdbc;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The web console (issue 18): server-rendered pages at /console for the operator (admin key: every account) and for
 * one account (one of its private keys: that account only). Every route is in {@link #ROUTES} with who may open it;
 * the session, CSRF and access checks are made here once, before any page's handler runs.
 */
public final class Console {
    static final String COOKIE = "op_console";
    static final String CSRF_FIELD = "csrf";
    static final String LOGIN = "/console/login";

    /** Who may open a route: anyone (the login form), any session, or an operator session only. */
    enum Access { OPEN, SESSION, OPERATOR }

    /** A console route; its handler sees the session (null on an {@link Access#OPEN} route). */
    record Route(String method, String path, Access access, Handler handler) {}

    @FunctionalInterface
    interface Handler {
        Response handle(Request request, ConsoleSessions.Session session);
    }

    private final ConsoleAccess access;
    private final Optional<byte[]> adminKey;
    private final AccountStore accounts;
    private final ConsoleSessions sessions;
    private final AccountCounts counts;
    private final ConsolePages pages = new ConsolePages();
    private final boolean secureCookie;
    final List<Route> routes;

    public Console(Jdbc jdbc, AccountStore accounts, ConsoleAccess access, Optional<String> adminKey, String baseUrl, Clock clock) {
        this.access = access;
        this.adminKey = access.admin() ? adminKey.map(k -> k.getBytes(StandardCharsets.UTF_8)) : Optional.empty();
        this.accounts = accounts;
        this.sessions = new ConsoleSessions(jdbc, adminKey, clock);
        this.counts = new AccountCounts(jdbc);
        this.secureCookie = baseUrl.startsWith("https://");
        this.routes = List.of(
                new Route("GET", LOGIN, Access.OPEN, (r, s) -> Response.page(200, pages.login(null))),
                new Route("POST", LOGIN, Access.OPEN, (r, s) -> login(r)),
                new Route("POST", "/console/logout", Access.SESSION, this::logout),
                new Route("GET", "/console", Access.SESSION, this::home),
                new Route("GET", "/console/accounts", Access.OPERATOR, (r, s) -> Response.page(200,
                        pages.accounts(s, accounts.accounts()))),
                new Route("GET", "/console/accounts/{account_id}", Access.OPERATOR,
                        (r, s) -> overview(s, r.pathParams().get("account_id"))));
    }

    /** The routes to serve: none when the console is off, so every /console path is a 404. */
    public List<SessionPageRoute> routes() {
        if (!access.on()) return List.of();
        return routes.stream().map(route -> new SessionPageRoute(route.method(), route.path(), r -> guarded(route, r))).toList();
    }

    private Response guarded(Route route, Request request) {
        if (route.access() == Access.OPEN) return route.handler().handle(request, null);
        Optional<ConsoleSessions.Session> session = sessions.find(request.cookies().get(COOKIE));
        if (session.isEmpty()) return Response.redirect(LOGIN, List.of());
        if (route.access() == Access.OPERATOR && !session.get().operator()) {
            return Response.page(403, pages.error(session.get(), "Forbidden", "This page is for the operator (the admin key)."));
        }
        // Every POST carries the session's CSRF token: a form another site makes the browser send has none.
        if (route.method().equals("POST") && !MessageDigest.isEqual(
                request.form().getOrDefault(CSRF_FIELD, "").getBytes(StandardCharsets.UTF_8),
                session.get().csrfToken().getBytes(StandardCharsets.UTF_8))) {
            return Response.page(403, pages.error(session.get(), "Forbidden",
                    "The form's security token is missing or out of date: reload the page and try again."));
        }
        return route.handler().handle(request, session.get());
    }

    private Response login(Request request) {
        String key = request.form().getOrDefault("key", "").strip();
        String token = null;
        String home = "/console";
        if (!key.isEmpty() && adminKey.isPresent()
                && MessageDigest.isEqual(key.getBytes(StandardCharsets.UTF_8), adminKey.get())) {
            token = sessions.openOperator();
            home = "/console/accounts";
        } else if (!key.isEmpty() && access.accounts()) {
            Optional<AccountStore.KeyOwner> owner = accounts.activeKeyOwner(key);
            if (owner.isPresent()) token = sessions.openAccount(owner.get().accountId(), owner.get().keyId());
        }
        if (token == null) return Response.page(401, pages.login("That key does not open the console."));
        return Response.redirect(home, List.of(cookie(token, false)));
    }

    private Response logout(Request request, ConsoleSessions.Session session) {
        sessions.close(session);
        return Response.redirect(LOGIN, List.of(cookie("", true)));
    }

    private Response home(Request request, ConsoleSessions.Session session) {
        if (session.operator()) return Response.redirect("/console/accounts", List.of());
        return overview(session, session.accountId().orElseThrow());
    }

    private Response overview(ConsoleSessions.Session session, String accountId) {
        Optional<AccountStore.Account> account = accounts.accountById(accountId);
        if (account.isEmpty()) return Response.page(404, pages.error(session, "Not found", "There is no such account."));
        return Response.page(200, pages.account(session, account.get(), counts.of(accountId)));
    }

    private String cookie(String token, boolean expire) {
        return COOKIE + "=" + token + "; Path=/console; HttpOnly; SameSite=Strict" + (secureCookie ? "; Secure" : "")
                + (expire ? "; Max-Age=0" : "");
    }
}
