package dev.openprofile.clientconfig;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.http.ApiRequest;
import dev.openprofile.http.ApiResponse;
import dev.openprofile.http.Endpoint;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.jsonapi.Links;
import dev.openprofile.jsonapi.Resources;
import dev.openprofile.store.Paging;
import java.util.List;

/** get_client_geofences and get_client_ip_allowlist: what the operator configured for the account. */
public final class ClientConfigRoutes {
    private final ClientConfigService service;
    private final Links links;

    public ClientConfigRoutes(ClientConfigService service, Links links) {
        this.service = service;
        this.links = links;
    }

    public List<Endpoint> endpoints() {
        return List.of(
                Endpoint.of("get_client_geofences", this::geofences),
                Endpoint.of("get_client_ip_allowlist", this::ipAllowlist));
    }

    /** The point comes in the X-Klaviyo-API-Filters header ("lat and long are sensitive information", spec). */
    private ApiResponse geofences(ApiRequest r) {
        GeofenceFilter.Point point = GeofenceFilter.parse(r.header(GeofenceFilter.HEADER));
        Paging.Page<ClientConfigStore.Row> page = service.geofences(r.accountId(), point.lat(), point.lng(),
                r.query().cursor(), r.query().pageSize());
        List<ObjectNode> data = page.rows().stream().map(row -> {
            Geofence g = row.geofence();
            ObjectNode a = Json.MAPPER.createObjectNode().put("latitude", g.latitude()).put("longitude", g.longitude())
                    .put("radius", g.radius());
            return Resources.resource("geofence", g.id(), a, r.query(), links.resource("/client/geofences", g.id()));
        }).toList();
        return ApiResponse.ok(Resources.collection(data, links.collection(r.path(), r.query().raw(),
                page.next().map(c -> c.encode()), page.prev().map(c -> c.encode()))));
    }

    /** The singleton integration-egress list; 404 for any other id, and until the operator sets one. */
    private ApiResponse ipAllowlist(ApiRequest r) {
        String id = r.pathParam("id");
        if (!IpAllowlist.ID.equals(id)) {
            throw notFound("IP allow list '" + id + "' does not exist; the one list is '" + IpAllowlist.ID + "'.");
        }
        IpAllowlist list = service.ipAllowlist(r.accountId())
                .orElseThrow(() -> notFound("No IP allow list is configured for this account."));
        ObjectNode a = Json.MAPPER.createObjectNode();
        list.prefixes().forEach(a.putArray("prefixes")::add);
        a.put("sync_token", list.syncToken()).put("created", dev.openprofile.jsonapi.Rfc3339.format(list.created()));
        String self = links.path("/client/ip-allowlists/" + IpAllowlist.ID);
        ObjectNode doc = Resources.single(Resources.resource("ip-allowlist", IpAllowlist.ID, a, r.query(), self));
        doc.putObject("links").put("self", self);
        return ApiResponse.ok(doc);
    }

    private static ApiError notFound(String detail) {
        return new ApiError(404, "not_found", "Not found.", detail, ApiError.Source.parameter("id"), null);
    }
}
