package dev.openprofile.console;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the lists, segments and events pages read off an API document: the next page's cursor (the API's own keyset
 * paging, followed as an SDK follows links.next) and the rows of a member listing.
 */
final class ListsPage {
    private static final Pattern CURSOR = Pattern.compile("[?&]page%5Bcursor%5D=([^&]*)");
    /** The page size of member tables: 50 rows, well within get_profiles_for_list's and _for_segment's maximum of 100. */
    static final String MEMBERS_PAGE = "50";

    private ListsPage() {}

    /** The cursor of links.next, or null on the last page. */
    static String nextCursor(JsonNode document) {
        JsonNode next = document.path("links").path("next");
        if (!next.isTextual()) return null;
        Matcher m = CURSOR.matcher(next.asText());
        return m.find() ? URLDecoder.decode(m.group(1), StandardCharsets.UTF_8) : null;
    }

    /** A profile in a list's or a segment's member table. */
    record Member(String id, String email, String phoneNumber, String externalId, String name, String joined) {}

    static List<Member> members(JsonNode document) {
        List<Member> members = new ArrayList<>();
        for (JsonNode p : document.path("data")) {
            JsonNode a = p.path("attributes");
            String name = (text(a, "first_name") + " " + text(a, "last_name")).strip();
            members.add(new Member(p.path("id").asText(), text(a, "email"), text(a, "phone_number"), text(a, "external_id"),
                    name, text(a, "joined_group_at")));
        }
        return members;
    }

    /** An attribute as text, empty when absent or null. */
    static String text(JsonNode attributes, String name) {
        JsonNode v = attributes.path(name);
        return v.isNull() || v.isMissingNode() ? "" : v.asText();
    }
}
