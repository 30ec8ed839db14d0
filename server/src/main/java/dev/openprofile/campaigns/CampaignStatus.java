package dev.openprofile.campaigns;

/**
 * The statuses a campaign has here (the spec's enum names eighteen; these are the ones OpenProfile's life cycle
 * reaches: docs/compatibility.md, "Campaigns"). A new or cloned campaign is a draft; only a draft's audiences,
 * strategy, options and messages may change, while a name may change in any status.
 */
final class CampaignStatus {
    static final String DRAFT = "Draft";

    private CampaignStatus() {}

    static boolean isDraft(String status) {
        return DRAFT.equals(status);
    }
}
