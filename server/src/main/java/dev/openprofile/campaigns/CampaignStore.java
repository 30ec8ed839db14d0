package dev.openprofile.campaigns;

import dev.openprofile.resource.ResourceRow;
import dev.openprofile.resource.ResourceService;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The campaigns feature's own SQL over its tables: the lock that orders writes to one campaign, and its messages. */
final class CampaignStore {
    private CampaignStore() {}

    /** Locks the campaign's row and answers its status; null when there is no such campaign. */
    static String lockStatus(Connection c, String accountId, String campaignId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select status from campaign where account_id = ? and id = ? for update")) {
            ps.setString(1, accountId);
            ps.setString(2, campaignId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    static List<ResourceRow> messages(Connection c, ResourceService messages, String accountId, String campaignId) throws SQLException {
        List<ResourceRow> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select id from campaign_message where account_id = ? and campaign_id = ? order by id")) {
            ps.setString(1, accountId);
            ps.setString(2, campaignId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) messages.find(c, accountId, rs.getString(1)).ifPresent(out::add);
            }
        }
        return out;
    }
}
