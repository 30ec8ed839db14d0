package dev.openprofile.console;

import dev.openprofile.auth.AccountStore;
import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The console's pages: Pebble templates (the engine render_template uses) under console/ on the classpath, with
 * every value HTML-escaped by the engine, so an account name or a profile property with markup renders inert.
 * Every page extends layout.peb, which gets the session's CSRF token and, on an account's pages, the account (its
 * navigation) from here.
 */
public final class ConsolePages {
    private final PebbleEngine engine;

    ConsolePages() {
        ClasspathLoader loader = new ClasspathLoader();
        loader.setPrefix("console");
        loader.setSuffix(".peb");
        this.engine = new PebbleEngine.Builder().loader(loader).autoEscaping(true).strictVariables(true).build();
    }

    /** @param loginToken the login form's CSRF token (also in its cookie) */
    String login(String loginToken, String error) {
        Map<String, Object> context = new HashMap<>();
        context.put("error", error);
        context.put("loginToken", loginToken);
        return render("login", null, context);
    }

    String accounts(ConsoleSessions.Session session, List<AccountStore.Account> accounts) {
        return render("accounts", session, Map.of("accounts", accounts));
    }

    String account(ConsoleSessions.Session session, AccountStore.Account account, Map<String, Long> counts) {
        return render("account", session, account, Map.of("counts", counts));
    }

    String error(ConsoleSessions.Session session, String title, String message) {
        return render("error", session, Map.of("title", title, "message", message));
    }

    /** A page outside any account (the operator's pages, the login). */
    String render(String template, ConsoleSessions.Session session, Map<String, Object> values) {
        return render(template, session, null, values);
    }

    /**
     * A page of one account: the layout shows that account's navigation; {@code base} (the account's path,
     * /console/accounts/{id} escaped) and {@code account} are in the template's context.
     */
    String render(String template, ConsoleSessions.Session session, AccountStore.Account account, Map<String, Object> values) {
        Map<String, Object> context = new HashMap<>(values);
        context.put("operator", session != null && session.operator());
        context.put("signedIn", session != null);
        context.put("csrf", session == null ? "" : session.csrfToken());
        context.put("account", account);
        context.put("base", account == null ? "" : Console.accountPath(account.accountId()));
        StringWriter out = new StringWriter();
        try {
            engine.getTemplate(template).evaluate(out, context);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
