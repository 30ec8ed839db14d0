package dev.openprofile.segments;

/**
 * The SQL of segment membership for features that select profiles in one query of their own (a campaign's
 * audience): the segments feature owns the table, so it writes the subquery, as lists do (ListQueries).
 */
public final class SegmentQueries {
    /** Profile ids of the members of any of some segments; parameters: the account id, the segment ids (a text array). */
    public static final String MEMBERS_OF_ANY =
            "select m.profile_id from segment_membership m where m.account_id = ? and m.segment_id = any(?)";

    private SegmentQueries() {}
}
