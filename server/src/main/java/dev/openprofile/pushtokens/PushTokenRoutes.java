package dev.openprofile.pushtokens;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.http.ApiRequest;
import dev.openprofile.http.ApiResponse;
import dev.openprofile.http.Endpoint;
import dev.openprofile.jsonapi.Includer;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.jsonapi.Links;
import dev.openprofile.jsonapi.Resources;
import dev.openprofile.profiles.Profile;
import dev.openprofile.profiles.ProfileDescriptor;
import dev.openprofile.profiles.ProfileService;
import dev.openprofile.store.Paging;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** HTTP for the Push Tokens subtag and the profile-side push-token operations (a profile's tokens). */
public final class PushTokenRoutes {
    private final PushTokenService service;
    private final ProfileService profiles;
    private final Links links;

    public PushTokenRoutes(PushTokenService service, ProfileService profiles, Links links) {
        this.service = service;
        this.profiles = profiles;
        this.links = links;
    }

    public List<Endpoint> endpoints() {
        return List.of(
                Endpoint.of("get_push_tokens", this::list).sortedBy("id"),
                // "The maximum allowed payload size is 100KB" (spec).
                Endpoint.of("create_push_token", this::create).limitBody(Endpoint.PROFILE_LIMIT),
                Endpoint.of("get_push_token", this::get),
                Endpoint.of("delete_push_token", this::delete),
                Endpoint.of("get_profile_for_push_token", this::profile),
                Endpoint.of("get_profile_id_for_push_token", this::profileId),
                Endpoint.of("get_push_tokens_for_profile", this::tokensOfProfile),
                Endpoint.of("get_push_token_ids_for_profile", this::tokenIdsOfProfile),
                // The mobile SDKs' calls, behind the client gate (public key in company_id).
                Endpoint.of("create_client_push_token", this::createFromClient).limitBody(Endpoint.PROFILE_LIMIT),
                Endpoint.of("unregister_client_push_token", this::unregister).limitBody(Endpoint.PROFILE_LIMIT));
    }

    /** include=push-tokens on a profile. */
    public Includer tokensOfProfileIncluder() {
        return (accountId, profileId, query) -> service.ofProfiles(accountId, List.of(profileId)).stream()
                .map(t -> PushTokenDescriptor.resource(t, query, links)).toList();
    }

    private ApiResponse list(ApiRequest r) {
        Paging.Page<PushTokenStore.Row> page = service.list(r.accountId(), r.query());
        List<PushToken> tokens = page.rows().stream().map(PushTokenStore.Row::token).toList();
        ObjectNode doc = Resources.collection(tokens.stream().map(t -> PushTokenDescriptor.resource(t, r.query(), links)).toList(),
                links.collection(r.path(), r.query().raw(), page.next().map(c -> c.encode()), page.prev().map(c -> c.encode())));
        include(r, doc, tokens);
        return ApiResponse.ok(doc);
    }

    private ApiResponse create(ApiRequest r) {
        service.register(r.accountId(), PushTokenInput.create(r.data(), PushTokenInput.Side.SERVER));
        return ApiResponse.accepted();
    }

    /** As create_push_token, except that the profile's identifiers are never changed (semantics §14). */
    private ApiResponse createFromClient(ApiRequest r) {
        service.register(r.accountId(), PushTokenInput.create(r.data(), PushTokenInput.Side.CLIENT));
        return ApiResponse.accepted();
    }

    private ApiResponse unregister(ApiRequest r) {
        service.unregister(r.accountId(), PushTokenInput.unregister(r.data()));
        return ApiResponse.accepted();
    }

    private ApiResponse get(ApiRequest r) {
        PushToken t = service.get(r.accountId(), r.pathParam("id"));
        ObjectNode doc = Resources.single(PushTokenDescriptor.resource(t, r.query(), links));
        include(r, doc, List.of(t));
        return ApiResponse.ok(doc);
    }

    private ApiResponse delete(ApiRequest r) {
        service.delete(r.accountId(), r.pathParam("id"));
        return ApiResponse.noContent();
    }

    private ApiResponse profile(ApiRequest r) {
        Profile p = service.profileOf(r.accountId(), service.get(r.accountId(), r.pathParam("id")));
        return ApiResponse.ok(Resources.single(profiles.resources(r.accountId(), List.of(p), r.query(), links).get(0)));
    }

    private ApiResponse profileId(ApiRequest r) {
        PushToken t = service.get(r.accountId(), r.pathParam("id"));
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.set("data", ProfileDescriptor.identifier(t.profileId()));
        doc.putObject("links").put("self", links.path(r.path()));
        return ApiResponse.ok(doc);
    }

    private ApiResponse tokensOfProfile(ApiRequest r) {
        List<ObjectNode> data = service.ofProfile(r.accountId(), r.pathParam("id")).stream()
                .map(t -> PushTokenDescriptor.resource(t, r.query(), links)).toList();
        return ApiResponse.ok(Resources.collection(data, onePage(r)));
    }

    private ApiResponse tokenIdsOfProfile(ApiRequest r) {
        List<ObjectNode> data = service.ofProfile(r.accountId(), r.pathParam("id")).stream()
                .map(t -> PushTokenDescriptor.identifier(t.id())).toList();
        return ApiResponse.ok(Resources.collection(data, onePage(r)));
    }

    /** include=profile: each token's profile once. */
    private void include(ApiRequest r, ObjectNode doc, List<PushToken> tokens) {
        if (!r.query().include().contains("profile")) return;
        ArrayNode included = doc.putArray("included");
        Set<String> ids = new LinkedHashSet<>(tokens.stream().map(PushToken::profileId).toList());
        List<Profile> found = ids.stream().flatMap(id -> profiles.find(r.accountId(), id).stream()).toList();
        profiles.resources(r.accountId(), found, r.query(), links).forEach(included::add);
    }

    private ObjectNode onePage(ApiRequest r) {
        return links.collection(r.path(), r.query().raw(), Optional.empty(), Optional.empty());
    }
}
