package dev.openprofile.flows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.http.ApiRequest;
import dev.openprofile.http.ApiResponse;
import dev.openprofile.http.Endpoint;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Links;
import dev.openprofile.jsonapi.Resources;
import dev.openprofile.resource.ResourceKind;
import dev.openprofile.resource.ResourceRenderer;
import dev.openprofile.resource.ResourceRow;
import java.util.List;
import java.util.Optional;

/**
 * HTTP for what the kit does not serve from the declarations: the writes of definitions, and the flows a list,
 * segment or metric triggers (their {@code flow-triggers} endpoints, which the flows feature answers for them).
 */
final class FlowRoutes {
    private final FlowService service;
    private final FlowSchemas schemas;
    private final Flows.TriggerTargets targets;
    private final ResourceRenderer renderer;
    private final ResourceKind flow;
    private final ResourceKind action;
    private final Links links;

    FlowRoutes(FlowService service, FlowSchemas schemas, Flows.TriggerTargets targets, ResourceRenderer renderer, ResourceKind flow, ResourceKind action,
               Links links) {
        this.service = service;
        this.schemas = schemas;
        this.targets = targets;
        this.renderer = renderer;
        this.flow = flow;
        this.action = action;
        this.links = links;
    }

    List<Endpoint> endpoints() {
        return List.of(
                Endpoint.of("create_flow", this::create),
                Endpoint.of("update_flow", r -> single(r, flow, service.updateStatus(r.accountId(), r.pathParam("id"),
                        FlowInput.status(r.data(), r.pathParam("id"))), 200)),
                Endpoint.of("update_flow_action", r -> single(r, action, service.updateAction(r.accountId(), r.pathParam("id"),
                        FlowInput.actionDefinition(r.data(), r.pathParam("id"), schemas)), 200)),
                Endpoint.of("delete_flow_action", r -> {
                    service.deleteAction(r.accountId(), r.pathParam("id"));
                    return ApiResponse.noContent();
                }),
                Endpoint.of("get_flows_triggered_by_list", r -> triggered(r, "list", false)),
                Endpoint.of("get_ids_for_flows_triggered_by_list", r -> triggered(r, "list", true)),
                Endpoint.of("get_flows_triggered_by_segment", r -> triggered(r, "segment", false)),
                Endpoint.of("get_ids_for_flows_triggered_by_segment", r -> triggered(r, "segment", true)),
                Endpoint.of("get_flows_triggered_by_metric", r -> triggered(r, "metric", false)),
                Endpoint.of("get_ids_for_flows_triggered_by_metric", r -> triggered(r, "metric", true)));
    }

    private ApiResponse create(ApiRequest r) {
        return single(r, flow, service.create(r.accountId(), FlowInput.create(r.data(), schemas)), 201);
    }

    private ApiResponse single(ApiRequest r, ResourceKind kind, ResourceRow row, int status) {
        return new ApiResponse(status, Resources.single(renderer.resource(r.accountId(), kind, row, r.query())));
    }

    /** The flows one list, segment or metric triggers, in id order (the spec gives these no pages); 404 when it does not exist. */
    private ApiResponse triggered(ApiRequest r, String kind, boolean idsOnly) {
        String id = r.pathParam("id");
        if (!targets.exists(r.accountId(), kind, id)) {
            throw new ApiError(404, "not_found", "Not found.", "A " + kind + " with id '" + id + "' does not exist.",
                    ApiError.Source.parameter("id"), null);
        }
        List<ResourceRow> rows = service.triggered(r.accountId(), kind, List.of(id)).getOrDefault(id, List.of());
        List<ObjectNode> data = idsOnly ? rows.stream().map(x -> Resources.identifier(FlowKinds.FLOW, x.id())).toList()
                : renderer.resources(r.accountId(), flow, rows, r.query());
        return ApiResponse.ok(Resources.collection(data, links.collection(r.path(), r.query().raw(), Optional.empty(), Optional.empty())));
    }
}
