package dev.openprofile.objectrecords;

import dev.openprofile.profiles.ProfileData;
import dev.openprofile.store.Statements;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Object records' links to profiles in a merge and a deletion: a merge moves the source's links to the destination
 * (a record linked to both keeps one link); a deletion drops the links, as the profile foreign key would.
 */
final class ObjectRecordProfileData implements ProfileData {
    @Override
    public void merge(Connection c, String accountId, String sourceId, String destinationId) throws SQLException {
        Statements.update(c, """
                insert into object_record_profile (account_id, object_type_id, record_id, relationship_id, profile_id)
                select account_id, object_type_id, record_id, relationship_id, ? from object_record_profile
                where account_id = ? and profile_id = ?
                on conflict do nothing""", destinationId, accountId, sourceId);
        Statements.update(c, "delete from object_record_profile where account_id = ? and profile_id = ?", accountId, sourceId);
    }

    @Override
    public void delete(Connection c, String accountId, List<String> profileIds) throws SQLException {
        Statements.update(c, "delete from object_record_profile where account_id = ? and profile_id = any(?)", accountId, profileIds);
    }
}
