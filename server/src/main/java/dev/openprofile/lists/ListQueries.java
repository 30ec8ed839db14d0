package dev.openprofile.lists;

/**
 * The SQL of list membership for features that select profiles in one query of their own (the segment
 * engine): the lists feature owns the table, so it writes the subquery.
 */
public final class ListQueries {
    /**
     * Profile ids of the members of any of some lists; parameters: the account id, the list ids (a text
     * array). A caller may append {@code and} conditions on {@link #JOINED_AT}.
     */
    public static final String MEMBERS_OF_ANY =
            "select m.profile_id from list_membership m where m.account_id = ? and m.list_id = any(?)";
    /** When the member joined the list. */
    public static final String JOINED_AT = "m.joined_group_at";

    private ListQueries() {}
}
