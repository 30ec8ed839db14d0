package dev.openprofile.webhooks;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.http.ApiRequest;
import dev.openprofile.http.ApiResponse;
import dev.openprofile.http.Endpoint;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.jsonapi.Links;
import dev.openprofile.jsonapi.Query;
import dev.openprofile.jsonapi.Resources;
import dev.openprofile.jsonapi.Rfc3339;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The Webhooks tag's seven operations: webhooks' CRUD and the read-only topic catalogue. */
final class WebhookRoutes {
    static final String PATH = "/api/webhooks";
    private final WebhookService service;
    private final WebhookInput input;
    private final Links links;

    WebhookRoutes(WebhookService service, WebhookInput input, Links links) {
        this.service = service;
        this.input = input;
        this.links = links;
    }

    List<Endpoint> endpoints() {
        return List.of(
                Endpoint.of("get_webhooks", r -> {
                    List<Webhook> all = service.all(r.accountId());
                    List<ObjectNode> data = all.stream().map(w -> resource(w, r.query())).toList();
                    ObjectNode doc = Resources.collection(data, links.collection(r.path(), r.query().raw(), Optional.empty(), Optional.empty()));
                    include(all, r.query(), doc);
                    return ApiResponse.ok(doc);
                }),
                Endpoint.of("create_webhook", r -> ApiResponse.created(Resources.single(
                        resource(service.create(r.accountId(), input.create(r.data())), r.query())))),
                Endpoint.of("get_webhook", r -> single(service.get(r.accountId(), r.pathParam("id")), r)),
                Endpoint.of("update_webhook", r -> {
                    WebhookInput.Changes changes = input.update(r.data());
                    if (!changes.id().equals(r.pathParam("id"))) throw ApiError.idMismatch(changes.id(), r.pathParam("id"));
                    return single(service.update(r.accountId(), changes.id(), changes), r);
                }),
                Endpoint.of("delete_webhook", r -> {
                    service.delete(r.accountId(), r.pathParam("id"));
                    return ApiResponse.noContent();
                }),
                Endpoint.of("get_webhook_topics", r -> ApiResponse.ok(Resources.collection(
                        WebhookTopics.ALL.stream().map(this::topic).toList(),
                        links.collection(r.path(), r.query().raw(), Optional.empty(), Optional.empty())))),
                Endpoint.of("get_webhook_topic", r -> {
                    String id = r.pathParam("id");
                    if (!WebhookTopics.exists(id)) {
                        throw new ApiError(404, "not_found", "Not found.", "A webhook topic with id '" + id + "' does not exist.",
                                ApiError.Source.parameter("id"), null);
                    }
                    return ApiResponse.ok(Resources.single(topic(id)));
                }));
    }

    private ApiResponse single(Webhook w, ApiRequest r) {
        ObjectNode doc = Resources.single(resource(w, r.query()));
        include(List.of(w), r.query(), doc);
        return ApiResponse.ok(doc);
    }

    /**
     * A webhook as the spec shows it: never its secret, and its endpoint URL "truncated for security" as Klaviyo
     * truncates it (the path and query masked as {@code /*****}). Its topics are shown as linkage: the spec has no
     * relationship endpoints for them to link to.
     */
    private ObjectNode resource(Webhook w, Query query) {
        ObjectNode attributes = Json.MAPPER.createObjectNode();
        attributes.put("name", w.name());
        attributes.put("description", w.description());
        attributes.put("endpoint_url", truncated(w.endpointUrl()));
        attributes.put("enabled", w.enabled());
        attributes.put("created_at", Rfc3339.format(w.created()));
        attributes.put("updated_at", Rfc3339.format(w.updated()));
        ObjectNode node = Resources.resource(WebhookInput.TYPE, w.id(), attributes, query, links.resource(PATH, w.id()));
        ArrayNode linkage = node.putObject("relationships").putObject("webhook-topics").putArray("data");
        w.topics().forEach(t -> linkage.add(Resources.identifier(WebhookTopics.TYPE, t)));
        node.set("links", node.remove("links"));
        return node;
    }

    private void include(List<Webhook> webhooks, Query query, ObjectNode doc) {
        if (!query.include().contains("webhook-topics")) return;
        Set<String> topics = new LinkedHashSet<>();
        webhooks.forEach(w -> topics.addAll(w.topics()));
        ArrayNode included = doc.putArray("included");
        topics.forEach(t -> included.add(topic(t)));
    }

    /** A topic has an id and no attributes (WebhookTopicResponseObjectResource). */
    private ObjectNode topic(String id) {
        ObjectNode node = Resources.identifier(WebhookTopics.TYPE, id);
        node.putObject("links").put("self", links.resource(WebhookTopics.PATH, id));
        return node;
    }

    static String truncated(String url) {
        URI uri = URI.create(url);
        // User info (a password in the URL) never shows.
        String origin = uri.getScheme().toLowerCase() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
        String path = uri.getRawPath();
        boolean more = path != null && !path.isEmpty() && !path.equals("/") || uri.getRawQuery() != null;
        return more ? origin + "/*****" : origin;
    }
}
