package dev.openprofile.reporting;

import dev.openprofile.jsonapi.ApiError;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code page_cursor}: the position of a page's first grouping, as an opaque token. A report is computed again for
 * each page, so the position is all it needs. The whole {@code links.next} URL is taken too, as GET cursors are.
 */
final class ReportCursor {
    private static final String PREFIX = "report:";
    private static final Pattern IN_URL = Pattern.compile("[?&]page_cursor=([^&#]*)");

    private ReportCursor() {}

    static String encode(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + offset).getBytes(StandardCharsets.UTF_8));
    }

    static int decode(String text) {
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
        throw ApiError.invalidParameter("page_cursor", "'page_cursor' is not a cursor this endpoint returned.");
    }
}
