package dev.openprofile.reporting;

import dev.openprofile.campaigns.CampaignQueries;
import dev.openprofile.flows.FlowQueries;
import dev.openprofile.tags.TagQueries;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A campaign or flow message as a report groups it: its parent (campaign or flow), names, channel and the parent's
 * tags, read through the owners' queries.
 *
 * @param parentName the flow's name (a campaign report has no campaign name to group by)
 * @param name       the campaign message's label, or the flow message's name; null without one
 * @param channel    Klaviyo's send_channel: email, sms or push-notification
 * @param format     text_message_format: sms or mms (an sms with an image) for a text message, else null
 */
record MessageFacts(String id, String parentId, String parentName, String name, String channel, String format, List<Tag> tags) {
    record Tag(String id, String name) {}

    /** The account's messages among {@code ids}, by id; ids that name no message of this subject are absent. */
    static Map<String, MessageFacts> load(Connection c, Subject subject, String accountId, Collection<String> ids) throws SQLException {
        Map<String, MessageFacts> out = new LinkedHashMap<>();
        if (ids.isEmpty()) return out;
        boolean campaign = subject == Subject.CAMPAIGN;
        Map<String, List<String>> tagIds = new HashMap<>();
        List<Object[]> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(campaign ? CampaignQueries.MESSAGES : FlowQueries.MESSAGES)) {
            ps.setString(1, accountId);
            ps.setArray(2, c.createArrayOf("text", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String channel = channel(rs.getString(5));
                    String format = channel.equals("sms") ? (campaign && rs.getBoolean(6) ? "mms" : "sms") : null;
                    rows.add(new Object[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), channel, format});
                    tagIds.put(rs.getString(2), new ArrayList<>());
                }
            }
        }
        Map<String, String> tagNames = new HashMap<>();
        if (!tagIds.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(campaign ? CampaignQueries.TAGS : FlowQueries.TAGS)) {
                ps.setString(1, accountId);
                ps.setArray(2, c.createArrayOf("text", tagIds.keySet().toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) tagIds.get(rs.getString(1)).add(rs.getString(2));
                }
            }
            List<String> allTags = tagIds.values().stream().flatMap(List::stream).distinct().toList();
            try (PreparedStatement ps = c.prepareStatement(TagQueries.NAMES)) {
                ps.setString(1, accountId);
                ps.setArray(2, c.createArrayOf("text", allTags.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) tagNames.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        for (Object[] r : rows) {
            String parent = (String) r[1];
            List<Tag> tags = tagIds.get(parent).stream().sorted().map(t -> new Tag(t, tagNames.get(t))).toList();
            out.put((String) r[0], new MessageFacts((String) r[0], parent, campaign ? null : (String) r[2], (String) r[3],
                    (String) r[4], (String) r[5], tags));
        }
        return out;
    }

    /** The API's message channels in Klaviyo's reporting words. */
    private static String channel(String stored) {
        return stored.equals("mobile_push") ? "push-notification" : stored;
    }
}
