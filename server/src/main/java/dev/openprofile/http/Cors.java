package dev.openprofile.http;

import io.javalin.http.Context;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * CORS for the /client endpoints, which browsers call from any shop's pages (Klaviyo's onsite JS). Every
 * origin is allowed (`*`): the public key is no secret and no cookie or credential travels, so there is
 * nothing an origin check would protect. /api gets no CORS headers at all, so a browser refuses to send a
 * private key cross-origin.
 */
final class Cors {
    static final String CLIENT_PATHS = "/client/*";
    /** What browsers, Klaviyo's onsite JS and its SDKs send beyond the CORS-safelisted headers. */
    private static final Set<String> ALLOWED_HEADERS = Set.of("revision", "content-type", "accept",
            "x-klaviyo-api-filters", "x-klaviyo-user-agent", "x-klaviyo-attempt-count");
    /** A day: browsers cap it lower (Chromium at 2 hours) and use their cap. */
    private static final String MAX_AGE = "86400";

    private Cors() {}

    /**
     * On every /client answer, errors included: a browser shows the page's script no answer without it. The
     * rate-limit headers are exposed too, so that a script can back off as the SDKs do (docs/compatibility.md).
     */
    static void allowOrigin(Context ctx) {
        ctx.header("Access-Control-Allow-Origin", "*");
        ctx.header("Access-Control-Expose-Headers", "RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, Retry-After");
    }

    /** The preflight a browser sends before a POST with a JSON body or a custom header (revision). */
    static void preflight(Context ctx) {
        Set<String> headers = new LinkedHashSet<>(ALLOWED_HEADERS);
        String requested = ctx.header("Access-Control-Request-Headers");
        if (requested != null) {
            for (String h : requested.split(",")) {
                if (!h.isBlank()) headers.add(h.strip().toLowerCase(Locale.ROOT));
            }
        }
        allowOrigin(ctx);
        ctx.header("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
        ctx.header("Access-Control-Allow-Headers", String.join(", ", headers));
        ctx.header("Access-Control-Max-Age", MAX_AGE);
        ctx.status(204);
    }
}
