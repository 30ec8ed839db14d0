package dev.openprofile.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Requests to a test server's operator API under /admin (plain JSON, outside Klaviyo's spec). */
public final class AdminApi {
    private AdminApi() {}

    /** Sends the request with {@code key} as the bearer admin key (none when null). */
    public static HttpResponse<String> send(TestServer server, String method, String path, String body, String key)
            throws IOException, InterruptedException {
        var b = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (key != null) b.header("Authorization", "Bearer " + key);
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends the request with the server's admin key. */
    public static HttpResponse<String> send(TestServer server, String method, String path, String body)
            throws IOException, InterruptedException {
        return send(server, method, path, body, TestServer.ADMIN_KEY);
    }
}
