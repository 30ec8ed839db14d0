package dev.openprofile.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** Records emulated messages in the caller's transaction, so that a message and the sending it belongs to commit together. */
public final class Outbox {
    private final boolean relayEmail;

    /** @param relayEmail whether emails are relayed to an SMTP server (then each is recorded as pending relay) */
    public Outbox(boolean relayEmail) {
        this.relayEmail = relayEmail;
    }

    public void record(Connection c, List<OutboxMessage> messages) throws SQLException {
        if (messages.isEmpty()) return;
        try (PreparedStatement ps = c.prepareStatement("""
                insert into outbox_message (account_id, campaign_id, message_id, profile_id, channel, from_address,
                  from_label, reply_to, to_address, subject, preview_text, body_html, body_text, sent_at, relay_status, link_token)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            for (OutboxMessage m : messages) {
                ps.setString(1, m.accountId());
                ps.setString(2, m.campaignId());
                ps.setString(3, m.messageId());
                ps.setString(4, m.profileId());
                ps.setString(5, m.channel());
                ps.setString(6, m.fromAddress());
                ps.setString(7, m.fromLabel());
                ps.setString(8, m.replyTo());
                ps.setString(9, m.to());
                ps.setString(10, m.subject());
                ps.setString(11, m.previewText());
                ps.setString(12, m.bodyHtml());
                ps.setString(13, m.bodyText());
                ps.setObject(14, m.sentAt());
                ps.setString(15, relayEmail && "email".equals(m.channel()) ? "pending" : null);
                ps.setString(16, m.linkToken());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
