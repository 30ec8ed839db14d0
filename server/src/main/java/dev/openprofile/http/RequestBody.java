package dev.openprofile.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Json;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Reading a request body, for both gates: its media type, its bytes and its JSON. Every way a body
 * can be unreadable (wrong type or charset, a compressed body, framing that breaks off, JSON past
 * the parser's limits) is a Klaviyo error here, where it is found, never a 500 further up.
 */
final class RequestBody {
    private static final Set<String> JSON_TYPES = Set.of("application/vnd.api+json", "application/json");
    // JSON is UTF-8 (RFC 8259 §8.1); no other charset is read.
    private static final Set<String> UTF_8 = Set.of("utf-8", "utf8");
    // A document with anything after its value is malformed, not a document and some ignored bytes.
    private static final ObjectReader READER = Json.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private RequestBody() {}

    /** The raw header, not the servlet's parsed Content-Type, which throws on a charset it does not know. */
    static void requireJson(Context ctx) {
        String type = ctx.header("Content-Type");
        String[] parts = (type == null ? "" : type).split(";");
        if (!JSON_TYPES.contains(parts[0].strip().toLowerCase(Locale.ROOT))) {
            throw unsupported("Content-Type must be application/vnd.api+json or application/json.", "Content-Type");
        }
        for (int i = 1; i < parts.length; i++) {
            String[] param = parts[i].split("=", 2);
            if (!param[0].strip().equalsIgnoreCase("charset")) continue;
            String charset = param.length < 2 ? "" : param[1].strip().replaceAll("^\"|\"$", "");
            if (!UTF_8.contains(charset.toLowerCase(Locale.ROOT))) {
                throw unsupported("Request bodies are UTF-8 JSON; charset '" + charset + "' is not supported.", "Content-Type");
            }
        }
        requireIdentityEncoding(ctx);
    }

    /** A compressed body is refused, whatever its type: it would be read as if it were not. */
    static void requireIdentityEncoding(Context ctx) {
        String encoding = ctx.header("Content-Encoding");
        if (encoding != null && !encoding.isBlank() && !encoding.strip().equalsIgnoreCase("identity")) {
            throw unsupported("Content-Encoding '" + encoding.strip() + "' is not supported: send the body uncompressed.",
                    "Content-Encoding");
        }
    }

    /**
     * The whole body. Jetty reports a body that breaks off (shorter than its Content-Length, a
     * malformed or unfinished chunked encoding) as an I/O failure of this read, and a client that
     * stops sending as one caused by its idle timeout.
     */
    static byte[] bytes(Context ctx) {
        try {
            byte[] body = ctx.bodyAsBytes();
            // The journal keeps a reference to the bytes already read, not a copy (RequestJournal).
            RequestTrace.of(ctx).body = body;
            return body;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            // Kotlin throws the checked IOException undeclared, so it is caught as Exception.
            if (!(e instanceof IOException)) throw new IllegalStateException(e);
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof TimeoutException) throw JettyErrorHandler.rejection(408, "", null, true);
            }
            throw JettyErrorHandler.brokenBody();
        }
    }

    /** The JSON value of a body; a body that is not JSON, or exceeds the parser's limits, is a 400 at /data. */
    static JsonNode parse(byte[] bytes, String pointer) {
        try {
            return READER.readTree(bytes);
        } catch (StreamConstraintsException e) {
            // Nesting, number, string or name past Json's limits; the message names which, minus Jackson's method.
            throw ApiError.invalidPointer(pointer, "The payload provided in the request is invalid: "
                    + e.getOriginalMessage().replaceAll(", from `[^`]*`", "") + ".");
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw ApiError.invalidPointer(pointer, "The payload provided in the request is invalid: malformed JSON" + where + ".");
        } catch (IOException e) {
            throw ApiError.invalidPointer(pointer, "The payload provided in the request is invalid.");
        }
    }

    static ApiError unsupported(String detail, String header) {
        return new ApiError(415, "unsupported_media_type", "Unsupported media type.", detail, ApiError.Source.parameter(header), null);
    }
}
