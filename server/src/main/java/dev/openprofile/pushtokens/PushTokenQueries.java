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

    /** Whether profile {@code p} has a registered token (somewhere to send a push to). */
    public static final String HAS_TOKEN = "exists (select 1 from push_token t where t.account_id = p.account_id and t.profile_id = p.id)";
    /** Profile {@code p}'s newest token, or null: where OpenProfile addresses a push it emulates. */
    public static final String NEWEST_TOKEN =
            "(select t.token from push_token t where t.account_id = p.account_id and t.profile_id = p.id order by t.created desc, t.id limit 1)";

    private PushTokenQueries() {}
}
