package dev.openprofile.campaigns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.resource.ResourceInput;
import dev.openprofile.resource.ResourceRow;
import dev.openprofile.resource.ResourceService;
import dev.openprofile.store.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules of campaigns: a campaign and its message are written in one transaction through the kit's services,
 * after the audience's lists and segments are found; only a draft changes beyond its name; a clone is a new draft
 * with copies of the messages; a message's template is a non-reusable copy of the one assigned.
 */
final class CampaignService {
    private static final String NAME_PREFIX = "Clone of ";
    private static final int NAME_LIMIT = 255;

    private final Jdbc jdbc;
    private final ResourceService campaigns;
    private final ResourceService messages;
    private final Campaigns.Audiences audiences;
    private final Campaigns.TemplateCopies templates;

    CampaignService(Jdbc jdbc, ResourceService campaigns, ResourceService messages, Campaigns.Audiences audiences,
                    Campaigns.TemplateCopies templates) {
        this.jdbc = jdbc;
        this.campaigns = campaigns;
        this.messages = messages;
        this.audiences = audiences;
        this.templates = templates;
    }

    ResourceRow create(String accountId, CampaignInput.NewCampaign campaign) {
        checkAudience(accountId, campaign.audience());
        return jdbc.inTransaction(c -> {
            ResourceRow row = campaigns.create(c, accountId, new ResourceInput.Changes(null, campaign.attributes(), Map.of()), "/data");
            MessageInput.NewMessage m = campaign.message();
            Map<String, List<String>> links = new HashMap<>();
            links.put("campaign", List.of(row.id()));
            if (m.imageId() != null) links.put("image", List.of(m.imageId()));
            messages.create(c, accountId, new ResourceInput.Changes(null, MessageInput.attributes(m), links),
                    "/data/attributes/campaign-messages/data/0");
            return row;
        });
    }

    ResourceRow update(String accountId, String id, JsonNode data) {
        return jdbc.inTransaction(c -> {
            // The row is locked before it is read, so two updates of one campaign merge their audiences in turn.
            String status = CampaignStore.lockStatus(c, accountId, id);
            if (status == null) throw campaigns.notFound(id);
            ResourceRow current = campaigns.find(c, accountId, id).orElseThrow(() -> campaigns.notFound(id));
            Map<String, JsonNode> changes = CampaignInput.update(data, id, new CampaignInput.ResourceRowView(
                    current.attributes().get("audiences"), current.attributes().get("channel").asText()));
            if (!CampaignStatus.isDraft(status)) {
                for (String k : changes.keySet()) {
                    if (!k.equals("name")) {
                        throw ApiError.invalidPointer("/data/attributes/" + k, "A campaign in status '" + status
                                + "' may change only its name; '" + k + "' is fixed once it leaves Draft.");
                    }
                }
            }
            if (changes.containsKey("audiences")) checkAudience(accountId, CampaignInput.audience(changes.get("audiences")));
            return campaigns.update(c, accountId, new ResourceInput.Changes(id, changes, Map.of()), "/data").orElseThrow();
        });
    }

    ResourceRow updateMessage(String accountId, String id, JsonNode data) {
        ResourceRow current = messages.find(accountId, id).orElseThrow(() -> messages.notFound(id));
        MessageInput.Update u = MessageInput.update(data, id, current.attributes().get("channel").asText(),
                (ObjectNode) current.attributes().get("definition"));
        return jdbc.inTransaction(c -> {
            ResourceRow locked = messages.find(c, accountId, id).orElseThrow(() -> messages.notFound(id));
            requireDraft(c, accountId, locked.toOne().get("campaign"));
            Map<String, JsonNode> attributes = u.definition() == null ? Map.of() : Map.of("definition", u.definition());
            Map<String, List<String>> links = u.imageId() == null ? Map.of() : Map.of("image", List.of(u.imageId()));
            return messages.update(c, accountId, new ResourceInput.Changes(id, attributes, links), "/data").orElseThrow();
        });
    }

    /** update_image_for_campaign_message: the image must exist (404 at /data/id). */
    void updateImage(String accountId, String id, String imageId) {
        jdbc.inTransaction(c -> {
            ResourceRow locked = messages.find(c, accountId, id).orElseThrow(() -> messages.notFound(id));
            requireDraft(c, accountId, locked.toOne().get("campaign"));
            try {
                messages.update(c, accountId, new ResourceInput.Changes(id, Map.of(), Map.of("image", List.of(imageId))), "/data");
            } catch (ApiError e) {
                if (e.status() != 404) throw e;
                throw new ApiError(404, "not_found", "Not found.", "An image with id '" + imageId + "' does not exist.",
                        ApiError.Source.pointer("/data/id"), null);
            }
            return null;
        });
    }

