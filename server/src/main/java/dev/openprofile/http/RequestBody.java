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
            JsonNode tree = READER.readTree(bytes);
            // JSON can carry NUL only escaped, and PostgreSQL's text cannot store it: refused here, at its member.
            if (mayHoldNul(bytes)) nulAt(tree, "").ifPresent(at -> {
                throw ApiError.invalidPointer(at.isEmpty() ? pointer : at,
                        "The payload provided in the request is invalid: a string cannot contain the NUL character (\\u0000).");
            });
            return tree;
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

    /** Whether the escape of NUL appears at all (the common case, no, costs one scan of the bytes). */
    private static boolean mayHoldNul(byte[] bytes) {
        for (int i = 0; i + 5 < bytes.length; i++) {
            if (bytes[i] == '\\' && bytes[i + 1] == 'u' && bytes[i + 2] == '0' && bytes[i + 3] == '0' && bytes[i + 4] == '0'
                    && bytes[i + 5] == '0') return true;
        }
        return false;
    }

    /** The JSON pointer of the first string (value or member name) holding NUL. */
    private static java.util.Optional<String> nulAt(JsonNode node, String at) {
        if (node.isTextual()) return node.textValue().indexOf('\0') >= 0 ? java.util.Optional.of(at) : java.util.Optional.empty();
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                var found = nulAt(node.get(i), at + "/" + i);
                if (found.isPresent()) return found;
            }
        } else if (node.isObject()) {
            for (var e : node.properties()) {
                String member = at + "/" + e.getKey().replace("~", "~0").replace("/", "~1");
                if (e.getKey().indexOf('\0') >= 0) return java.util.Optional.of(member.replace('\0', '?'));
                var found = nulAt(e.getValue(), member);
                if (found.isPresent()) return found;
            }
        }
        return java.util.Optional.empty();
    }

    static ApiError unsupported(String detail, String header) {
        return new ApiError(415, "unsupported_media_type", "Unsupported media type.", detail, ApiError.Source.parameter(header), null);
    }
}
