package dev.openprofile.profiles;

import dev.openprofile.store.Statements;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Which profile each anonymous id names (table profile_anonymous_id, V51). A profile may hold several (one per
 * browser or device); an id names one profile. Every request that carries an anonymous id locks its row first
 * ({@link #holder} with a lock), so the requests of one visitor (anonymous events, the identification that merges their
 * profile away) take their turns and none of them writes to a profile that a merge has just removed.
 */
final class AnonymousIds implements ProfileData {

    /**
     * The profile that holds {@code anonymousId}, empty when none does; with {@code lock}, its row locked until the
     * transaction ends.
     */
    Optional<String> holder(Connection c, String accountId, String anonymousId, boolean lock) throws SQLException {
        return Statements.text(c, "select profile_id from profile_anonymous_id where account_id = ? and anonymous_id = ?"
                + (lock ? " for update" : ""), accountId, anonymousId);
    }

    /**
     * Gives a new anonymous id to {@code profileId}; false when another transaction gave it to a profile first
     * (the insert waits for that transaction: once it has committed, {@link #holder} finds its profile).
     */
    boolean claim(Connection c, String accountId, String anonymousId, String profileId) throws SQLException {
        return Statements.update(c, """
                insert into profile_anonymous_id (account_id, anonymous_id, profile_id) values (?, ?, ?)
                on conflict (account_id, anonymous_id) do nothing""", accountId, anonymousId, profileId) == 1;
    }

    /** The anonymous id names {@code profileId} from now on (a visitor identified as another profile). */
    void assign(Connection c, String accountId, String anonymousId, String profileId) throws SQLException {
        Statements.update(c, """
                insert into profile_anonymous_id (account_id, anonymous_id, profile_id) values (?, ?, ?)
                on conflict (account_id, anonymous_id) do update set profile_id = excluded.profile_id""",
                accountId, anonymousId, profileId);
    }

    /** A merged profile's anonymous ids name the destination: its visitors' later events land there. */
    @Override
    public void merge(Connection c, String accountId, String sourceId, String destinationId) throws SQLException {
        Statements.update(c, "update profile_anonymous_id set profile_id = ? where account_id = ? and profile_id = ?",
                destinationId, accountId, sourceId);
    }

    @Override
    public void delete(Connection c, String accountId, List<String> profileIds) throws SQLException {
        Statements.update(c, "delete from profile_anonymous_id where account_id = ? and profile_id = any(?)",
                accountId, profileIds);
    }
}
