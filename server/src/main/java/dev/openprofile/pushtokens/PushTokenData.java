package dev.openprofile.pushtokens;

import dev.openprofile.profiles.ProfileData;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The push tokens of merges and data-privacy deletions: a merge moves the source's tokens to the
 * destination (semantics §13: "push tokens ... move to the destination"; a token value is unique in the
 * account, so the two profiles never hold the same one), a deletion removes the profiles' tokens.
 */
final class PushTokenData implements ProfileData {
    private final PushTokenStore store;

    PushTokenData(PushTokenStore store) {
        this.store = store;
    }

    @Override
    public void merge(Connection c, String accountId, String sourceId, String destinationId) throws SQLException {
        store.move(c, accountId, sourceId, destinationId);
    }

    @Override
    public void delete(Connection c, String accountId, List<String> profileIds) throws SQLException {
        if (!profileIds.isEmpty()) store.deleteOfProfiles(c, accountId, profileIds);
    }
}
