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

    /**
     * @param form    a POST's form fields (first value of each); empty for a GET
     * @param query   the query parameters (first value of each)
     * @param headers a request header by name (null when absent)
     * @param files   a multipart POST's uploaded files by field name (at most {@link #MAX_UPLOAD} bytes in all); else empty
     */
    public record Request(Map<String, String> pathParams, Map<String, String> query, Map<String, String> form,
                          Map<String, String> cookies, java.util.function.UnaryOperator<String> headers,
                          Map<String, MultipartForm.Part> files) {
        /** A whole multipart form, files and fields: larger is a 413 before any page sees it. */
        public static final int MAX_UPLOAD = Endpoint.FIVE_MB;

        public String header(String name) {
            return headers.apply(name);
        }
    }

    /**
     * @param contentType the body's media type (the console's pages: HTML; its assets and downloads: their own)
     * @param location    where a 303 sends the browser (null: none)
     * @param setCookies  whole Set-Cookie header values
     * @param frame       how the body may run: the console's own page, or foreign HTML shown sandboxed in its frame
     * @param filename    a download's file name (Content-Disposition: attachment), or null
     */
    public record Response(int status, String body, String contentType, String location, List<String> setCookies,
                           Frame frame, String filename) {
        public static final String HTML = "text/html; charset=utf-8";

        public static Response page(int status, String html) {
            return new Response(status, html, HTML, null, List.of(), Frame.APP, null);
        }

        public static Response redirect(String location, List<String> setCookies) {
            return new Response(303, "", HTML, location, setCookies, Frame.APP, null);
        }

        /** A static file of the console's own (its script and style). */
        public static Response asset(String contentType, String body) {
            return new Response(200, body, contentType, null, List.of(), Frame.APP, null);
        }

        /** HTML the console did not write (an emulated email), for a sandboxed frame of the console's own pages. */
        public static Response sandboxed(String html) {
            return new Response(200, html, HTML, null, List.of(), Frame.SANDBOXED, null);
        }

        public static Response download(String filename, String contentType, String body) {
            return new Response(200, body, contentType, null, List.of(), Frame.APP, filename);
        }
    }

    /** What a response's body may do in the browser. */
    public enum Frame {
        /** The console's own page: script and style from this origin only, never framed. */
        APP,
        /** Foreign HTML: no script, shown only inside a frame of this origin. */
        SANDBOXED
    }

    @FunctionalInterface
    public interface Handler {
        Response handle(Request request);
    }
}
