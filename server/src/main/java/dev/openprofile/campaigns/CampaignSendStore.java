package dev.openprofile.campaigns;

import static dev.openprofile.store.Statements.text;
import static dev.openprofile.store.Statements.update;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Optional;

/** SQL of a campaign's send job and recipient estimate (tables campaign_send, campaign_estimation; V39). */
final class CampaignSendStore {
    private CampaignSendStore() {}

    /** A send job's progress, as its row holds it. */
    record Send(String campaignId, String jobId, boolean resolved, int total, int nextSeq) {}

    /** The status of the job that a campaign's send or estimate row names, or empty when it has none. */
    static Optional<String> jobStatus(Connection c, String table, String accountId, String campaignId) throws SQLException {
        return text(c, "select j.status from " + table + " s join job j on j.account_id = s.account_id and j.id = s.job_id"
                + " where s.account_id = ? and s.campaign_id = ?", accountId, campaignId);
    }

    /** The job id a campaign's send or estimate row names. */
    static Optional<String> jobId(Connection c, String table, String accountId, String campaignId) throws SQLException {
        return text(c, "select job_id from " + table + " where account_id = ? and campaign_id = ?", accountId, campaignId);
    }

    /** Replaces a campaign's send or estimate row with one for a new job; the old job row goes (its work is over). */
    static void replace(Connection c, String table, String accountId, String campaignId, String jobId) throws SQLException {
        Optional<String> old = jobId(c, table, accountId, campaignId);
        if (old.isPresent()) update(c, "delete from job where account_id = ? and id = ?", accountId, old.get());
        if (table.equals(CampaignSender.TABLE)) {
            update(c, "delete from campaign_send_recipient where account_id = ? and campaign_id = ?", accountId, campaignId);
            update(c, "insert into campaign_send (account_id, campaign_id, job_id) values (?, ?, ?) on conflict (account_id, campaign_id)"
                    + " do update set job_id = excluded.job_id, resolved = false, total = 0, next_seq = 0", accountId, campaignId, jobId);
        } else {
            update(c, "insert into campaign_estimation (account_id, campaign_id, job_id) values (?, ?, ?) on conflict (account_id, campaign_id)"
                    + " do update set job_id = excluded.job_id", accountId, campaignId, jobId);
        }
    }

    /** Locks the send row of a job; empty when its campaign was deleted (the row went with it). */
    static Optional<Send> lockSend(Connection c, String accountId, String jobId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select campaign_id, job_id, resolved, total, next_seq from campaign_send"
                + " where account_id = ? and job_id = ? for update")) {
            ps.setString(1, accountId);
            ps.setString(2, jobId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Send(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getInt(4), rs.getInt(5)))
                        : Optional.empty();
            }
        }
    }

    static void resolved(Connection c, String accountId, String campaignId, int total) throws SQLException {
        update(c, "update campaign_send set resolved = true, total = ? where account_id = ? and campaign_id = ?", total, accountId, campaignId);
    }

    static void advance(Connection c, String accountId, String campaignId, int nextSeq) throws SQLException {
        update(c, "update campaign_send set next_seq = ? where account_id = ? and campaign_id = ?", nextSeq, accountId, campaignId);
    }

    /** The latest estimate: its count, or empty when none has completed. */
    static Optional<Integer> estimate(Connection c, String accountId, String campaignId) throws SQLException {
        return text(c, "select recipient_count from campaign_estimation where account_id = ? and campaign_id = ?", accountId, campaignId)
                .map(Integer::valueOf);
    }

    static void estimated(Connection c, String accountId, String jobId, int count, OffsetDateTime at) throws SQLException {
        update(c, "update campaign_estimation set recipient_count = ?, estimated_at = ? where account_id = ? and job_id = ?",
                count, at, accountId, jobId);
    }

    /** The campaign an estimation job is for (empty when the campaign was deleted). */
    static Optional<String> estimatedCampaign(Connection c, String accountId, String jobId) throws SQLException {
        return text(c, "select campaign_id from campaign_estimation where account_id = ? and job_id = ?", accountId, jobId);
    }

    /** Sets a campaign's status, and its send time when given; {@code updated} moves with it. */
    static void status(Connection c, String accountId, String campaignId, String status, OffsetDateTime sendTime,
                       OffsetDateTime now) throws SQLException {
        update(c, "update campaign set status = ?, send_time = coalesce(?, send_time), updated = ? where account_id = ? and id = ?",
                status, sendTime, now, accountId, campaignId);
    }

    /** Sets a campaign's status and its scheduled time (null: none), as send_campaign and a revert do. */
    static void schedule(Connection c, String accountId, String campaignId, String status, OffsetDateTime scheduledAt,
                         OffsetDateTime now) throws SQLException {
        update(c, "update campaign set status = ?, scheduled_at = ?, updated = ? where account_id = ? and id = ?",
                status, scheduledAt, now, accountId, campaignId);
    }
}
