package dev.openprofile.images;

import dev.openprofile.config.ImageSettings;
import dev.openprofile.jsonapi.ApiError;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads the image {@code import_from_url} names: a {@code data:} URI (base64, as the spec allows) is decoded, an
 * http(s) URL fetched. A fetch has one deadline for everything (connect, every redirect, the whole body), follows
 * at most {@link #MAX_REDIRECTS} redirects and checks each hop's host with the {@link AddressGuard}, reads at most
 * the size limit plus one byte (a larger body is refused without being read on), and goes through no proxy, so the
 * host it checked is the host it asks. Every failure is a 400 at {@code /data/attributes/import_from_url}.
 */
final class ImageFetch {
    static final String POINTER = "/data/attributes/import_from_url";
    static final int MAX_REDIRECTS = 3;
    /** Klaviyo's documented limit: "Maximum image size: 5MB". */
    static final int MAX_BYTES = 5 * 1024 * 1024;
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    /** The bytes read, and the file name they came under (the URL's last path segment; null for a data: URI). */
    record Fetched(byte[] bytes, String filename) {}

    private final AddressGuard guard;
    private final Duration timeout;
    private final HttpClient client;

    ImageFetch(ImageSettings settings) {
        this.guard = new AddressGuard(settings.allowPrivateNetworks());
        this.timeout = settings.fetchTimeout();
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .proxy(HttpClient.Builder.NO_PROXY)
                .connectTimeout(timeout)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    Fetched read(String value) {
        if (value.regionMatches(true, 0, "data:", 0, 5)) return new Fetched(dataUri(value), null);
        URI uri = parse(value);
        return new Fetched(fetch(uri), filename(uri));
    }

    /** {@code data:image/…;base64,…}: the media type must be an image's; the size is checked before decoding. */
    static byte[] dataUri(String value) {
        int comma = value.indexOf(',');
        if (comma < 0) throw invalid("The data URI has no ',' before its data.");
        String[] meta = value.substring(5, comma).split(";");
        String media = meta[0].strip().toLowerCase(Locale.ROOT);
        if (!media.startsWith("image/")) throw invalid("The data URI's media type must be an image's (data:image/...).");
        if (!meta[meta.length - 1].strip().equalsIgnoreCase("base64")) throw invalid("The data URI must be base64-encoded (data:image/...;base64,...).");
        String data = value.substring(comma + 1).replaceAll("\\s", "");
        if ((long) data.length() * 3 / 4 > MAX_BYTES + 2) throw tooLarge();
        try {
            byte[] bytes = Base64.getDecoder().decode(data);
            if (bytes.length > MAX_BYTES) throw tooLarge();
            return bytes;
        } catch (IllegalArgumentException e) {
            throw invalid("The data URI's data is not valid base64.");
        }
    }

    private static URI parse(String value) {
        URI uri;
        try {
            uri = new URI(value.strip());
        } catch (URISyntaxException e) {
            throw invalid("'import_from_url' must be an http or https URL, or a data URI.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null || uri.getHost().isEmpty()) {
            throw invalid("'import_from_url' must be an http or https URL with a host, or a data URI.");
        }
        if (uri.getRawUserInfo() != null) throw invalid("'import_from_url' may not carry a user name or password.");
        return uri;
    }

    private byte[] fetch(URI first) {
        long deadline = System.nanoTime() + timeout.toNanos();
        URI uri = first;
        for (int hop = 0; ; hop++) {
            String refusal = guard.refusal(uri.getHost());
            if (refusal != null) throw invalid("The image at " + first + " may not be fetched: " + refusal + ".");
            HttpRequest request = HttpRequest.newBuilder(uri).GET().timeout(remaining(deadline, first))
                    .header("Accept", "image/jpeg, image/png, image/gif")
                    .header("User-Agent", "OpenProfile image import").build();
            CompletableFuture<HttpResponse<InputStream>> sent = client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
            HttpResponse<InputStream> response = await(sent, deadline, first);
            int status = response.statusCode();
            if (REDIRECTS.contains(status)) {
                close(response.body());
                String location = response.headers().firstValue("Location").orElseThrow(
                        () -> invalid("The image URL " + first + " redirected (HTTP " + status + ") without a Location."));
                if (hop >= MAX_REDIRECTS) throw invalid("The image URL " + first + " redirected more than " + MAX_REDIRECTS + " times.");
                try {
                    uri = parse(uri.resolve(location).toString());
                } catch (IllegalArgumentException e) {
                    throw invalid("The image URL " + first + " redirected to an invalid location.");
                }
                continue;
            }
            if (status < 200 || status > 299) {
                close(response.body());
                throw invalid("The image URL " + first + " answered HTTP " + status + ".");
            }
            String type = response.headers().firstValue("Content-Type").orElse("").split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
            // A server may not know the type (octet-stream, none); the bytes decide then. One that says otherwise is believed.
            if (!type.isEmpty() && !type.startsWith("image/") && !type.equals("application/octet-stream")) {
                close(response.body());
                throw invalid("The image URL " + first + " is not an image (its Content-Type is " + type + ").");
            }
            long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (length > MAX_BYTES) {
                close(response.body());
                throw tooLarge();
            }
            InputStream body = response.body();
            return await(CompletableFuture.supplyAsync(() -> readLimited(body), Thread.ofVirtual()::start), deadline, first, body);
        }
    }

    private static byte[] readLimited(InputStream in) {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[16 * 1024];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                if (out.size() > MAX_BYTES) throw tooLarge();
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw invalid("The image could not be read: the connection failed while its body was read.");
        }
    }

    private <T> T await(CompletableFuture<T> future, long deadline, URI first) {
        return await(future, deadline, first, null);
    }

    /** Waits for the future until the deadline; on timeout it is cancelled and {@code body}, if any, closed. */
    private <T> T await(CompletableFuture<T> future, long deadline, URI first, InputStream body) {
        try {
            return future.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            close(body);
            throw timedOut(first);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            close(body);
            throw invalid("The image fetch was interrupted.");
        } catch (ExecutionException e) {
            close(body);
            Throwable cause = e.getCause();
            if (cause instanceof ApiError a) throw a;
            if (cause instanceof java.net.http.HttpTimeoutException) throw timedOut(first);
            throw invalid("The image URL " + first + " could not be fetched (" + describe(cause) + ").");
        }
    }

    private Duration remaining(long deadline, URI first) {
        long left = deadline - System.nanoTime();
        if (left <= 0) throw timedOut(first);
        return Duration.ofNanos(left);
    }

    private ApiError timedOut(URI first) {
        return invalid("The image URL " + first + " did not deliver the image within " + timeout.toMillis() + " ms.");
    }

    private static String describe(Throwable t) {
        if (t instanceof java.net.ConnectException) return "the connection was refused";
        if (t instanceof javax.net.ssl.SSLException) return "its TLS handshake failed";
        return t == null || t.getMessage() == null ? "the connection failed" : t.getClass().getSimpleName();
    }

    private static void close(InputStream in) {
        if (in == null) return;
        try {
            in.close();
        } catch (IOException e) {
            // Closing is only to release the connection early.
        }
    }

    /** The URL's last path segment, decoded; null when it has none. */
    static String filename(URI uri) {
        String path = uri.getRawPath();
        if (path == null) return null;
        String last = path.substring(path.lastIndexOf('/') + 1);
        try {
            last = URLDecoder.decode(last.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // An undecodable segment stays as sent.
        }
        return last.isBlank() ? null : last.strip();
    }

    static ApiError invalid(String detail) {
        return ApiError.invalidPointer(POINTER, detail);
    }

    static ApiError tooLarge() {
        return invalid("The image is larger than the maximum image size of 5MB.");
    }
}
