package dev.openprofile.campaigns;

/**
 * The SQL of campaign messages for features that report on them in queries of their own (reporting): the campaigns
 * feature owns the tables, so it writes them.
 */
public final class CampaignQueries {
    /**
     * Some messages of the account with what a report groups them by; parameters: the account id, the message ids
     * ({@code text[]}). Columns: message id, campaign id, campaign name, message label (null without one), channel
     * ({@code email}, {@code sms}, {@code mobile_push}), whether it has an image.
     */
    public static final String MESSAGES = """
            select m.id, m.campaign_id, c.name, m.doc->'definition'->>'label', m.channel, m.image_id is not null
            from campaign_message m join campaign c on c.account_id = m.account_id and c.id = m.campaign_id
            where m.account_id = ? and m.id = any(?)""";
    /** The tags of some campaigns; parameters: the account id, the campaign ids. Columns: campaign id, tag id. */
    public static final String TAGS = "select campaign_id, tag_id from tag_campaign where account_id = ? and campaign_id = any(?)";

    private CampaignQueries() {}
}
