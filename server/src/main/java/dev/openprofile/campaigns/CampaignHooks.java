package dev.openprofile.campaigns;

import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Query;
import dev.openprofile.jsonapi.filter.Term;
import dev.openprofile.resource.Hooks;
import java.util.Map;

/** The kit's hooks of campaigns: the channel filter get_campaigns requires. */
final class CampaignHooks {
    private CampaignHooks() {}

    /** get_campaigns must name a channel ("filter" is required, and Klaviyo answers 400 without messages.channel). */
    static final Hooks CAMPAIGN = new Hooks() {
        @Override
        public void beforeList(String accountId, Query query) {
            for (Term t : query.filter()) if (t.field().equals("messages.channel")) return;
            throw ApiError.invalidParameter("filter", "A channel filter is required: filter by equals(messages.channel,'email'),"
                    + " 'sms' or 'mobile_push'.");
        }

        @Override
        public Map<String, String> filterColumns() {
            return Map.of("messages.channel", "t.channel");
        }
    };
}
