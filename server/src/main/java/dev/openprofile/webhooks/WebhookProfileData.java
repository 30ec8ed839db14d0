package dev.openprofile.webhooks;

import dev.openprofile.profiles.ProfileData;
import dev.openprofile.store.Statements;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The webhook deliveries about profiles, in a merge and a deletion (docs/compatibility.md, "Webhooks"): a merge
 * leaves them (each tells of an event that happened to the source profile, under its id); a data-privacy deletion
 * deletes them with their attempts, pending ones too, so nothing about the profiles is kept or sent afterwards.
 */
public final class WebhookProfileData implements ProfileData {
    @Override
    public void merge(Connection c, String accountId, String sourceId, String destinationId) {
        // Deliveries are history: they keep the id the event happened under.
    }

    @Override
    public void delete(Connection c, String accountId, List<String> profileIds) throws SQLException {
        // A deletion is rare: the account's deliveries are read by the account-leading index and their payload checked.
        Statements.update(c, "delete from webhook_delivery where account_id = ? "
                + "and payload #>> '{data,relationships,profile,data,id}' = any(?)", accountId, profileIds);
    }
}
