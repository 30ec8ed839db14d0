package dev.openprofile.campaigns;

import dev.openprofile.consent.Channel;
import dev.openprofile.consent.ConsentQueries;
import dev.openprofile.lists.ListQueries;
import dev.openprofile.pushtokens.PushTokenQueries;
import dev.openprofile.segments.SegmentQueries;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Who a campaign reaches, in one query: the members of its included lists and segments, minus the members of its
 * excluded ones, minus the profiles that cannot receive the channel's marketing (consent's rule,
 * {@link ConsentQueries#canReceive}) or have no address on it; each profile once. The estimate counts it and the send
 * job snapshots it, so the two cannot disagree.
 */
final class CampaignAudience {
    private CampaignAudience() {}

    /** How many profiles the campaign would reach now. */
    static int count(Connection c, String accountId, CampaignInput.Audience audience, String channel) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select count(*) " + from(channel))) {
            bind(c, ps, 1, accountId, audience);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Writes the recipients, numbered from 0 in profile id order, as the send job's snapshot; returns how many. */
    static int snapshot(Connection c, String accountId, String campaignId, CampaignInput.Audience audience, String channel)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into campaign_send_recipient (account_id, campaign_id, seq, profile_id) "
                + "select ?, ?, (row_number() over (order by p.id) - 1)::int, p.id " + from(channel))) {
            ps.setString(1, accountId);
            ps.setString(2, campaignId);
            bind(c, ps, 3, accountId, audience);
            return ps.executeUpdate();
        }
    }

    /** The consent channel whose marketing a campaign channel ({@code email}, {@code sms}, {@code mobile_push}) sends. */
    static Channel consentChannel(String channel) {
        return switch (channel) {
            case "email" -> Channel.EMAIL_MARKETING;
            case "sms" -> Channel.SMS_MARKETING;
            case "mobile_push" -> Channel.MOBILE_PUSH_MARKETING;
            default -> throw new IllegalArgumentException("campaign channel " + channel);
        };
    }

    /** Where a message of the channel goes: an email address, a phone number, a push token. */
    static String address(String channel) {
        return switch (channel) {
            case "email" -> "p.email";
            case "sms" -> "p.phone_number";
            case "mobile_push" -> PushTokenQueries.NEWEST_TOKEN;
            default -> throw new IllegalArgumentException("campaign channel " + channel);
        };
    }

    private static String from(String channel) {
        String hasAddress = channel.equals("mobile_push") ? PushTokenQueries.HAS_TOKEN : address(channel) + " is not null";
        return "from profile p where p.account_id = ?"
                + " and p.id in (" + ListQueries.MEMBERS_OF_ANY + " union " + SegmentQueries.MEMBERS_OF_ANY + ")"
                + " and not exists (" + ListQueries.MEMBERS_OF_ANY + " and m.profile_id = p.id)"
                + " and not exists (" + SegmentQueries.MEMBERS_OF_ANY + " and m.profile_id = p.id)"
                + " and " + hasAddress
                + " and " + ConsentQueries.canReceive(consentChannel(channel));
    }

    private static void bind(Connection c, PreparedStatement ps, int first, String accountId, CampaignInput.Audience audience)
            throws SQLException {
        java.sql.Array included = c.createArrayOf("text", audience.included().toArray());
        java.sql.Array excluded = c.createArrayOf("text", audience.excluded().toArray());
        int i = first;
        ps.setString(i++, accountId);
        for (java.sql.Array ids : new java.sql.Array[] {included, included, excluded, excluded}) {
            ps.setString(i++, accountId);
            ps.setArray(i++, ids);
        }
    }
}
