package dev.openprofile.campaigns;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.http.ApiRequest;
import dev.openprofile.http.ApiResponse;
import dev.openprofile.http.Endpoint;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.jsonapi.Rfc3339;
import dev.openprofile.jsonapi.Resources;
import dev.openprofile.resource.ResourceKind;
import dev.openprofile.resource.ResourceRenderer;
import dev.openprofile.resource.ResourceRow;
import java.util.List;
import java.util.Set;

/** HTTP for the campaign writes the kit does not serve from the declarations. */
final class CampaignRoutes {
    private final CampaignService service;
    private final ResourceRenderer renderer;
    private final ResourceKind campaign;
    private final ResourceKind message;

    CampaignRoutes(CampaignService service, ResourceRenderer renderer, ResourceKind campaign, ResourceKind message) {
        this.service = service;
        this.renderer = renderer;
        this.campaign = campaign;
        this.message = message;
    }

    List<Endpoint> endpoints() {
        return List.of(
                Endpoint.of("create_campaign", r -> single(r, campaign, service.create(r.accountId(), CampaignInput.create(r.data())), 201)),
                Endpoint.of("update_campaign", r -> single(r, campaign, service.update(r.accountId(), r.pathParam("id"), r.data()), 200)),
                Endpoint.of("create_campaign_clone", r -> single(r, campaign,
                        service.cloneCampaign(r.accountId(), CampaignInput.cloneOf(r.data())), 201)),
                Endpoint.of("update_campaign_message", r -> single(r, message,
                        service.updateMessage(r.accountId(), r.pathParam("id"), r.data()), 200)),
                Endpoint.of("assign_template_to_campaign_message", this::assignTemplate),
                Endpoint.of("update_image_for_campaign_message", r -> {
                    service.updateImage(r.accountId(), r.pathParam("id"), MessageInput.imageIdentifier(r.data(), "/data"));
                    return ApiResponse.noContent();
                }));
    }

    /** {@code {"data": {"type": "campaign-message", "id": …, "relationships": {"template": {"data": {"type": "template", "id": …}}}}}}. */
    private ApiResponse assignTemplate(ApiRequest r) {
        JsonNode data = r.data();
        CampaignInput.onlyMembers(data, "/data", Set.of("type", "id", "relationships"));
        if (!"campaign-message".equals(data.path("type").asText(null))) {
            throw ApiError.invalidPointer("/data/type", "'type' must be 'campaign-message'.");
        }
        if (!data.path("id").isTextual() || data.get("id").asText().isBlank()) throw ApiError.invalidPointer("/data/id", "'id' is required.");
        String at = "/data/relationships";
        CampaignInput.onlyMembers(data.get("relationships"), at, Set.of("template"));
        CampaignInput.onlyMembers(data.get("relationships").get("template"), at + "/template", Set.of("data"));
        JsonNode target = data.get("relationships").get("template").get("data");
        CampaignInput.onlyMembers(target, at + "/template/data", Set.of("type", "id"));
        if (!"template".equals(target.path("type").asText(null))) throw ApiError.invalidPointer(at + "/template/data/type", "'type' must be 'template'.");
        if (!target.path("id").isTextual() || target.get("id").asText().isBlank()) {
            throw ApiError.invalidPointer(at + "/template/data/id", "'id' must be a template id.");
        }
        String messageId = data.get("id").asText();
        ResourceRow row;
        try {
            row = service.assignTemplate(r.accountId(), messageId, target.get("id").asText());
        } catch (ApiError e) {
            // The message named in the body (not in the path): its 404 points at /data/id.
            if (e.status() == 404 && e.source() != null && e.source().parameter() != null) {
                throw new ApiError(404, "not_found", "Not found.", e.detail(), ApiError.Source.pointer("/data/id"), null);
            }
            throw e;
        }
        return new ApiResponse(200, Resources.single(postShape(renderer.resource(r.accountId(), message, row, r.query()), row)));
    }

    /**
     * assign_template_to_campaign_message answers the older flat shape of a message (PostCampaignMessageResponse):
     * label, channel, content and render_options beside the times, instead of a definition. A message without a
     * label (SMS, push) shows an empty one, as the schema requires a string.
     */
    private static ObjectNode postShape(ObjectNode node, ResourceRow row) {
        JsonNode definition = row.attributes().get("definition");
        ObjectNode attributes = Json.MAPPER.createObjectNode();
        attributes.put("label", definition.path("label").isTextual() ? definition.get("label").asText() : "");
        attributes.set("channel", definition.get("channel"));
        attributes.set("content", definition.path("content").isObject() ? definition.get("content") : Json.MAPPER.createObjectNode());
        attributes.putNull("send_times");
        attributes.set("render_options", definition.path("render_options").isObject() ? definition.get("render_options") : attributes.nullNode());
        attributes.put("created_at", Rfc3339.format(row.created()));
        attributes.put("updated_at", Rfc3339.format(row.updated()));
        node.set("attributes", attributes);
        return node;
    }

    private ApiResponse single(ApiRequest r, ResourceKind kind, ResourceRow row, int status) {
        return new ApiResponse(status, Resources.single(renderer.resource(r.accountId(), kind, row, r.query())));
    }
}
