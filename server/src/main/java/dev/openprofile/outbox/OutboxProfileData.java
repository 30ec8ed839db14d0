package dev.openprofile.outbox;

import dev.openprofile.profiles.ProfileData;
import dev.openprofile.store.Statements;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The outbox's messages to profiles, in a merge and a deletion (docs/compatibility.md, "Outbox (emulated sending)"):
 * a merge moves them to the destination, as its events move (the message keeps the address it was sent to; after the
 * merge the source's id names nothing anywhere); a data-privacy deletion deletes them, pending relays too, so nothing
 * addressed to the profiles is kept or relayed.
 */
final class OutboxProfileData implements ProfileData {
    @Override
    public void merge(Connection c, String accountId, String sourceId, String destinationId) throws SQLException {
        Statements.update(c, "update outbox_message set profile_id = ? where account_id = ? and profile_id = ?",
                destinationId, accountId, sourceId);
    }

    @Override
    public void delete(Connection c, String accountId, List<String> profileIds) throws SQLException {
        // A deletion is rare and the outbox bounded: the account's rows are read by the account-leading key.
        Statements.update(c, "delete from outbox_message where account_id = ? and profile_id = any(?)", accountId, profileIds);
    }
}
