package dev.openprofile.resource;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.http.ApiRequest;
import dev.openprofile.http.ApiResponse;
import dev.openprofile.http.Endpoint;
import dev.openprofile.jsonapi.Links;
import dev.openprofile.jsonapi.Resources;
import dev.openprofile.jsonapi.filter.SqlFragment;
import dev.openprofile.store.Paging;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The HTTP of one declared kind: an endpoint per operation its declaration names. */
final class ResourceRoutes {
    private static final SqlFragment EVERY_ROW = new SqlFragment("true", List.of());
    private final ResourceKit kit;
    private final ResourceService service;
    private final ResourceKind kind;
    private final ResourceRenderer renderer;
    private final Links links;

    ResourceRoutes(ResourceKit kit, ResourceService service, ResourceRenderer renderer, Links links) {
        this.kit = kit;
        this.service = service;
        this.kind = service.kind();
        this.renderer = renderer;
        this.links = links;
    }

    List<Endpoint> endpoints() {
        ResourceKind.Operations ops = kind.operations();
        String sort = ops.defaultSort() == null ? "id" : ops.defaultSort();
        List<Endpoint> out = new ArrayList<>();
        if (ops.list() != null) out.add(Endpoint.of(ops.list(), r -> {
            kind.hooks().beforeList(r.accountId(), r.query());
            return page(r, service, EVERY_ROW, false);
        }).sortedBy(sort));
        if (ops.create() != null) out.add(Endpoint.of(ops.create(), this::create));
        if (ops.get() != null) out.add(Endpoint.of(ops.get(), this::get));
        if (ops.update() != null) out.add(Endpoint.of(ops.update(), this::update));
        if (ops.delete() != null) out.add(Endpoint.of(ops.delete(), this::delete));
        for (Map.Entry<String, ResourceKind.RelationshipOperations> e : ops.relationships().entrySet()) {
            Relationship rel = kind.relationship(e.getKey())
                    .orElseThrow(() -> new IllegalArgumentException(kind.type() + " has no relationship " + e.getKey()));
            ResourceKind.RelationshipOperations r = e.getValue();
            String targetSort = Optional.ofNullable(kit.kind(rel.target()).operations().defaultSort()).orElse("id");
            if (r.related() != null) out.add(Endpoint.of(r.related(), req -> related(req, rel, false)).sortedBy(targetSort));
            if (r.ids() != null) out.add(Endpoint.of(r.ids(), req -> related(req, rel, true)).sortedBy(targetSort));
            if (r.add() != null) out.add(Endpoint.of(r.add(), req -> links(req, rel, ResourceService.LinkChange.ADD)));
            if (r.replace() != null) out.add(Endpoint.of(r.replace(), req -> links(req, rel, ResourceService.LinkChange.REPLACE)));
            if (r.remove() != null) out.add(Endpoint.of(r.remove(), req -> links(req, rel, ResourceService.LinkChange.REMOVE)));
        }
        return out;
    }

    private ApiResponse page(ApiRequest r, ResourceService of, SqlFragment scope, boolean idsOnly) {
        return page(r, of, of.list(r.accountId(), r.query(), scope), idsOnly);
    }

    private ApiResponse page(ApiRequest r, ResourceService of, Paging.Page<ResourceStore.Paged> page, boolean idsOnly) {
        List<ResourceRow> rows = page.rows().stream().map(ResourceStore.Paged::row).toList();
        ObjectNode collectionLinks = links.collection(r.path(), r.query().raw(), page.next().map(c -> c.encode()),
                page.prev().map(c -> c.encode()));
        if (idsOnly) {
            return ApiResponse.ok(Resources.collection(rows.stream().map(x -> Resources.identifier(of.kind().type(), x.id())).toList(),
                    collectionLinks));
        }
        List<ObjectNode> data = renderer.resources(r.accountId(), of.kind(), rows, r.query());
        ObjectNode doc = Resources.collection(data, collectionLinks);
        renderer.include(r.accountId(), of.kind(), rows, data, r.query(), doc);
        return ApiResponse.ok(doc);
    }

    private ApiResponse single(ApiRequest r, ResourceRow row) {
        ObjectNode node = renderer.resource(r.accountId(), kind, row, r.query());
        ObjectNode doc = Resources.single(node);
        renderer.include(r.accountId(), kind, List.of(row), List.of(node), r.query(), doc);
        return ApiResponse.ok(doc);
    }

    private ApiResponse get(ApiRequest r) {
        return single(r, service.get(r.accountId(), r.pathParam("id")));
    }

    private ApiResponse create(ApiRequest r) {
        ResourceRow row = service.create(r.accountId(), ResourceInput.create(kind, r.data(), "/data"));
        // 201 unless the spec says otherwise (create_coupon_code answers 200).
        int status = r.operation().successStatuses().contains(201) ? 201 : r.operation().successStatuses().getFirst();
        return new ApiResponse(status, Resources.single(renderer.resource(r.accountId(), kind, row, r.query())));
    }

    private ApiResponse update(ApiRequest r) {
        ResourceRow row = service.update(r.accountId(), r.pathParam("id"), ResourceInput.update(kind, r.data(), "/data"));
        // update_tag and update_tag_group answer 204 with no body (the spec).
        return r.operation().successStatuses().contains(200) ? single(r, row) : ApiResponse.noContent();
    }

    private ApiResponse delete(ApiRequest r) {
        service.delete(r.accountId(), r.pathParam("id"));
        return ApiResponse.noContent();
    }

    /** The resources (or their ids) related to one resource of this kind; 404 when it does not exist. */
    private ApiResponse related(ApiRequest r, Relationship rel, boolean idsOnly) {
        String id = r.pathParam("id");
        ResourceRow owner = service.get(r.accountId(), id);
        ResourceService target = kit.service(rel.target());
        if (rel.toOne()) {
            String targetId = owner.toOne().get(rel.name());
            Optional<ResourceRow> t = targetId == null ? Optional.empty() : target.find(r.accountId(), targetId);
            ObjectNode data = t.map(x -> idsOnly ? Resources.identifier(rel.target(), x.id())
                    : renderer.resource(r.accountId(), target.kind(), x, r.query())).orElse(null);
            return ApiResponse.ok(Resources.single(data));
        }
        return page(r, target, target.listRelated(r.accountId(), r.query(), rel, id), idsOnly);
    }

    private ApiResponse links(ApiRequest r, Relationship rel, ResourceService.LinkChange change) {
        service.changeLinks(r.accountId(), r.pathParam("id"), rel, ResourceInput.identifiers(r.body(), rel.target()), change);
        return ApiResponse.noContent();
    }
}
