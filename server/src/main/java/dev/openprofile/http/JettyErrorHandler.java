package dev.openprofile.http;

import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.ErrorDocument;
import dev.openprofile.jsonapi.Json;
import java.nio.ByteBuffer;
import java.util.Locale;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jetty's error page, replaced: a request Jetty rejects before any route sees it (a request line or
 * header section it cannot parse, a header section too large, bad framing, an ambiguous path) is
 * answered with a Klaviyo error document like every other error, whatever its Accept header or
 * method. {@code source.parameter} names the part Jetty rejected: a header by its name when Jetty's
 * reason names one, {@code path} for the request target (and a request line that cannot be read),
 * {@code method}, {@code version}, or {@code headers} for the header section as a whole; a body
 * whose framing breaks points at {@code /data} (docs/compatibility.md, "Requests Jetty rejects").
 */
final class JettyErrorHandler extends ErrorHandler {
    private static final Logger log = LoggerFactory.getLogger(JettyErrorHandler.class);
    private final java.time.Clock clock;
    private final RequestListener listener;

    /** @param listener told of each rejection too (no account and no operation: the journal skips it) */
    JettyErrorHandler(java.time.Clock clock, RequestListener listener) {
        this.clock = clock;
        this.listener = listener;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = request.getAttribute(ERROR_STATUS) instanceof Integer s ? s : response.getStatus();
        String reason = (String) request.getAttribute(ERROR_MESSAGE);
        Throwable cause = (Throwable) request.getAttribute(ERROR_EXCEPTION);
        if (cause instanceof HttpException http) {
            status = http.getCode();
            if (http.getReason() != null) reason = http.getReason();
        }
        // Jetty names a request whose request line it could not read "BAD /badMessage".
        boolean requestLineRead = !("BAD".equals(request.getMethod()) && "/badMessage".equals(request.getHttpURI().getPath()));
        ApiError error = rejection(status, reason == null ? "" : reason, cause == null ? null : cause.getCause(), requestLineRead);
        if (error.status() >= 500) log.error("Jetty failed {} {}: {}", request.getMethod(), request.getHttpURI(), reason, cause);
        byte[] body = Json.bytes(ErrorDocument.of(error));
        response.setStatus(error.status());
        HttpFields.Mutable headers = response.getHeaders();
        headers.put(ERROR_CACHE_CONTROL);
        headers.put(HttpHeader.CONTENT_TYPE, HttpServer.JSON_API);
        headers.put(HttpHeader.CONTENT_LENGTH, body.length);
        // Jetty cannot trust the rest of a rejected request's bytes and closes the connection after
        // the answer; saying so up front lets the client read the whole answer before the close.
        headers.put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        String requestId = RequestTrace.idFor(request.getHeaders().get(RequestTrace.HEADER));
        headers.put(RequestTrace.HEADER, requestId);
        response.write(true, ByteBuffer.wrap(body), callback);
        String query = request.getHttpURI().getQuery();
        // Jetty does not say when it began reading a request it rejects: its duration is reported as zero.
        listener.finished(new FinishedRequest(clock.instant(), request.getMethod(), request.getHttpURI().getPath(),
                query, null, null, error.status(), java.time.Duration.ZERO, requestId, null));
        return true;
    }

    /** A body Jetty found broken while it was read: shorter than its Content-Length, or bad chunked encoding. */
    static ApiError brokenBody() {
        return ApiError.invalidPointer("/data", "The request body could not be read: it ended before its Content-Length"
                + " or its chunked encoding is malformed.");
    }

