package dev.openprofile.campaigns;

import dev.openprofile.resource.ResourceRow;
import dev.openprofile.resource.ResourceService;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The campaigns feature's own SQL over its tables: a campaign's message ids, read through the kit. */
final class CampaignStore {
    private CampaignStore() {}

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
