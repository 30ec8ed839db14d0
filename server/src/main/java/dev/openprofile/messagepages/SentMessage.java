package dev.openprofile.messagepages;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** The sent message a page's token names, from the outbox (and the campaign's name, while the campaign exists). */
record SentMessage(String accountId, String profileId, String messageId, String campaignName, String channel, String to,
                   String subject, String html, String text) {

    static Optional<SentMessage> byToken(Connection c, String token) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                select o.account_id, o.profile_id, o.message_id, c.name, o.channel, o.to_address, o.subject, o.body_html, o.body_text
                from outbox_message o left join campaign c on c.account_id = o.account_id and c.id = o.campaign_id
                where o.link_token = ?""")) {
            ps.setString(1, token);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                return Optional.of(new SentMessage(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9)));
            }
        }
    }
}
