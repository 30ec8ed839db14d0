package dev.openprofile.campaigns;

import dev.openprofile.resource.Attribute;
import dev.openprofile.resource.Hooks;
import dev.openprofile.resource.IdScheme;
import dev.openprofile.resource.Relationship;
import dev.openprofile.resource.ResourceKind;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The declarations of Klaviyo's campaign and campaign message for the resource kit: the one place their wire shapes
 * live. The kit serves their reads, filters, sorts, includes, relationship reads and delete_campaign; the writes that
 * check audiences, strategies and message definitions are the feature's own ({@link CampaignService}), which stores
 * rows through the kit's services. A campaign's {@code channel} (its messages' channel) is hidden: the spec filters on
 * it as {@code messages.channel} without showing it.
 */
final class CampaignKinds {
    static final String CAMPAIGN = "campaign";
    static final String MESSAGE = "campaign-message";

    private CampaignKinds() {}

    static ResourceKind campaign(Supplier<String> ids, Hooks hooks) {
        return new ResourceKind(CAMPAIGN, "/api/campaigns", "campaign", List.of(
                Attribute.string("name").column("name").serverSet(),
                Attribute.string("status").column("status").serverSet(),
                Attribute.bool("archived").column("archived").serverSet(),
                Attribute.object("audiences").serverSet(),
                Attribute.object("send_options").serverSet(),
                Attribute.object("tracking_options").serverSet(),
                Attribute.object("send_strategy").serverSet(),
                Attribute.datetime("created_at").column("created").serverSet(),
                Attribute.datetime("scheduled_at").column("scheduled_at").serverSet(),
                Attribute.datetime("updated_at").column("updated").serverSet(),
                Attribute.datetime("send_time").column("send_time").serverSet(),
                Attribute.string("channel").column("channel").immutable().hide()),
                List.of(
                        Relationship.toMany("campaign-messages", MESSAGE, new Relationship.Inverse("campaign_id")),
                        Relationship.toMany("tags", "tag", new Relationship.External())),
                new IdScheme.Generated(ids),
                new ResourceKind.Operations("get_campaigns", null, "get_campaign", null, "delete_campaign", "id", Map.of(
                        "campaign-messages", new ResourceKind.RelationshipOperations("get_messages_for_campaign",
                                "get_message_ids_for_campaign", null, null, null))),
                hooks);
    }

    static ResourceKind message(Supplier<String> ids, Hooks hooks) {
        return new ResourceKind(MESSAGE, "/api/campaign-messages", "campaign_message", List.of(
                Attribute.object("definition").serverSet(),
                // The times the message goes out: null until sending is built (the send job of issue 16's next part).
                Attribute.object("send_times").serverSet(),
                Attribute.datetime("created_at").column("created").serverSet(),
                Attribute.datetime("updated_at").column("updated").serverSet(),
                Attribute.string("channel").column("channel").immutable().hide()),
                List.of(
                        Relationship.toOne("campaign", CAMPAIGN, "campaign_id"),
                        // The message's own non-reusable copy of the template assigned to it (assign_template_to_campaign_message).
                        Relationship.toOne("template", "template", "template_id"),
                        Relationship.toOne("image", "image", "image_id")),
                new IdScheme.Generated(ids),
                new ResourceKind.Operations(null, null, "get_campaign_message", null, null, "id", Map.of(
                        "campaign", new ResourceKind.RelationshipOperations("get_campaign_for_campaign_message",
                                "get_campaign_id_for_campaign_message", null, null, null),
                        "template", new ResourceKind.RelationshipOperations("get_template_for_campaign_message",
                                "get_template_id_for_campaign_message", null, null, null),
                        "image", new ResourceKind.RelationshipOperations("get_image_for_campaign_message",
                                "get_image_id_for_campaign_message", null, null, null))),
                hooks);
    }
}
