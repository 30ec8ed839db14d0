package dev.openprofile.http;

import java.util.Map;

/**
 * A path that answers an HTML page without a key, to whoever has its URL: the pages a sent message links to
 * (unsubscribe, preferences, web view), whose unguessable token in the path is the credential. The feature renders
 * the page; the protocol layer sends it with headers that keep a browser from running anything in it.
 */
public record PageRoute(String method, String path, Handler handler) {

    /** A page: its status and HTML; {@code sandboxed} pages (an email's own HTML) get a sandboxing CSP. */
    public record Page(int status, String html, boolean sandboxed) {}

    @FunctionalInterface
    public interface Handler {
        /** @param form a POST's form fields (first value of each); empty for a GET */
        Page handle(Map<String, String> pathParams, Map<String, String> form);
    }
}
