package dev.openprofile.imports;

import dev.openprofile.profiles.ProfileData;
import dev.openprofile.store.Statements;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The profiles bulk import jobs report (get_profiles_for_bulk_import_profiles_job and its id variant) in a
 * merge and a deletion (docs/compatibility.md). After a merge, a job's results name the destination where
 * they named the source: the profile that item became is now the destination. After a deletion, the item
 * reads like one that failed (its slot in the results is null): a job never lists a deleted id.
 *
 * <p>Results are arrays per chunk with no index by profile: a merge or deletion reads the account's import
 * results (one row per 1,000 imported profiles) rather than every import paying for an index per profile.
 */
public final class ImportProfileData implements ProfileData {
    @Override
    public void merge(Connection c, String accountId, String sourceId, String destinationId) throws SQLException {
        Statements.update(c, """
                update profile_import_result set profile_ids = array_replace(profile_ids, ?::text, ?::text)
                where account_id = ? and profile_ids @> array[?::text]""", sourceId, destinationId, accountId, sourceId);
    }

    @Override
    public void delete(Connection c, String accountId, List<String> profileIds) throws SQLException {
        Statements.update(c, """
                update profile_import_result r set profile_ids = array(
                  select case when u.id = any(?) then null else u.id end
                  from unnest(r.profile_ids) with ordinality u(id, n) order by u.n)
                where r.account_id = ? and r.profile_ids && ?""", profileIds, accountId, profileIds);
    }
}
