package dev.openprofile.campaigns;

import dev.openprofile.jobs.Job;
import dev.openprofile.jobs.JobHandler;
import dev.openprofile.jobs.JobQueue;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.resource.ResourceRow;
import dev.openprofile.resource.ResourceService;
import dev.openprofile.store.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A campaign's recipient estimate: refresh_campaign_recipient_estimation queues a job that counts the audience
 * ({@link CampaignAudience#count}, the query the send resolves), get_campaign_recipient_estimation answers the last
 * count. A refresh while one is queued or running answers that job; a campaign never estimated is counted on read.
 */
final class RecipientEstimation implements JobHandler {
    static final String KIND = "campaign-recipient-estimation";
    static final String TABLE = "campaign_estimation";

    private final Jdbc jdbc;
    private final Clock clock;
    private final Supplier<String> ids;
    private final ResourceService campaigns;
    private final Campaigns.SegmentsUpToDate segments;
    private final Runnable wakeWorkers;

    RecipientEstimation(Jdbc jdbc, Clock clock, Supplier<String> ids, ResourceService campaigns, Campaigns.SegmentsUpToDate segments,
                        Runnable wakeWorkers) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.ids = ids;
        this.campaigns = campaigns;
        this.segments = segments;
        this.wakeWorkers = wakeWorkers;
    }

    /** The job's status: a new one's, or that of the refresh still in progress. */
    String refresh(String accountId, String campaignId) {
        String status = jdbc.inTransaction(c -> {
            if (CampaignStore.lockStatus(c, accountId, campaignId) == null) {
                throw new ApiError(404, "not_found", "Not found.", "A campaign with id '" + campaignId + "' does not exist.",
                        ApiError.Source.pointer("/data/id"), null);
            }
            Optional<String> current = CampaignSendStore.jobStatus(c, TABLE, accountId, campaignId);
            if (current.isPresent() && (current.get().equals(Job.QUEUED) || current.get().equals(Job.PROCESSING))) return current.get();
            String jobId = ids.get();
            CampaignSendStore.replace(c, TABLE, accountId, campaignId, jobId);
            JobQueue.enqueue(c, accountId, jobId, KIND, now());
            return Job.QUEUED;
        });
        wakeWorkers.run();
        return status;
    }

    String jobStatus(String accountId, String campaignId) {
        return jdbc.read(c -> CampaignSendStore.jobStatus(c, TABLE, accountId, campaignId)).orElseThrow(() -> new ApiError(404,
                "not_found", "Not found.", "No recipient estimation job for a campaign with id '" + campaignId + "' exists.",
                ApiError.Source.parameter("id"), null));
    }

    int estimate(String accountId, String campaignId) {
        Optional<Integer> last = jdbc.read(c -> CampaignSendStore.estimate(c, accountId, campaignId));
        if (last.isPresent()) return last.get();
        segments.catchUp(accountId);
        return jdbc.read(c -> {
            ResourceRow campaign = campaigns.find(c, accountId, campaignId).orElseThrow(() -> campaigns.notFound(campaignId));
            return count(c, accountId, campaign);
        });
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public boolean processChunk(Connection c, Job job) throws SQLException {
        Optional<String> campaignId = CampaignSendStore.estimatedCampaign(c, job.accountId(), job.id());
        if (campaignId.isEmpty()) return true; // the campaign was deleted
        Optional<ResourceRow> campaign = campaigns.find(c, job.accountId(), campaignId.get());
        if (campaign.isEmpty()) return true;
        segments.catchUp(job.accountId()); // its own transaction, committed before the count reads the members
        CampaignSendStore.estimated(c, job.accountId(), job.id(), count(c, job.accountId(), campaign.get()), now());
        return true;
    }

    private static int count(Connection c, String accountId, ResourceRow campaign) throws SQLException {
        return CampaignAudience.count(c, accountId, CampaignInput.audience(campaign.attributes().get("audiences")),
                campaign.attributes().get("channel").asText());
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);
    }
}
