package dev.openprofile.pushtokens;

import dev.openprofile.jsonapi.filter.SqlFilter;
import java.util.Map;

/**
 * The SQL behind the {@code push_token} filter of list and segment members (get_profiles_for_list,
 * get_profiles_for_segment), over profile {@code p}: a member matches when one of its registered tokens does.
 * Push tokens own the table, so they supply it; App hands it to profiles.
 */
public final class PushTokenQueries {
    public static final Map<String, SqlFilter.Related> MEMBER_FILTERS = Map.of("push_token",
            new SqlFilter.Related("push_token t where t.account_id = p.account_id and t.profile_id = p.id", "t.token"));

    private PushTokenQueries() {}
}