    /** assign_template_to_campaign_message: a copy of the template becomes the message's own. */
    ResourceRow assignTemplate(String accountId, String messageId, String templateId) {
        return jdbc.inTransaction(c -> {
            ResourceRow locked = messages.find(c, accountId, messageId).orElseThrow(() -> messages.notFound(messageId));
            requireDraft(c, accountId, locked.toOne().get("campaign"));
            String copy = templates.copy(c, accountId, templateId);
            if (copy == null) {
                throw new ApiError(404, "not_found", "Not found.", "A template with id '" + templateId + "' does not exist.",
                        ApiError.Source.pointer("/data/relationships/template/data/id"), null);
            }
            return messages.update(c, accountId, new ResourceInput.Changes(messageId, Map.of(), Map.of("template", List.of(copy))),
                    "/data").orElseThrow();
        });
    }

    /** create_campaign_clone: a new draft with the original's audiences, strategy, options and copies of its messages. */
    ResourceRow cloneCampaign(String accountId, CampaignInput.Clone clone) {
        return jdbc.inTransaction(c -> {
            ResourceRow source = campaigns.find(c, accountId, clone.id()).orElseThrow(() -> new ApiError(404, "not_found", "Not found.",
                    "A campaign with id '" + clone.id() + "' does not exist.", ApiError.Source.pointer("/data/id"), null));
            Map<String, JsonNode> copy = new LinkedHashMap<>();
            for (String a : List.of("audiences", "send_options", "tracking_options", "send_strategy", "channel")) {
                copy.put(a, source.attributes().get(a));
            }
            String derived = NAME_PREFIX + source.attributes().get("name").asText();
            copy.put("name", CampaignInput.text(clone.name() != null ? clone.name()
                    : derived.length() > NAME_LIMIT ? derived.substring(0, NAME_LIMIT) : derived));
            copy.put("status", CampaignInput.text(CampaignStatus.DRAFT));
            copy.put("archived", com.fasterxml.jackson.databind.node.BooleanNode.FALSE);
            ResourceRow row = campaigns.create(c, accountId, new ResourceInput.Changes(null, copy, Map.of()), "/data");
            for (ResourceRow m : CampaignStore.messages(c, messages, accountId, source.id())) {
                Map<String, List<String>> links = new HashMap<>();
                links.put("campaign", List.of(row.id()));
                if (m.toOne().get("image") != null) links.put("image", List.of(m.toOne().get("image")));
                String template = m.toOne().get("template");
                if (template != null) {
                    String copied = templates.copy(c, accountId, template);
                    if (copied != null) links.put("template", List.of(copied));
                }
                messages.create(c, accountId, new ResourceInput.Changes(null, Map.of("definition", m.attributes().get("definition"),
                        "channel", m.attributes().get("channel")), links), "/data");
            }
            return row;
        });
    }

    List<String> unknownIds(String accountId, List<String> ids) {
        List<String> out = new ArrayList<>();
        for (String id : ids) if (!campaigns.exists(accountId, id)) out.add(id);
        return out;
    }

    /** Every included and excluded audience names a list or segment of the account (404 at the first that does not). */
    private void checkAudience(String accountId, CampaignInput.Audience audience) {
        for (String member : List.of("included", "excluded")) {
            List<String> ids = member.equals("included") ? audience.included() : audience.excluded();
            for (int i = 0; i < ids.size(); i++) {
                if (!audiences.exists(accountId, ids.get(i))) {
                    throw new ApiError(404, "not_found", "Not found.", "No list or segment with id '" + ids.get(i) + "' exists.",
                            ApiError.Source.pointer("/data/attributes/audiences/" + member + "/" + i), null);
                }
            }
        }
    }

    private static void requireDraft(Connection c, String accountId, String campaignId) throws SQLException {
        String status = CampaignStore.lockStatus(c, accountId, campaignId);
        if (status != null && !CampaignStatus.isDraft(status)) {
            throw ApiError.invalidPointer("/data", "The message's campaign is in status '" + status
                    + "'; only a draft campaign's messages may change.");
        }
    }
}
