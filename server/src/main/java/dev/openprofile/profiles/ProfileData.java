package dev.openprofile.profiles;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * What one feature keeps about profiles (memberships, consent, events, push tokens, ...). A merge and a
 * deletion call every feature's implementation inside one transaction, so a profile never leaves rows
 * behind in a table it no longer exists for, and no feature's SQL reaches into another's tables.
 * App hands the merge and the deletion every implementation.
 */
public interface ProfileData {
    /**
     * Moves what {@code sourceId} holds to {@code destinationId} (semantics §13). Where both hold the same
     * thing (a membership, a consent state) the destination's wins; nothing of the source's is lost that the
     * destination does not already have. Runs before the source profile row is deleted.
     */
    void merge(Connection c, String accountId, String sourceId, String destinationId) throws SQLException;

    /** Deletes every row about these profiles (a data-privacy deletion). Runs before the profile rows go. */
    void delete(Connection c, String accountId, List<String> profileIds) throws SQLException;
}
