package dev.openprofile.templates;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What Klaviyo's message tags render to for one message and recipient: {@code {% unsubscribe %}},
 * {@code {% manage_preferences %}} and {@code {% web_view %}} (and their {@code _link} forms) link to the recipient's
 * pages, {@code {% current_year %}} is the year of the send. A preview (render_template) has no recipient: its links
 * are fragments ({@code #unsubscribe}).
 */
public record MessageTags(String unsubscribeLink, String managePreferencesLink, String webViewLink, int currentYear) {
    /** The context variable the tags read (DjangoSyntax rewrites each tag into an expression over it). */
    static final String VARIABLE = "openprofile_message_tags";

    public static MessageTags preview(int currentYear) {
        return new MessageTags("#unsubscribe", "#manage-preferences", "#web-view", currentYear);
    }

    Map<String, Object> asContext() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("unsubscribe_link", unsubscribeLink);
        m.put("manage_preferences_link", managePreferencesLink);
        m.put("web_view_link", webViewLink);
        m.put("current_year", (long) currentYear);
        return m;
    }
}
