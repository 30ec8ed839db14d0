package dev.openprofile.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.auth.Authenticator;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.ApiErrors;
import dev.openprofile.jsonapi.ErrorDocument;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.jsonapi.Operation;
import dev.openprofile.jsonapi.OperationCatalog;
import dev.openprofile.ratelimit.RateLimiter;
import dev.openprofile.store.Jdbc;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Javalin on Jetty: routes every feature endpoint at its spec path, and renders every error Klaviyo's way. */
public final class HttpServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HttpServer.class);
    static final String JSON_API = "application/vnd.api+json";

    /** Klaviyo documents 503 as retryable; its SDKs retry it with backoff. */
    private static final ApiError DATABASE_UNAVAILABLE = new ApiError(503, "service_unavailable",
            "Service unavailable.", "The service is temporarily unavailable (its database cannot be reached); retry later.",
            null, null);

    private final Javalin javalin;
    private final RateLimiter rateLimits;

    public HttpServer(OperationCatalog catalog, Authenticator authenticator, Clock clock,
                      List<Endpoint> endpoints, BooleanSupplier healthy) {
        this(catalog, authenticator, clock, endpoints, List.of(), List.of(), List.of(), List.of(), java.util.Optional.empty(), healthy, OperatorHooks.NONE,
                RateLimiter.OFF);
    }

    /**
     * @param admin      operator endpoints under /admin, open to {@code adminKey} only (none when empty)
     * @param files      paths that serve stored files without a key (uploaded images)
     * @param pages      paths that answer HTML pages without a key (the pages a sent message links to)
     * @param sessionPages paths that answer HTML pages to a session cookie (the web console; none when it is off)
     * @param operator   the operator's view of every request (journal, metrics, log) and the injected faults
     * @param rateLimits the rate-limit step of /api and /client requests ({@link RateLimiter#OFF}: none)
     */
    public HttpServer(OperationCatalog catalog, Authenticator authenticator, Clock clock, List<Endpoint> endpoints,
                      List<AdminEndpoint> admin, List<FileRoute> files, List<PageRoute> pages, List<SessionPageRoute> sessionPages,
                      java.util.Optional<String> adminKey,
                      BooleanSupplier healthy,
                      OperatorHooks operator, RateLimiter rateLimits) {
        Revision revision = new Revision(clock);
        this.rateLimits = rateLimits;
        Throttle throttle = new Throttle(rateLimits, operator.rejections());
        FaultInjection faults = new FaultInjection(operator.faults());
        Gate gate = new Gate(revision, authenticator, catalog, faults, throttle);
        ClientGate clientGate = new ClientGate(revision, authenticator, faults, throttle);
        AdminGate adminGate = new AdminGate(adminKey);
        RequestListener listener = operator.listener();
        this.javalin = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.concurrency.useVirtualThreads = true;
            config.router.ignoreTrailingSlashes = true;
            config.http.prefer405over404 = true;
            // Above Klaviyo's 5 MB so that our own check answers first, in Klaviyo's format.
            config.http.maxRequestSize = Endpoint.FIVE_MB + 1024 * 1024;
            // Requests Jetty rejects before any route get Klaviyo error documents too, from the server
            // (request line, headers, framing) and from Javalin's servlet context alike.
            JettyErrorHandler jettyErrors = new JettyErrorHandler(clock, listener);
            config.jetty.modifyServer(server -> server.setErrorHandler(jettyErrors));
            config.jetty.modifyServletContextHandler(context -> context.setErrorHandler(jettyErrors));
            // Every request Javalin serves is traced from here (X-Request-Id) and reported once answered.
            config.routes.before(ctx -> RequestTrace.begin(ctx, clock));
            // Javalin decodes a route's path parameters before its handler runs, and a bad escape Jetty lets through
            // (after a ';') would escape as a 500: refuse it here, as Jetty refuses one elsewhere in the path.
            config.routes.before(HttpServer::requireDecodablePath);
            config.requestLogger.http((ctx, ms) -> listener.finished(RequestTrace.of(ctx).finish(ctx)));
            // Open like /healthz, for Prometheus scrapers: it names operations and counts, no account and no data.
            config.routes.get("/metrics", ctx -> ctx.status(200).contentType("text/plain; version=0.0.4; charset=utf-8")
                    .result(operator.metrics().get()));
            // Asks the database each time: a supervisor (systemd, Kubernetes, a CI wait loop) must see it go.
            config.routes.get("/healthz", ctx -> {
                if (healthy.getAsBoolean()) ctx.status(200).contentType("application/json").result("{\"status\":\"ok\"}");
                else write(ctx, DATABASE_UNAVAILABLE);
            });
            config.routes.before(Cors.CLIENT_PATHS, Cors::allowOrigin);
            java.util.Set<String> preflighted = new java.util.HashSet<>();
            for (Endpoint endpoint : endpoints) {
                Operation op = catalog.get(endpoint.operationId());
                boolean client = op.path().startsWith("/client/");
                // Per client path, not a wildcard: a wildcard OPTIONS route would turn every unknown /client path's 404 into a 405.
                if (client && preflighted.add(op.path())) config.routes.options(op.path(), Cors::preflight);
                config.routes.addHttpHandler(HandlerType.findOrCreate(op.method()), op.path(),
                        ctx -> {
                            RequestTrace.of(ctx).operationId = op.id();
                            if (client) clientGate.handle(ctx, op, endpoint);
                            else gate.handle(ctx, op, endpoint);
                        });
            }
            for (AdminEndpoint endpoint : admin) {
                config.routes.addHttpHandler(HandlerType.findOrCreate(endpoint.method()), endpoint.path(),
                        ctx -> adminGate.handle(ctx, endpoint));
            }
            for (FileRoute route : files) config.routes.get(route.path(), ctx -> serveFile(ctx, route));
            for (PageRoute route : pages) {
                config.routes.addHttpHandler(HandlerType.findOrCreate(route.method()), route.path(), ctx -> servePage(ctx, route));
            }
            for (SessionPageRoute route : sessionPages) {
                config.routes.addHttpHandler(HandlerType.findOrCreate(route.method()), route.path(), ctx -> serveSessionPage(ctx, route));
            }
            config.routes.exception(ApiError.class, (e, ctx) -> {
                // A 429 a feature throws (a limit of jobs in progress) tells the SDKs' retry when to come back too.
                if (e.status() == 429 && ctx.res().getHeader("Retry-After") == null) ctx.header("Retry-After", "1");
                write(ctx, e);
            });
            config.routes.exception(ApiErrors.class, (e, ctx) -> writeJson(ctx, e.status(), ErrorDocument.of(e.errors())));
            config.routes.exception(HttpResponseException.class, (e, ctx) -> write(ctx, fromJavalin(e)));
            // A body that breaks off while a route reads it is the client's fault, wherever it is read.
            config.routes.exception(org.eclipse.jetty.io.EofException.class, (e, ctx) -> write(ctx, JettyErrorHandler.brokenBody()));
            config.routes.exception(Jdbc.StoreException.class, (e, ctx) -> {
                if (!e.unavailable()) {
                    serverError(ctx, e);
                    return;
                }
                log.warn("{} {}: database unavailable ({})", ctx.method(), ctx.path(), e.getCause().getMessage());
                ctx.header("Retry-After", "1");
                write(ctx, DATABASE_UNAVAILABLE);
            });
            config.routes.exception(Exception.class, (e, ctx) -> serverError(ctx, e));
            config.routes.error(404, ctx -> {
                // A page's own 404 (an unknown link token) stays the page it rendered.
                String type = ctx.res().getContentType();
                if (type != null && type.startsWith("text/html")) return;
                if (ctx.result() == null || !ctx.result().contains("\"errors\"")) write(ctx, notFound(ctx));
            });
        });
    }

    public HttpServer start(int port) {
        javalin.start(port);
        return this;
    }

    public int port() {
        return javalin.port();
    }

    @Override
    public void close() {
        javalin.stop();
        rateLimits.close(); // after the last request: a shared backend's connections go with it
    }

    private static void serverError(Context ctx, Exception e) {
        log.error("unhandled error on {} {}", ctx.method(), ctx.path(), e);
        write(ctx, new ApiError(500, "error", "A server error occurred.", "A server error occurred.", null, null));
    }

    /**
     * A stored file, as a CDN answers: its type, never sniffed by the browser, and cacheable for a year, since the
     * bytes at a file's URL never change (a new upload is a new URL).
     */
    private static void serveFile(Context ctx, FileRoute route) throws IOException {
        var served = route.lookup().find(ctx.pathParamMap());
        byte[] bytes = null;
        if (served.isPresent()) {
            try {
                bytes = java.nio.file.Files.readAllBytes(served.get().file());
            } catch (java.nio.file.NoSuchFileException e) {
                // Its row is there but not its file (an imported account's images: docs/compatibility.md, "Images").
            }
        }
        if (bytes == null) {
            write(ctx, notFound(ctx));
            return;
        }
        ctx.status(200).contentType(served.get().contentType())
                .header("Cache-Control", "public, max-age=31536000, immutable")
                .header("X-Content-Type-Options", "nosniff")
                .result(bytes);
    }

    /**
     * A page: HTML that runs no script. The server's own pages may style themselves and post forms back to it; an
     * email's HTML (a web view) is sandboxed as a mail client would show it.
     */
    private static void servePage(Context ctx, PageRoute route) {
        java.util.Map<String, String> form = new java.util.HashMap<>();
        if (ctx.method() == HandlerType.POST) ctx.formParamMap().forEach((k, v) -> form.put(k, v.isEmpty() ? "" : v.get(0)));
        PageRoute.Page page = route.handler().handle(ctx.pathParamMap(), form);
        ctx.status(page.status()).contentType("text/html; charset=utf-8")
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "no-store")
                .header("Content-Security-Policy", page.sandboxed() ? "sandbox; default-src 'none'; img-src * data:; style-src 'unsafe-inline'"
                        : "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'")
                .result(page.html());
    }

    /**
     * A page of the server's own application: its script and style only from this origin (none inline, so an
     * escaped value that slipped through still runs nothing), never framed, never cached.
     */
    private static void serveSessionPage(Context ctx, SessionPageRoute route) {
        java.util.Map<String, String> form = new java.util.HashMap<>();
        java.util.Map<String, MultipartForm.Part> files = new java.util.HashMap<>();
        if (ctx.method() == HandlerType.POST && ctx.isMultipartFormData()) {
            // A file upload (the console's CSV import): its plain fields (the CSRF token) go with the form's.
            for (MultipartForm.Part part : MultipartForm.read(ctx, SessionPageRoute.Request.MAX_UPLOAD).parts().values()) {
                if (part.filename() == null) form.put(part.name(), part.text());
                else files.put(part.name(), part);
            }
        } else if (ctx.method() == HandlerType.POST) {
            ctx.formParamMap().forEach((k, v) -> form.put(k, v.isEmpty() ? "" : v.get(0)));
        }
        java.util.Map<String, String> query = new java.util.HashMap<>();
        for (var param : Gate.rawQuery(ctx.queryString())) query.putIfAbsent(param.getKey(), param.getValue());
        SessionPageRoute.Response response = route.handler().handle(
                new SessionPageRoute.Request(ctx.pathParamMap(), query, form, ctx.cookieMap(), ctx::header, files));
        for (String cookie : response.setCookies()) ctx.res().addHeader("Set-Cookie", cookie);
        if (response.location() != null) ctx.header("Location", response.location());
        if (response.filename() != null) {
            ctx.header("Content-Disposition", "attachment; filename=\"" + response.filename().replaceAll("[^A-Za-z0-9._-]", "_") + "\"");
        }
        boolean sandboxed = response.frame() == SessionPageRoute.Frame.SANDBOXED;
        ctx.status(response.status()).contentType(response.contentType())
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Frame-Options", sandboxed ? "SAMEORIGIN" : "DENY")
                // Foreign HTML (an email) runs nothing and reaches nothing but its images, and only this origin frames it.
                .header("Content-Security-Policy", sandboxed
                        ? "sandbox; default-src 'none'; img-src * data:; style-src 'unsafe-inline'; frame-ancestors 'self'"
                        : "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'")
                .result(response.body());
    }

    private static ApiError notFound(Context ctx) {
        return new ApiError(404, "not_found", "Not found.",
                "The path " + ctx.path() + " could not be found.", null, null);
    }

    private static ApiError fromJavalin(HttpResponseException e) {
        return switch (e.getStatus()) {
            case 404 -> new ApiError(404, "not_found", "Not found.", "The requested resource could not be found.", null, null);
            case 405 -> new ApiError(405, "method_not_allowed", "Method not allowed.",
                    "The method is not allowed for the requested URL.", null, null);
            case 413 -> new ApiError(413, "request_too_large", "Payload too large.",
                    "The maximum allowed payload size is 5MB.", ApiError.Source.pointer("/data"), null);
            default -> new ApiError(e.getStatus(), "error", "Request failed.", e.getMessage(), null, null);
        };
    }

    static void write(Context ctx, ApiError e) {
        writeJson(ctx, e.status(), ErrorDocument.of(e));
    }

    static void writeJson(Context ctx, int status, JsonNode body) {
        ctx.status(status);
        if (body == null) {
            ctx.result(new byte[0]);
            return;
        }
        try {
            ctx.contentType(JSON_API).result(Json.MAPPER.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    private static void requireDecodablePath(io.javalin.http.Context ctx) {
        String path = ctx.path();
        if (path.indexOf('%') < 0) return;
        try {
            java.net.URLDecoder.decode(path.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiError.invalidParameter("path", "The path is not valid percent-encoding.");
        }
    }
}
