package dev.openprofile.flows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.http.Endpoint;
import dev.openprofile.jsonapi.BatchIncluder;
import dev.openprofile.jsonapi.Links;
import dev.openprofile.jsonapi.RequestSchemas;
import dev.openprofile.resource.ResourceKit;
import dev.openprofile.resource.ResourceRenderer;
import dev.openprofile.resource.ResourceService;
import dev.openprofile.store.Jdbc;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The flows feature as App wires it: flows, flow actions and flow messages registered in the kit, the writes of
 * their definitions, and the flow triggers of lists, segments and metrics (the endpoints and {@code include}).
 */
public final class Flows {
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * Whether the list, segment or metric ({@code kind}) of a trigger, or the template a message names, exists in the
     * account: their features answer.
     */
    @FunctionalInterface
    public interface TriggerTargets {
        boolean exists(String accountId, String kind, String id);
    }

    private final FlowService service;
    private final FlowRoutes routes;
    private final ResourceRenderer renderer;
    private final ResourceService flows;

    private Flows(FlowService service, FlowRoutes routes, ResourceRenderer renderer, ResourceService flows) {
        this.service = service;
        this.routes = routes;
        this.renderer = renderer;
        this.flows = flows;
    }

    /** @param flowIds flow ids, Klaviyo-like (6 letters and digits, "XVTP5Q") */
    public static Flows register(ResourceKit kit, Jdbc jdbc, Links links, Supplier<String> flowIds, TriggerTargets targets,
                                 RequestSchemas schemas) {
        ResourceService flows = kit.register(FlowKinds.flow(flowIds, new FlowHooks(jdbc)));
        ResourceService actions = kit.register(FlowKinds.action(Flows::numericId));
        ResourceService messages = kit.register(FlowKinds.message(Flows::numericId));
        FlowService service = new FlowService(jdbc, flows, actions, messages, targets);
        ResourceRenderer renderer = kit.renderer();
        return new Flows(service, new FlowRoutes(service, FlowSchemas.of(schemas), targets, renderer, flows.kind(), actions.kind(), links), renderer, flows);
    }

    /** The endpoints the kit does not serve (it serves the reads and delete_flow from the declarations). */
    public List<Endpoint> endpoints() {
        return routes.endpoints();
    }

    /** {@code include=flow-triggers} on lists, segments or metrics ({@code kind}): the flows each triggers. */
    public BatchIncluder triggersOf(String kind) {
        return (accountId, ownerIds, query) -> {
            Map<String, List<ObjectNode>> out = new LinkedHashMap<>();
            service.triggered(accountId, kind, ownerIds).forEach((owner, rows) ->
                    out.put(owner, renderer.resources(accountId, flows.kind(), rows, query)));
            return out;
        };
    }

    /** Of some flow ids, those the account does not have (for tagging). */
    public List<String> unknownIds(String accountId, List<String> ids) {
        return service.unknownIds(accountId, ids);
    }

    /** Klaviyo's flow action and message ids are numbers ("123" in the spec's examples). */
    static String numericId() {
        return Long.toString(100_000_000L + (RANDOM.nextLong() & Long.MAX_VALUE) % 900_000_000L);
    }
}
