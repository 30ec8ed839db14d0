package dev.openprofile.campaigns;

/**
 * The statuses a campaign has here (the spec's enum names eighteen; these are the ones OpenProfile's life cycle
 * reaches: docs/compatibility.md, "Campaigns"). A new or cloned campaign is a draft; only a draft's audiences,
 * strategy, options and messages may change, while a name may change in any status. send_campaign moves a draft to
 * Preparing to send (or Scheduled), its job to Sending and Sent (or Cancelled: No Recipients); cancel_campaign_send
 * to Cancelled, or back to Draft.
 */
final class CampaignStatus {
    static final String DRAFT = "Draft";
    /** send_campaign accepted an immediate send; its job has not resolved the audience yet. */
    static final String PREPARING = "Preparing to send";
    static final String SCHEDULED = "Scheduled";
    static final String SENDING = "Sending";
    static final String SENT = "Sent";
    static final String CANCELLED = "Cancelled";
    static final String NO_RECIPIENTS = "Cancelled: No Recipients";
    /** A send whose message stopped being sendable after it was accepted (its template deleted or broken since). */
    static final String MISCONFIGURED = "Cancelled: Misconfigured";

    private CampaignStatus() {}

    static boolean isDraft(String status) {
        return DRAFT.equals(status);
    }
}
