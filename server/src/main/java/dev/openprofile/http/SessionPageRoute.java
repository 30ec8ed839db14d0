package dev.openprofile.http;

import java.util.List;
import java.util.Map;

/**
 * A path that answers an HTML page to a browser holding a session cookie (the web console). Unlike a
 * {@link PageRoute}, whose credential is a token in its path, its handler sees the request's cookies and may set
 * cookies and redirect. The protocol layer knows no session: the feature decides what a cookie means; this layer
 * only sends the page with headers that keep a browser from running anything inline, framing or caching it.
 */
public record SessionPageRoute(String method, String path, Handler handler) {

    /** @param form a POST's form fields (first value of each); empty for a GET */
    public record Request(Map<String, String> pathParams, Map<String, String> form, Map<String, String> cookies) {}

    /**
     * @param location   where a 303 sends the browser (null: none)
     * @param setCookies whole Set-Cookie header values
     */
    public record Response(int status, String html, String location, List<String> setCookies) {
        public static Response page(int status, String html) {
            return new Response(status, html, null, List.of());
        }

        public static Response redirect(String location, List<String> setCookies) {
            return new Response(303, "", location, setCookies);
        }
    }

    @FunctionalInterface
    public interface Handler {
        Response handle(Request request);
    }
}
