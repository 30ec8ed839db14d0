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
 */
final class ConsolePages {
    private final PebbleEngine engine;

    ConsolePages() {
        ClasspathLoader loader = new ClasspathLoader();
        loader.setPrefix("console");
        loader.setSuffix(".peb");
        this.engine = new PebbleEngine.Builder().loader(loader).autoEscaping(true).strictVariables(true).build();
    }

    String login(String error) {
        Map<String, Object> context = new HashMap<>();
        context.put("error", error);
        return render("login", null, context);
    }

    String accounts(ConsoleSessions.Session session, List<AccountStore.Account> accounts) {
        return render("accounts", session, Map.of("accounts", accounts));
    }

    String account(ConsoleSessions.Session session, AccountStore.Account account, Map<String, Long> counts) {
        return render("account", session, Map.of("account", account, "counts", counts));
    }

    String error(ConsoleSessions.Session session, String title, String message) {
        return render("error", session, Map.of("title", title, "message", message));
    }

    private String render(String template, ConsoleSessions.Session session, Map<String, Object> values) {
        Map<String, Object> context = new HashMap<>(values);
        context.put("operator", session != null && session.operator());
        context.put("signedIn", session != null);
        context.put("csrf", session == null ? "" : session.csrfToken());
        StringWriter out = new StringWriter();
        try {
            engine.getTemplate(template).evaluate(out, context);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
