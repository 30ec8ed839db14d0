package dev.openprofile.lists;

import dev.openprofile.profiles.ProfileData;
import dev.openprofile.store.Statements;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * List memberships in a merge and a deletion. A merge makes the destination a member of every list the
 * source was in; where both were, the destination keeps its own joined_group_at (the destination wins).
 */
public final class ListProfileData implements ProfileData {
    @Override
    public void merge(Connection c, String accountId, String sourceId, String destinationId) throws SQLException {
        Statements.update(c, """
                insert into list_membership (account_id, list_id, profile_id, joined_group_at)
                select account_id, list_id, ?, joined_group_at from list_membership where account_id = ? and profile_id = ?
                on conflict (account_id, list_id, profile_id) do nothing""", destinationId, accountId, sourceId);
        Statements.update(c, "delete from list_membership where account_id = ? and profile_id = ?", accountId, sourceId);
    }

    @Override
    public void delete(Connection c, String accountId, List<String> profileIds) throws SQLException {
        Statements.update(c, "delete from list_membership where account_id = ? and profile_id = any(?)", accountId, profileIds);
    }
}
