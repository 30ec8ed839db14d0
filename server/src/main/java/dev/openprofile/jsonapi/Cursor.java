package dev.openprofile.jsonapi;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A keyset cursor: the sort field it belongs to, the direction of travel, and the sort key and id of
 * the row it continues from. On the wire it is opaque base64url, like Klaviyo's.
 */
public record Cursor(String sortField, boolean backward, String sortKey, String id) {
    private static final String VERSION = "k1";
    private static final char SEP = '\u001f';

    public String encode() {
        String raw = VERSION + SEP + sortField + SEP + (backward ? "prev" : "next") + SEP
                + (sortKey == null ? "" : sortKey) + SEP + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** A cursor is only valid with the sort it was made for; anything else is a 400 on page[cursor]. */
    public static Cursor decode(String token, String expectedSortField) {
        String raw;
        try {
            raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        String[] parts = raw.split(String.valueOf(SEP), -1);
        if (parts.length != 5 || !parts[0].equals(VERSION) || parts[4].isEmpty()) throw invalid();
        if (!parts[1].equals(expectedSortField)) {
            throw ApiError.invalidParameter("page[cursor]", "The page cursor does not belong to this sort order.");
        }
        boolean backward = switch (parts[2]) {
            case "prev" -> true;
            case "next" -> false;
            default -> throw invalid();
        };
        return new Cursor(parts[1], backward, parts[3], parts[4]);
    }

    private static ApiError invalid() {
        return ApiError.invalidParameter("page[cursor]", "Invalid page cursor.");
    }
}
