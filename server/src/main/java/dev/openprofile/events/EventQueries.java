package dev.openprofile.events;

/**
 * The SQL of stored events for features that select profiles by what they did in one query of their own
 * (the segment engine): the events feature owns the table, so it writes the FROM clause.
 */
public final class EventQueries {
    /**
     * The events of one metric; parameters: the account id, the metric id. A caller appends {@code and}
     * conditions on the columns below and groups by {@link #PROFILE}.
     */
    public static final String OF_METRIC = "from event e where e.account_id = ? and e.metric_id = ?";
    /** The events of several metrics; parameters: the account id, the metric ids ({@code text[]}). As {@link #OF_METRIC}. */
    public static final String OF_METRICS = "from event e where e.account_id = ? and e.metric_id = any(?)";
    public static final String METRIC = "e.metric_id";
    public static final String PROFILE = "e.profile_id";
    public static final String TIME = "e.datetime";
    /** The event's value (numeric, null when it has none). */
    public static final String VALUE = "e.value";
    /** The event's properties ({@code jsonb}). */
    public static final String PROPERTIES = "e.properties";

    private EventQueries() {}
}
