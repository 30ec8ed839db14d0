package dev.openprofile.http;

import dev.openprofile.jsonapi.Operation;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random requests to the operation catalogue's paths, each with at least one defect that must stop it
 * before it changes anything, plus random noise that may or may not be a defect.
 *
 * <p>The guaranteed defect is chosen for where it will be caught. A defect of the request line or
 * header section (Jetty rejects it before routing), of the {@code revision} header, of
 * authentication, or of the query string (the gate checks these three first for every operation)
 * stops any request. A defect of the body or its framing stops a request only when its route reads
 * the body, so it is the guaranteed one only when method and path are left unmutated and the
 * operation has a body; otherwise a {@code DELETE} with a truncated body could delete.
 */
final class MalformedRequests {
    /** One request: its bytes, whether it is a HEAD (its answer has no body), and what was done to it. */
    record Request(byte[] bytes, boolean head, String method, String summary) {}

    /**
     * A well-formed request of an operation, defects not yet applied: for the implemented ones a valid
     * request (the sweep's, on stored resources), so that a defect that slipped through would store something.
     */
    record Sample(Operation op, String target, String body) {}

    private final List<Sample> implemented;
    private final List<Sample> others;
    private final String apiKey;
    private final int port;

    MalformedRequests(List<Sample> implemented, List<Sample> others, String apiKey, int port) {
        this.implemented = implemented;
        this.others = others;
        this.apiKey = apiKey;
        this.port = port;
    }

    Request next(Random random) {
        Draft d = new Draft(random);
        // Once every operation is implemented (issue 17 completes the spec's 345), there are no others to pick.
        Sample sample = random.nextInt(5) > 0 || others.isEmpty() ? d.pick(implemented) : d.pick(others);
        Operation op = sample.op();
        d.method = op.method();
        d.target = sample.target();
        d.header("Host", "localhost:" + port);
        d.header("revision", "2026-07-15");
        d.header("Authorization", "Klaviyo-API-Key " + apiKey);
        d.header("Accept", "application/vnd.api+json");
        if (op.hasBody()) {
            d.header("Content-Type", "application/vnd.api+json");
            d.body = sample.body().getBytes(StandardCharsets.UTF_8);
        }
        boolean reroute = random.nextInt(10) < 3;
        if (reroute) {
            if (random.nextBoolean()) Defects.mutateMethod(d);
            else Defects.mutatePath(d);
        }
        // The guaranteed defect: one that stops this request wherever it is routed.
        int kind = random.nextInt(op.hasBody() && !reroute ? 14 : 10);
        if (kind <= 1) Defects.revision(d);
        else if (kind <= 3) d.replace("Authorization", d.pick(Defects.BAD_AUTHORIZATIONS).replace("KEY", apiKey), "auth");
        else if (kind <= 6) Defects.query(d);
        else if (kind <= 9) Defects.head(d);
        else if (kind <= 11) Defects.body(d);
        else if (kind == 12) Defects.content(d);
        else Defects.framing(d);
        Defects.noise(d);
        return new Request(d.bytes(), d.method.equals("HEAD"), d.method, d.summary());
    }

    /** A request under construction: request line, header lines, body and its framing. */
    static final class Draft {
        final Random random;
        String method;
        String target;
        String version = "HTTP/1.1";
        String eol = "\r\n";
        final List<String> headerLines = new ArrayList<>();
        byte[] body;
        /** How the body is framed: "length" (Content-Length), "chunked", or a defect's own bytes in {@link #rawBody}. */
        String framing = "length";
        byte[] rawBody;
        private final List<String> notes = new ArrayList<>();

        Draft(Random random) {
            this.random = random;
        }

        <T> T pick(List<T> items) {
            return items.get(random.nextInt(items.size()));
        }

        void header(String name, String value) {
            headerLines.add(name + ": " + value);
        }

        String value(String name) {
            for (String line : headerLines) {
                if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) return line.substring(name.length() + 1).strip();
            }
            return "";
        }

        /** Replaces (or, with null, removes) every line of a header. */
        void replace(String name, String value, String note) {
            headerLines.removeIf(line -> line.regionMatches(true, 0, name + ":", 0, name.length() + 1));
            if (value != null) header(name, value);
            note(note);
        }

        void note(String note) {
            notes.add(note);
        }

        String summary() {
            return String.join(",", notes);
        }

        byte[] bytes() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            StringBuilder head = new StringBuilder(method).append(' ').append(target);
            if (!version.isEmpty()) head.append(' ').append(version);
            head.append(eol);
            for (String line : headerLines) head.append(line).append(eol);
            byte[] payload = body == null ? new byte[0] : body;
            if (rawBody == null && body != null) {
                if (framing.equals("chunked")) head.append("Transfer-Encoding: chunked").append(eol);
                else head.append("Content-Length: ").append(payload.length).append(eol);
            }
            head.append(eol);
            out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (rawBody != null) {
                out.writeBytes(rawBody);
            } else if (body != null && framing.equals("chunked")) {
                out.writeBytes((Integer.toHexString(payload.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.writeBytes(payload);
                out.writeBytes("\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            } else {
                out.writeBytes(payload);
            }
            return out.toByteArray();
        }
    }
}
