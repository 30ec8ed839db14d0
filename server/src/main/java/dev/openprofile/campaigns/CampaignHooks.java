package dev.openprofile.campaigns;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Query;
import dev.openprofile.jsonapi.filter.Term;
import dev.openprofile.resource.Hooks;
import dev.openprofile.resource.ResourceRow;
import java.util.Map;

/** The kit's hooks of campaigns and their messages: the required channel filter, and what a draft has not yet. */
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

    /** A message's send_times exist once its campaign is scheduled or sent; sending is not built yet (null). */
    static final Hooks MESSAGE = new Hooks() {
        @Override
        public void render(String accountId, ResourceRow row, Query query, ObjectNode attributes) {
            if (query.fieldsFor(CampaignKinds.MESSAGE).map(f -> f.contains("send_times")).orElse(true)) {
                attributes.putNull("send_times");
            }
        }
    };
}
