package dev.openprofile.campaigns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.http.ApiRequest;
import dev.openprofile.http.ApiResponse;
import dev.openprofile.http.Endpoint;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.jsonapi.Links;
import dev.openprofile.jsonapi.Resources;
import dev.openprofile.resource.Attribute;
import dev.openprofile.resource.ResourceInput;
import dev.openprofile.resource.ResourceKind;
import java.util.List;

/** HTTP of sending and estimating: each job and estimate is named by its campaign's id, as the spec has it. */
final class SendRoutes {
    private static final String SEND_JOB = "campaign-send-job";
    private static final String ESTIMATION_JOB = "campaign-recipient-estimation-job";
    private static final String ESTIMATION = "campaign-recipient-estimation";
    private static final ResourceKind CANCEL_BODY = CampaignInput.shape(SEND_JOB, List.of(
            Attribute.string("action").oneOf("cancel", "revert")));

    private final CampaignSender sender;
    private final RecipientEstimation estimation;
    private final Links links;

    SendRoutes(CampaignSender sender, RecipientEstimation estimation, Links links) {
        this.sender = sender;
        this.estimation = estimation;
        this.links = links;
    }

    List<Endpoint> endpoints() {
        return List.of(
                Endpoint.of("send_campaign", r -> {
                    String id = campaignOf(r.data(), SEND_JOB);
                    return job(r, 202, SEND_JOB, "/api/campaign-send-jobs", id, sender.send(r.accountId(), id));
                }),
                Endpoint.of("get_campaign_send_job", r -> job(r, 200, SEND_JOB, "/api/campaign-send-jobs", r.pathParam("id"),
                        sender.status(r.accountId(), r.pathParam("id")))),
                Endpoint.of("cancel_campaign_send", this::cancel),
                Endpoint.of("refresh_campaign_recipient_estimation", r -> {
                    String id = campaignOf(r.data(), ESTIMATION_JOB);
                    return job(r, 202, ESTIMATION_JOB, "/api/campaign-recipient-estimation-jobs", id, estimation.refresh(r.accountId(), id));
                }),
                Endpoint.of("get_campaign_recipient_estimation_job", r -> job(r, 200, ESTIMATION_JOB,
                        "/api/campaign-recipient-estimation-jobs", r.pathParam("id"), estimation.jobStatus(r.accountId(), r.pathParam("id")))),
                Endpoint.of("get_campaign_recipient_estimation", r -> {
                    String id = r.pathParam("id");
                    ObjectNode attributes = Json.MAPPER.createObjectNode().put("estimated_recipient_count", estimation.estimate(r.accountId(), id));
                    return new ApiResponse(200, Resources.single(Resources.resource(ESTIMATION, id, attributes, r.query(),
                            links.resource("/api/campaign-recipient-estimations", id))));
                }));
    }

    /** The campaign id of a job's create body, {@code {"data": {"type": T, "id": …}}} (the spec's, without attributes). */
    private static String campaignOf(JsonNode data, String type) {
        CampaignInput.onlyMembers(data, "/data", java.util.Set.of("type", "id"));
        return ResourceInput.identifier(data, "/data", type);
    }

    /** {@code {"data": {"type": "campaign-send-job", "id": …, "attributes": {"action": "cancel" | "revert"}}}}: 204. */
    private ApiResponse cancel(ApiRequest r) {
        ResourceInput.Changes body = ResourceInput.update(CANCEL_BODY, r.data(), "/data");
        if (!body.id().equals(r.pathParam("id"))) throw ApiError.idMismatch(body.id(), r.pathParam("id"));
        JsonNode action = body.attributes().get("action");
        if (action == null || !action.isTextual()) throw ApiError.invalidPointer("/data/attributes/action", "'action' is a required field.");
        sender.cancel(r.accountId(), body.id(), action.asText());
        return ApiResponse.noContent();
    }

    private ApiResponse job(ApiRequest r, int status, String type, String path, String id, String jobStatus) {
        ObjectNode attributes = Json.MAPPER.createObjectNode().put("status", jobStatus);
        return new ApiResponse(status, Resources.single(Resources.resource(type, id, attributes, r.query(), links.resource(path, id))));
    }
}
