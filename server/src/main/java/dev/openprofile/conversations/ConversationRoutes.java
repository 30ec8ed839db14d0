package dev.openprofile.conversations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.http.ApiRequest;
import dev.openprofile.http.ApiResponse;
import dev.openprofile.http.Endpoint;
import dev.openprofile.jsonapi.Includer;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.jsonapi.Links;
import dev.openprofile.jsonapi.Query;
import dev.openprofile.jsonapi.Resources;
import java.util.List;
import java.util.Optional;

/** HTTP for the Conversations tag and a profile's conversations (to-many, and the to-one "its conversation"). */
public final class ConversationRoutes {
    static final String TYPE = "conversation";
    // The spec has no conversation endpoint of its own; self links name where one would be.
    private static final String PATH = "/api/conversations";

    private final ConversationService service;
    private final Links links;

    public ConversationRoutes(ConversationService service, Links links) {
        this.service = service;
        this.links = links;
    }

    public List<Endpoint> endpoints() {
        return List.of(
                Endpoint.of("get_conversations_for_profile", r -> collection(r, service.ofProfile(r.accountId(), r.pathParam("id"))
                        .stream().map(v -> resource(v, r.query())).toList())),
                Endpoint.of("get_conversation_ids_for_profile", r -> collection(r, service.ofProfile(r.accountId(), r.pathParam("id"))
                        .stream().map(v -> Resources.identifier(TYPE, v.id())).toList())),
                Endpoint.of("get_conversation_for_profile", r -> single(service.latestOf(r.accountId(), r.pathParam("id"))
                        .map(v -> resource(v, r.query())))),
                Endpoint.of("get_conversation_id_for_profile", r -> single(service.latestOf(r.accountId(), r.pathParam("id"))
                        .map(v -> Resources.identifier(TYPE, v.id())))),
                Endpoint.of("create_conversation_message", this::send));
    }

    /** include=conversations on a profile. */
    public Includer conversationsOfProfileIncluder() {
        return (accountId, profileId, query) -> service.ofProfile(accountId, profileId).stream()
                .map(v -> resource(v, query)).toList();
    }

    private ApiResponse send(ApiRequest r) {
        service.send(r.accountId(), MessageInput.parse(r.data()));
        return new ApiResponse(202, null);
    }

    private ApiResponse collection(ApiRequest r, List<ObjectNode> data) {
        return ApiResponse.ok(Resources.collection(data, links.collection(r.path(), r.query().raw(), Optional.empty(), Optional.empty())));
    }

    /** A to-one answer: the resource, or {@code "data": null} when the profile has no conversation. */
    private static ApiResponse single(Optional<ObjectNode> resource) {
        ObjectNode doc = Json.MAPPER.createObjectNode();
        if (resource.isPresent()) doc.set("data", resource.get());
        else doc.putNull("data");
        return ApiResponse.ok(doc);
    }

    private ObjectNode resource(Conversation v, Query query) {
        ObjectNode node = Resources.resource(TYPE, v.id(), Json.MAPPER.createObjectNode().put("channel", v.channel()),
                query, links.resource(PATH, v.id()));
        ObjectNode profile = node.putObject("relationships").putObject("profile");
        profile.set("data", Resources.identifier("profile", v.profileId()));
        profile.putObject("links").put("self", links.path(PATH + "/" + v.id() + "/relationships/profile"))
                .put("related", links.path(PATH + "/" + v.id() + "/profile"));
        node.set("links", node.remove("links"));
        return node;
    }
}
