package dev.openprofile.http;

import dev.openprofile.jsonapi.ApiError;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.MultiPart;
import org.eclipse.jetty.io.Content;

/**
 * A {@code multipart/form-data} body (RFC 7578), read whole and parsed by Jetty's multipart parser: each field
 * by name, with its file name and media type when it is a file. The body is at most the endpoint's limit
 * (413 beyond it), and a body that is not a well-formed form is a 400 here, where it is read, so the feature
 * sees only fields. Field errors point at {@code /data/attributes/NAME}: the form's fields are the attributes
 * of the resource it creates (docs/compatibility.md, "Images").
 */
public final class MultipartForm {
    /** A form with more fields than this is not one of Klaviyo's (the image upload has three). */
    private static final int MAX_PARTS = 16;
    private static final Pattern PARAM = Pattern.compile(";\\s*([A-Za-z0-9_*.-]+)\\s*=\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|[^;]*)");

    /** One field: its file name and media type (null when the part names none), and its bytes. */
    public record Part(String name, String filename, String contentType, byte[] bytes) {
        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private final Map<String, Part> parts;

    private MultipartForm(Map<String, Part> parts) {
        this.parts = Collections.unmodifiableMap(parts);
    }

    /** The field of this name, or null. */
    public Part part(String name) {
        return parts.get(name);
    }

    /** Every field, in the order sent. */
    public Map<String, Part> parts() {
        return parts;
    }

    static MultipartForm read(Context ctx, int maxBytes) {
        String type = ctx.header("Content-Type");
        String media = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!media.equals("multipart/form-data")) {
            throw RequestBody.unsupported("Content-Type must be multipart/form-data.", "Content-Type");
        }
        String boundary = MultiPart.extractBoundary(type);
        if (boundary == null || boundary.isEmpty() || boundary.length() > 70) {
            throw RequestBody.unsupported("A multipart/form-data Content-Type needs a boundary of 1 to 70 characters.", "Content-Type");
        }
        RequestBody.requireIdentityEncoding(ctx);
        // Read whole before answering, as JSON bodies are (Gate.body): a reply mid-upload resets the connection.
        byte[] bytes = RequestBody.bytes(ctx);
        if (bytes.length > maxBytes) throw Gate.tooLarge(maxBytes);
        return parse(boundary, bytes);
    }

    static MultipartForm parse(String boundary, byte[] bytes) {
        Collector collector = new Collector();
        MultiPart.Parser parser = new MultiPart.Parser(boundary, collector);
        parser.setMaxParts(MAX_PARTS);
        try {
            parser.parse(Content.Chunk.from(ByteBuffer.wrap(bytes), true));
        } catch (RuntimeException e) {
            collector.failure = e;
        }
        if (collector.failure instanceof ApiError a) throw a;
        if (collector.failure != null) {
            String why = collector.failure instanceof ApiError a ? a.detail() : collector.failure.getMessage();
            throw malformed(why == null ? "it breaks off" : why);
        }
        if (!collector.complete) throw malformed("it has no closing boundary");
        return new MultipartForm(collector.parts);
    }

    private static ApiError malformed(String why) {
        return ApiError.invalidPointer("/data", "The payload provided in the request is invalid: a malformed multipart/form-data body ("
                + why.replaceAll("\\s+", " ") + ").");
    }

    /** Gathers the parser's events into parts. */
    private static final class Collector implements MultiPart.Parser.Listener {
        final Map<String, Part> parts = new LinkedHashMap<>();
        String disposition;
        String contentType;
        ByteArrayOutputStream content;
        boolean complete;
        Throwable failure;

        @Override
        public void onPartBegin() {
            disposition = null;
            contentType = null;
            content = new ByteArrayOutputStream();
        }

        @Override
        public void onPartHeader(String name, String value) {
            if (name.equalsIgnoreCase("Content-Disposition")) disposition = value;
            if (name.equalsIgnoreCase("Content-Type")) contentType = value.strip();
        }

        @Override
        public void onPartContent(Content.Chunk chunk) {
            ByteBuffer b = chunk.getByteBuffer().slice();
            byte[] copy = new byte[b.remaining()];
            b.get(copy);
            content.writeBytes(copy);
        }

        @Override
        public void onPartEnd() {
            if (failure != null) return;
            Map<String, String> params = params(disposition);
            String name = params.get("name");
            if (disposition == null || !disposition.strip().toLowerCase(Locale.ROOT).startsWith("form-data") || name == null || name.isEmpty()) {
                failure = new IllegalArgumentException("a part without a Content-Disposition: form-data name");
                return;
            }
            if (parts.containsKey(name)) {
                failure = ApiError.invalidPointer("/data/attributes/" + name, "The field '" + name + "' is given twice.");
                return;
            }
            parts.put(name, new Part(name, params.get("filename"), contentType, content.toByteArray()));
        }

        @Override
        public void onComplete() {
            complete = true;
        }

        @Override
        public void onFailure(Throwable t) {
            if (failure == null) failure = t;
        }

        /** The parameters of a Content-Disposition value; {@code filename*} (RFC 5987) wins over {@code filename}. */
        private static Map<String, String> params(String disposition) {
            Map<String, String> out = new LinkedHashMap<>();
            if (disposition == null) return out;
            Matcher m = PARAM.matcher(disposition);
            while (m.find()) {
                String key = m.group(1).toLowerCase(Locale.ROOT);
                String value = m.group(2).strip();
                if (value.startsWith("\"") && value.endsWith("\"") && value.length() >= 2) {
                    value = value.substring(1, value.length() - 1).replaceAll("\\\\(.)", "$1");
                }
                if (key.equals("filename*")) {
                    int quote = value.indexOf("''");
                    try {
                        out.put("filename", URLDecoder.decode(quote < 0 ? value : value.substring(quote + 2), StandardCharsets.UTF_8));
                    } catch (IllegalArgumentException e) {
                        // An undecodable extended name leaves the plain filename, if any.
                    }
                } else if (!(key.equals("filename") && out.containsKey("filename"))) {
                    out.put(key, value);
                }
            }
            return out;
        }
    }
}
