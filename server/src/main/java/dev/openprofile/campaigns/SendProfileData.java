package dev.openprofile.campaigns;

import dev.openprofile.profiles.ProfileData;
import dev.openprofile.store.Statements;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * A send's audience snapshot (campaign_send_recipient) in a merge and a deletion: a merged profile's place in a send
 * goes to the destination (which, if it had its own place, still gets one message: the event's claim is per profile
 * and message); a deleted profile leaves the snapshot (a gap in the numbering, which the chunks read by range).
 */
final class SendProfileData implements ProfileData {
    @Override
    public void merge(Connection c, String accountId, String sourceId, String destinationId) throws SQLException {
        Statements.update(c, "update campaign_send_recipient set profile_id = ? where account_id = ? and profile_id = ?",
                destinationId, accountId, sourceId);
    }

    @Override
    public void delete(Connection c, String accountId, List<String> profileIds) throws SQLException {
        Statements.update(c, "delete from campaign_send_recipient where account_id = ? and profile_id = any(?)", accountId, profileIds);
    }
}
