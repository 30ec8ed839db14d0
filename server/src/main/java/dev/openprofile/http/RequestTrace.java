package dev.openprofile.http;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What the operator's view learns about one request while it is served: its id (sent back as
 * {@code X-Request-Id}), when it began, the spec operation it matched and the account it
 * authenticated as. Kept on the Javalin context; read once the answer is written.
 */
final class RequestTrace {
    static final String HEADER = "X-Request-Id";
    private static final String ATTRIBUTE = RequestTrace.class.getName();
    /**
     * A client's own id is kept when it is an opaque token a log line and a JSON string can carry as is
     * (UUIDs, ULIDs, base64, W3C trace ids); anything else is replaced, never echoed.
     */
    private static final Pattern SANE_ID = Pattern.compile("[A-Za-z0-9._:+/=-]{1,128}");

    final String id;
    final Instant started;
    private final long startNanos;
    volatile String operationId;
    volatile String accountId;
    volatile byte[] body;

    private RequestTrace(String id, Instant started, long startNanos) {
        this.id = id;
        this.started = started;
        this.startNanos = startNanos;
    }

    /** Starts the trace of a request and answers its id. */
    static RequestTrace begin(Context ctx, Clock clock) {
        String id = idFor(ctx.header(HEADER));
        RequestTrace trace = new RequestTrace(id, clock.instant(), System.nanoTime());
        ctx.attribute(ATTRIBUTE, trace);
        ctx.header(HEADER, id);
        return trace;
    }

    /** The client's request id when it is sane, else a fresh one. */
    static String idFor(String given) {
        return given != null && SANE_ID.matcher(given).matches() ? given : UUID.randomUUID().toString();
    }

    /** The request's trace (started by HttpServer's before-handler for every request Javalin serves). */
    static RequestTrace of(Context ctx) {
        RequestTrace trace = ctx.attribute(ATTRIBUTE);
        return trace != null ? trace : new RequestTrace(UUID.randomUUID().toString(), Instant.EPOCH, System.nanoTime());
    }

    /** The request as finished: elapsed time measured on the monotonic clock, whatever the operator's clock does. */
    FinishedRequest finish(Context ctx) {
        String query = ctx.queryString();
        return new FinishedRequest(started, ctx.method().name(), ctx.path(), query == null || query.isEmpty() ? null : query,
                operationId, accountId, ctx.statusCode(), Duration.ofNanos(System.nanoTime() - startNanos), id, body);
    }
}
