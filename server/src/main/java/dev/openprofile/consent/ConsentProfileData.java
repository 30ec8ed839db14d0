package dev.openprofile.consent;

import dev.openprofile.profiles.ProfileData;
import dev.openprofile.store.Statements;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Consent in a merge and a deletion (docs/compatibility.md, "Profile merge"). The destination's current state
 * wins: each channel keeps the destination's record unless the destination never had one (NEVER_SUBSCRIBED),
 * then the source's moves. Suppressions, list suppressions and pending double opt-ins of the source that the
 * destination lacks are added (a complaint or a bounce is never forgotten by merging). The source's history
 * moves to the destination and keeps its place: the history is ordered by its global sequence, so the merged
 * history reads in the order the changes happened to either profile.
 */
public final class ConsentProfileData implements ProfileData {
    private static final List<String> TABLES = List.of(ConsentStore.CONSENT_TABLE, ConsentStore.SUPPRESSION_TABLE,
            ConsentStore.LIST_SUPPRESSION_TABLE);
    private final ConsentStore store = new ConsentStore();

    @Override
    public void merge(Connection c, String accountId, String sourceId, String destinationId) throws SQLException {
        Map<String, ConsentState> states = store.load(c, accountId, List.of(sourceId, destinationId));
        ConsentState source = states.get(sourceId);
        if (source != null) {
            // The profile rows of both are locked by the merge; this locks the destination's consent as every writer does.
            ConsentState destination = store.lock(c, accountId, destinationId);
            store.save(c, accountId, destinationId, merged(destination, source), List.of(), null);
        }
        Statements.update(c, "update consent_history set profile_id = ? where account_id = ? and profile_id = ?",
                destinationId, accountId, sourceId);
        delete(c, accountId, List.of(sourceId));
    }

    /** The destination's state after taking in the source's: what the class comment says. */
    static ConsentState merged(ConsentState destination, ConsentState source) {
        Map<Channel, ChannelConsent> channels = new EnumMap<>(Channel.class);
        for (Channel ch : Channel.values()) {
            ChannelConsent kept = destination.channel(ch);
            channels.put(ch, kept.equals(ChannelConsent.NEVER_SUBSCRIBED) ? source.channel(ch) : kept);
        }
        List<Suppression> suppressions = new ArrayList<>(destination.suppressions());
        for (Suppression s : source.suppressions()) {
            if (destination.suppression(s.reason()).isEmpty()) suppressions.add(s);
        }
        List<ListSuppression> listSuppressions = new ArrayList<>(destination.listSuppressions());
        for (ListSuppression s : source.listSuppressions()) {
            if (destination.listSuppression(s.listId()).isEmpty()) listSuppressions.add(s);
        }
        List<PendingOptIn> pending = new ArrayList<>(destination.pending());
        for (PendingOptIn p : source.pending()) {
            if (destination.pending(p.channel(), p.listId()).isEmpty()) pending.add(p);
        }
        return new ConsentState(channels, suppressions, listSuppressions, pending);
    }

    @Override
    public void delete(Connection c, String accountId, List<String> profileIds) throws SQLException {
        for (String table : TABLES) {
            Statements.update(c, "delete from " + table + " where account_id = ? and profile_id = any(?)", accountId, profileIds);
        }
        Statements.update(c, "delete from consent_history where account_id = ? and profile_id = any(?)", accountId, profileIds);
    }
}
