package dev.openprofile.jsonapi;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cursor into a result that is computed afresh for every page (metric aggregates, reports): the position of the
 * page's first row, as an opaque token. As with GET cursors (semantics §9), a whole {@code links.next} URL is taken
 * too, its token read from {@code page[cursor]} or {@code page_cursor}.
 */
public final class PositionCursor {
    private static final String PREFIX = "row:";
    private static final Pattern IN_URL = Pattern.compile("[?&](?:page(?:%5B|\\[)cursor(?:%5D|\\])|page_cursor)=([^&#]*)");

    private PositionCursor() {}

    public static String encode(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + offset).getBytes(StandardCharsets.UTF_8));
    }

    /** The position {@code text} names; empty when it is not a token this class made (the caller answers 400). */
    public static OptionalInt decode(String text) {
        String token = text;
        Matcher m = IN_URL.matcher(text);
        if (m.find()) token = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
        try {
            String plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (plain.startsWith(PREFIX)) {
                int offset = Integer.parseInt(plain.substring(PREFIX.length()));
                if (offset >= 0) return OptionalInt.of(offset);
            }
        } catch (IllegalArgumentException e) {
            // not base64, or not a number
        }
        return OptionalInt.empty();
    }
}