    /**
     * The Klaviyo error for Jetty's status and reason (its HTTP reason phrase, or what its parser
     * found); {@code parseFailure} is what Jetty's parser threw when its reason is only "Bad Request".
     */
    static ApiError rejection(int status, String reason, Throwable parseFailure, boolean requestLineRead) {
        return switch (status) {
            case 400 -> badRequest(reason, parseFailure, requestLineRead);
            // Jetty's 426 and 505 answer a request line naming another HTTP version: a malformed request, not our failure.
            case 426, 505 -> ApiError.invalidParameter("version", "Only HTTP/1.1 and HTTP/1.0 are served (" + reason + ").");
            case 408 -> of(status, "The request was not received in time.", ApiError.Source.pointer("/data"));
            case 413 -> new ApiError(413, "request_too_large", "Payload too large.", "The maximum allowed payload size is 5MB.",
                    ApiError.Source.pointer("/data"), null);
            case 414 -> of(status, "The request URI is too long: the request line and headers may take 8 KB together.",
                    ApiError.Source.parameter("path"));
            case 417 -> of(status, "The only expectation served is 'Expect: 100-continue'.", ApiError.Source.parameter("Expect"));
            case 431 -> of(status, "The request headers are too large: the request line and headers may take 8 KB together.",
                    ApiError.Source.parameter("headers"));
            // A failure of ours (or Jetty's) keeps its status and says nothing more, like the routes' 500.
            default -> status >= 500
                    ? new ApiError(status, "error", "A server error occurred.", "A server error occurred.", null, null)
                    : of(status, reason.isBlank() ? HttpStatus.getMessage(status) + "." : reason, null);
        };
    }

    private static ApiError badRequest(String jettyReason, Throwable parseFailure, boolean requestLineRead) {
        String reason = jettyReason;
        if (parseFailure != null && parseFailure.getMessage() != null) reason += ": " + parseFailure.getMessage();
        String r = reason.toLowerCase(Locale.ROOT);
        if (r.contains("uri") || r.contains("path") || r.contains("utf-") || r.contains("percent") || r.contains("user info")
                || r.contains("fragment")) {
            return ApiError.invalidParameter("path", "The request path is invalid (" + reason + ").");
        }
        if (r.contains("host") || r.contains("authority")) return header("Host", reason);
        if (r.contains("transfer-encoding")) return header("Transfer-Encoding", reason);
        // The one number Jetty reads among the headers is the Content-Length; one past a long fails as arithmetic.
        if (r.contains("content-length") || requestLineRead && parseFailure instanceof ArithmeticException) {
            return header("Content-Length", reason);
        }
        if (r.contains("early eof") || r.contains("chunk")) return brokenBody();
        if (r.contains("version")) return ApiError.invalidParameter("version", "Only HTTP/1.1 and HTTP/1.0 are served (" + reason + ").");
        // Letters, punctuation and non-ASCII bytes are legal in a request target, so the parser only
        // rejects them in the method token; other characters (controls) may be anywhere in the line.
        boolean tokenChar = r.startsWith("illegal character") && (r.contains("vchar") || r.contains("otext") || r.contains("colon"));
        if (r.contains("method") || !requestLineRead && tokenChar) {
            return ApiError.invalidParameter("method", "The method is not a valid token (" + reason + ").");
        }
        if (!requestLineRead) return ApiError.invalidParameter("path", "The request line cannot be read (" + reason + ").");
        return ApiError.invalidParameter("headers", "A header line is malformed (" + reason + ").");
    }

    private static ApiError header(String name, String reason) {
        return ApiError.invalidParameter(name, "The " + name + " header is invalid (" + reason + ").");
    }

    /** Code and title from the HTTP reason phrase, in Klaviyo's style: "uri_too_long", "URI too long.". */
    private static ApiError of(int status, String detail, ApiError.Source source) {
        String phrase = HttpStatus.getMessage(status);
        StringBuilder title = new StringBuilder();
        for (String word : phrase.split(" ")) {
            if (!title.isEmpty()) title.append(' ');
            title.append(title.isEmpty() || word.equals(word.toUpperCase(Locale.ROOT)) ? word : word.toLowerCase(Locale.ROOT));
        }
        String code = phrase.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        return new ApiError(status, code, title + ".", detail, source, null);
    }
}
