package dev.openprofile.events.aggregates;

import dev.openprofile.jsonapi.ApiError;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code page_cursor}: the position of the next row in the sorted result, as an opaque token. Each
 * page recomputes the aggregate, so a position is all it needs. As with GET cursors (semantics §9),
 * the whole {@code links.next} URL is accepted too and its token taken.
 */
final class PageCursor {
    private static final String PREFIX = "row:";
    private static final Pattern IN_URL = Pattern.compile("[?&]page(?:%5B|\\[)cursor(?:%5D|\\])=([^&#]*)");

    private PageCursor() {}

    static String encode(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + offset).getBytes(StandardCharsets.UTF_8));
    }

    static int decode(String text, String pointer) {
        String token = text;
        Matcher m = IN_URL.matcher(text);
        if (m.find()) token = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
        try {
            String plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (plain.startsWith(PREFIX)) {
                int offset = Integer.parseInt(plain.substring(PREFIX.length()));
                if (offset >= 0) return offset;
            }
        } catch (IllegalArgumentException e) {
            // not base64, or not a number: answered below
        }
        throw ApiError.invalidPointer(pointer, "'page_cursor' is not a cursor this endpoint returned.");
    }
}
