package dev.openprofile.tags;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.http.ApiRequest;
import dev.openprofile.http.ApiResponse;
import dev.openprofile.http.Endpoint;
import dev.openprofile.jsonapi.Links;
import dev.openprofile.jsonapi.Resources;
import dev.openprofile.resource.ResourceInput;
import dev.openprofile.resource.ResourceRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * HTTP for the links of tags, from the tag's side (an object kind's ids, tagging, untagging) and from the
 * object's (a list's tags and their ids). None of these operations pages (the spec gives them no page[size]).
 */
final class TagLinkRoutes {
    private final TagLinks links;
    private final Links urls;

    TagLinkRoutes(TagLinks links, Links urls) {
        this.links = links;
        this.urls = urls;
    }

    List<Endpoint> endpoints(List<TaggedKind> kinds) {
        List<Endpoint> out = new ArrayList<>();
        for (TaggedKind k : kinds) {
            out.add(Endpoint.of(k.idsOp(), r -> onePage(r, links.objectIds(r.accountId(), k, r.pathParam("id")).stream()
                    .map(id -> Resources.identifier(k.type(), id)).toList())));
            out.add(Endpoint.of(k.addOp(), r -> {
                links.add(r.accountId(), k, r.pathParam("id"), ResourceInput.identifiers(r.body(), k.type()));
                return ApiResponse.noContent();
            }));
            out.add(Endpoint.of(k.removeOp(), r -> {
                links.remove(r.accountId(), k, r.pathParam("id"), ResourceInput.identifiers(r.body(), k.type()));
                return ApiResponse.noContent();
            }));
            if (k.tagsOp() != null) out.add(Endpoint.of(k.tagsOp(), r -> onePage(r, links.render(r.accountId(),
                    links.tagsOf(r.accountId(), k, r.pathParam("id")), r.query()))));
            if (k.tagIdsOp() != null) out.add(Endpoint.of(k.tagIdsOp(), r -> onePage(r, links.tagsOf(r.accountId(), k, r.pathParam("id"))
                    .stream().map(ResourceRow::id).map(id -> Resources.identifier(TagKinds.TAG, id)).toList())));
        }
        return out;
    }

    private ApiResponse onePage(ApiRequest r, List<ObjectNode> data) {
        return ApiResponse.ok(Resources.collection(data, urls.collection(r.path(), r.query().raw(), Optional.empty(), Optional.empty())));
    }
}
