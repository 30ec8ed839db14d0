package dev.openprofile.flows;

/**
 * The SQL of flow messages for features that report on them in queries of their own (reporting): the flows feature
 * owns the tables, so it writes them.
 */
public final class FlowQueries {
    /**
     * Some messages of the account with what a report groups them by; parameters: the account id, the message ids
     * ({@code text[]}). Columns: message id, flow id, flow name, message name (null without one), channel.
     */
    public static final String MESSAGES = """
            select m.id, a.flow_id, f.name, m.name, m.channel
            from flow_message m join flow_action a on a.account_id = m.account_id and a.id = m.action_id
            join flow f on f.account_id = a.account_id and f.id = a.flow_id
            where m.account_id = ? and m.id = any(?)""";
    /** The tags of some flows; parameters: the account id, the flow ids. Columns: flow id, tag id. */
    public static final String TAGS = "select flow_id, tag_id from tag_flow where account_id = ? and flow_id = any(?)";

    private FlowQueries() {}
}
