package dev.openprofile.console;

import dev.openprofile.http.SessionPageRoute.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The console's script and style, served from the classpath (console/assets): its own console.js and console.css
 * and the vendored, versioned htmx and uPlot (VENDORED.md there). Only the files named here are served; the CSP
 * lets pages load script and style from this origin only, so nothing runs that is not one of them.
 */
final class ConsoleAssets {
    private static final Map<String, String> TYPES = Map.of(
            "console.js", "text/javascript; charset=utf-8",
            "console.css", "text/css; charset=utf-8",
            "htmx-2.0.11.min.js", "text/javascript; charset=utf-8",
            "uplot-1.6.32.min.js", "text/javascript; charset=utf-8",
            "uplot-1.6.32.min.css", "text/css; charset=utf-8");
    private static final Map<String, String> FILES = load();

    private ConsoleAssets() {}

    static Response serve(String name) {
        String body = FILES.get(name);
        if (body == null) return Response.page(404, "<!doctype html><title>Not found</title><p>There is no such file.");
        return Response.asset(TYPES.get(name), body);
    }

    private static Map<String, String> load() {
        Map<String, String> files = new java.util.HashMap<>();
        for (String name : TYPES.keySet()) {
            try (InputStream in = ConsoleAssets.class.getResourceAsStream("/console/assets/" + name)) {
                if (in == null) throw new IllegalStateException("console asset missing from the jar: " + name);
                files.put(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Map.copyOf(files);
    }
}
