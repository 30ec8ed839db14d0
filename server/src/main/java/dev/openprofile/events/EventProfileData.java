package dev.openprofile.events;

import dev.openprofile.profiles.ProfileData;
import dev.openprofile.store.Statements;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Events in a merge and a deletion. A merge moves every event of the source to the destination, so metric
 * counts and sums are unchanged (and unique-profile counts count the merged person once). Where both profiles
 * hold an event with the same dedup key (same metric and unique_id), both events are kept, since neither was a
 * duplicate when it was recorded, and the destination's key stays: a later event with that key is a duplicate.
 *
 * <p>event_key has no index of its own on profile_id: its key (account_id, metric_id, profile_id, dedup_key)
 * serves the lookups here by a skip scan over the account's few metrics (PostgreSQL 18), so event ingestion
 * maintains no extra index for the rare merge or deletion.
 */
public final class EventProfileData implements ProfileData {
    @Override
    public void merge(Connection c, String accountId, String sourceId, String destinationId) throws SQLException {
        Statements.update(c, "update event set profile_id = ? where account_id = ? and profile_id = ?",
                destinationId, accountId, sourceId);
        Statements.update(c, """
                insert into event_key (account_id, metric_id, profile_id, dedup_key)
                select account_id, metric_id, ?, dedup_key from event_key where account_id = ? and profile_id = ?
                on conflict (account_id, metric_id, profile_id, dedup_key) do nothing""", destinationId, accountId, sourceId);
        delete(c, accountId, List.of(sourceId));
    }

    @Override
    public void delete(Connection c, String accountId, List<String> profileIds) throws SQLException {
        Statements.update(c, "delete from event where account_id = ? and profile_id = any(?)", accountId, profileIds);
        Statements.update(c, "delete from event_key where account_id = ? and profile_id = any(?)", accountId, profileIds);
    }
}
