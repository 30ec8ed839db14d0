package dev.openprofile.console;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** The rows of a list's or a segment's member table, read off the API's document (its cursor: {@link ApiDocuments#cursor}). */
final class ListsPage {
    /** The page size of member tables: 50 rows, well within get_profiles_for_list's and _for_segment's maximum of 100. */
    static final String MEMBERS_PAGE = "50";

    private ListsPage() {}

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
