package dev.openprofile.segments;

/**
 * The SQL of segments and their membership history (V40) for features that report on them in queries of their own
 * (reporting): the segments feature owns the tables, so it writes them.
 */
public final class SegmentHistoryQueries {
    /** The account's segments; parameter: the account id. Column: segment id, in id order. */
    public static final String IDS = "select id from segment where account_id = ? order by id";
    /**
     * Members who joined and left, per segment and bucket; parameters: the bucket starts ({@code timestamptz[]}), the
     * account id, the period's start and end. Columns: segment id, the 1-based bucket, joins, departures.
     */
    public static final String CHANGES = """
            select segment_id, width_bucket(changed_at, ?::timestamptz[]), sum(joined), sum(departed)
            from segment_member_change where account_id = ? and changed_at >= ? and changed_at < ? group by 1, 2""";
    /** Each segment's members at an instant; parameters: the account id, the instant. Columns: segment id, members. */
    public static final String MEMBERS_AT = """
            select segment_id, sum(joined - departed) from segment_member_change where account_id = ? and changed_at < ? group by 1""";

    private SegmentHistoryQueries() {}
}
