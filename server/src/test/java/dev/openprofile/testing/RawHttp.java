package dev.openprofile.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 exchange over a plain socket, for the requests a well-behaved client refuses to send
 * (a {@code %00} path, duplicate Content-Length, a broken chunked body). The request bytes go out
 * as given, the client then half-closes, and the answer is read by its own framing; anything short
 * of a whole answer (a reset, an early close, a silent server) is a {@link Broken} exchange.
 */
public final class RawHttp {
    private static final int MAX_HEAD = 64 * 1024;

    private RawHttp() {}

    /** A response read in full; header names in lower case, values in arrival order. */
    public record Response(int status, String statusLine, Map<String, List<String>> headers, byte[] body) {
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : values.get(0);
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** The exchange did not end in a complete answer; the message says how far it got. */
    public static final class Broken extends IOException {
        Broken(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Sends {@code request} and reads one answer (interim 1xx answers skipped).
     *
     * @param head the request is a HEAD, so the answer has no body whatever its headers say
     */
    public static Response exchange(int port, byte[] request, boolean head, int timeoutMillis) throws Broken {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            // Written while the answer is read, as real clients do: a server may answer before it has
            // read the whole request (a header section too large), and a writer that waited for it to
            // read the rest would wait forever.
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    OutputStream out = socket.getOutputStream();
                    out.write(request);
                    out.flush();
                    socket.shutdownOutput();
                } catch (IOException e) {
                    // the server stopped reading; its answer decides the exchange
                }
            });
            try {
                return read(new BufferedInputStream(socket.getInputStream()), head);
            } catch (IOException e) {
                throw new Broken(e.getMessage() == null ? e.toString() : e.getClass().getSimpleName() + ": " + e.getMessage(), e);
            } finally {
                socket.close();
                writer.join();
            }
        } catch (Broken e) {
            throw e;
        } catch (IOException e) {
            throw new Broken("connect: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Broken("interrupted", e);
        }
    }

    private static Response read(InputStream in, boolean head) throws IOException {
        while (true) {
            String statusLine = line(in);
            if (statusLine == null) throw new IOException("connection closed before any answer");
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) throw new IOException("not a status line: " + statusLine);
            int status = Integer.parseInt(parts[1]);
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (String h = line(in); ; h = line(in)) {
                if (h == null) throw new IOException("connection closed inside the answer's headers");
                if (h.isEmpty()) break;
                int colon = h.indexOf(':');
                if (colon <= 0) throw new IOException("malformed answer header: " + h);
                headers.computeIfAbsent(h.substring(0, colon).strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(h.substring(colon + 1).strip());
            }
            if (status >= 100 && status < 200) continue;
            return new Response(status, statusLine, headers, body(in, head, status, headers));
        }
    }

    private static byte[] body(InputStream in, boolean head, int status, Map<String, List<String>> headers) throws IOException {
        if (head || status == 204 || status == 304) return new byte[0];
        List<String> encoding = headers.get("transfer-encoding");
        if (encoding != null && encoding.get(encoding.size() - 1).toLowerCase(Locale.ROOT).endsWith("chunked")) {
            return chunked(in);
        }
        List<String> length = headers.get("content-length");
        if (length != null) {
            int n = Integer.parseInt(length.get(0));
            byte[] body = in.readNBytes(n);
            if (body.length < n) throw new IOException("answer body cut at " + body.length + " of " + n + " bytes");
            return body;
        }
        return in.readAllBytes();
    }

    private static byte[] chunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line(in);
            if (size == null) throw new IOException("chunked answer cut after " + body.size() + " bytes");
            int n = Integer.parseInt(size.split(";")[0].strip(), 16);
            if (n == 0) {
                for (String trailer = line(in); trailer == null || !trailer.isEmpty(); trailer = line(in)) {
                    if (trailer == null) throw new IOException("chunked answer cut in its trailers");
                }
                return body.toByteArray();
            }
            byte[] chunk = in.readNBytes(n);
            if (chunk.length < n) throw new IOException("chunked answer cut inside a chunk");
            body.write(chunk);
            if (!"".equals(line(in))) throw new IOException("chunk not followed by CRLF");
        }
    }

    /** A line without its CRLF (a bare LF also ends it), or null at end of stream before any byte. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        for (int b = in.read(); ; b = in.read()) {
            if (b < 0) return buf.size() == 0 ? null : buf.toString(StandardCharsets.ISO_8859_1);
            if (b == '\n') break;
            buf.write(b);
            if (buf.size() > MAX_HEAD) throw new IOException("answer line longer than " + MAX_HEAD + " bytes");
        }
        String s = buf.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }
}
