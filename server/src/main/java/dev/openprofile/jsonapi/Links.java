package dev.openprofile.jsonapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds full URLs for links: a collection's self/next/prev replay every original query parameter,
 * with page[cursor] replaced (semantics §9: SDKs follow links.next as a complete, replayable URL).
 */
public final class Links {
    private final String baseUrl;

    public Links(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** A resource's own link, in Klaviyo's trailing-slash form: {base}/api/profiles/{id}/ */
    public String resource(String collectionPath, String id) {
        return baseUrl + collectionPath + "/" + id + "/";
    }

    /** An absolute URL of a page of this server, as written (no trailing slash added: not a JSON:API link). */
    public String page(String path) {
        return baseUrl + path;
    }

    public String path(String path) {
        return baseUrl + path + (path.endsWith("/") ? "" : "/");
    }

    public ObjectNode collection(String path, List<Map.Entry<String, String>> raw,
                                 Optional<String> nextCursor, Optional<String> prevCursor) {
        ObjectNode links = Json.MAPPER.createObjectNode();
        links.put("self", url(path, raw, null));
        links.put("next", nextCursor.map(c -> url(path, raw, c)).orElse(null));
        links.put("prev", prevCursor.map(c -> url(path, raw, c)).orElse(null));
        return links;
    }

    private String url(String path, List<Map.Entry<String, String>> raw, String cursor) {
        StringBuilder sb = new StringBuilder(baseUrl).append(path);
        if (!path.endsWith("/")) sb.append('/');
        char sep = '?';
        for (Map.Entry<String, String> p : raw) {
            if (cursor != null && p.getKey().equals("page[cursor]")) continue;
            sb.append(sep).append(encode(p.getKey())).append('=').append(encode(p.getValue()));
            sep = '&';
        }
        if (cursor != null) sb.append(sep).append(encode("page[cursor]")).append('=').append(encode(cursor));
        return sb.toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
