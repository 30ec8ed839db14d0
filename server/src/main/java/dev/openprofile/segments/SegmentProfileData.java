package dev.openprofile.segments;

import dev.openprofile.profiles.ProfileData;
import dev.openprofile.store.Statements;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;

/**
 * Segment memberships in a merge and a deletion. Membership is not copied but computed: the source's rows
 * move to the destination (a segment the merged profile still qualifies for keeps the destination's join time
 * where it had one, else the source's), and the destination is recorded as changed,
 * so the engine evaluates the merged profile against every active segment before any membership read
 * (SegmentMaintenance), removing it from the segments it no longer qualifies for and adding it to new ones.
 *
 * <p>Must run after every other feature's implementation: their writes (list memberships, consent) record the
 * source as changed through the V11 triggers, and this clears what they recorded about a profile that is gone.
 */
public final class SegmentProfileData implements ProfileData {
    private final Clock clock;

    /** @param clock the operator's clock, which dates the memberships a merge or a deletion ends (V40 history) */
    public SegmentProfileData(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void merge(Connection c, String accountId, String sourceId, String destinationId) throws SQLException {
        stampHistory(c);
        Statements.update(c, """
                insert into segment_membership (account_id, segment_id, profile_id, joined_group_at)
                select account_id, segment_id, ?, joined_group_at from segment_membership where account_id = ? and profile_id = ?
                on conflict (account_id, segment_id, profile_id) do nothing""", destinationId, accountId, sourceId);
        delete(c, accountId, List.of(sourceId));
        Statements.update(c, """
                insert into segment_pending (account_id, profile_id) select ?, ?
                where exists (select 1 from segment where account_id = ? and is_active) on conflict do nothing""",
                accountId, destinationId, accountId);
    }

    @Override
    public void delete(Connection c, String accountId, List<String> profileIds) throws SQLException {
        stampHistory(c);
        Statements.update(c, "delete from segment_membership where account_id = ? and profile_id = any(?)", accountId, profileIds);
        Statements.update(c, "delete from segment_pending where account_id = ? and profile_id = any(?)", accountId, profileIds);
    }

    /**
     * The membership history's triggers (V40) date what this transaction changes with the operator's clock, as the
     * engine's changes are, the profile rows' cascade included: without it they would take the database's time.
     */
    private void stampHistory(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select set_config('openprofile.clock', ?, true)")) {
            ps.setString(1, clock.instant().toString());
            ps.executeQuery().close();
        }
    }
}
