package dev.openprofile.clientconfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.http.AdminAccounts;
import dev.openprofile.http.AdminEndpoint;
import dev.openprofile.http.ApiResponse;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.jsonapi.Rfc3339;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The operator's side: {@code GET | PUT | DELETE /admin/accounts/{name}/geofences} (body
 * {@code {"geofences": [{"id"?, "latitude", "longitude", "radius"}]}}, replacing them all) and
 * {@code GET | PUT | DELETE /admin/accounts/{name}/ip-allowlists} (body {@code {"prefixes": ["192.0.2.0/24"]}}).
 */
public final class ClientConfigAdminRoutes {
    private static final Pattern CIDR = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)/(3[0-2]|[12]?\\d)");
    private static final Pattern GEOFENCE_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

    private final ClientConfigService service;
    private final AdminAccounts accounts;
    private final Supplier<String> ids;

    public ClientConfigAdminRoutes(ClientConfigService service, AdminAccounts accounts,
                                   Supplier<String> ids) {
        this.service = service;
        this.accounts = accounts;
        this.ids = ids;
    }

    public List<AdminEndpoint> endpoints() {
        String geofences = "/admin/accounts/{name}/geofences";
        String allowlist = "/admin/accounts/{name}/ip-allowlists";
        return List.of(
                new AdminEndpoint("GET", geofences, r -> ApiResponse.ok(geofencesJson(service.allGeofences(account(r))))),
                new AdminEndpoint("PUT", geofences, r -> {
                    String account = account(r);
                    service.replaceGeofences(account, parseGeofences(r.body()));
                    return ApiResponse.ok(geofencesJson(service.allGeofences(account)));
                }),
                new AdminEndpoint("DELETE", geofences, r -> {
                    service.replaceGeofences(account(r), List.of());
                    return ApiResponse.noContent();
                }),
                new AdminEndpoint("GET", allowlist, r -> ApiResponse.ok(allowlistJson(service.ipAllowlist(account(r))
                        .orElseThrow(() -> new ApiError(404, "not_found", "Not found.",
                                "No IP allow list is configured for this account.", null, null))))),
                new AdminEndpoint("PUT", allowlist, r -> ApiResponse.ok(allowlistJson(
                        service.putIpAllowlist(account(r), parsePrefixes(r.body()))))),
                new AdminEndpoint("DELETE", allowlist, r -> {
                    service.deleteIpAllowlist(account(r));
                    return ApiResponse.noContent();
                }));
    }

    private String account(AdminEndpoint.Request r) {
        String name = r.pathParams().get("name");
        return accounts.require(name, ApiError.Source.parameter("name"));
    }

    private List<Geofence> parseGeofences(JsonNode body) {
        JsonNode list = body == null ? null : body.get("geofences");
        if (list == null || !list.isArray()) throw ApiError.invalidPointer("/geofences", "'geofences' must be an array.");
        List<Geofence> out = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String base = "/geofences/" + i;
            JsonNode g = list.get(i);
            JsonNode id = g.get("id");
            if (id != null && !(id.isTextual() && GEOFENCE_ID.matcher(id.asText()).matches())) {
                throw ApiError.invalidPointer(base + "/id", "'id' must be 1 to 64 letters, digits or _ . : -");
            }
            String gid = id == null ? ids.get() : id.asText();
            if (!seen.add(gid)) throw ApiError.invalidPointer(base + "/id", "'" + gid + "' is given twice.");
            out.add(new Geofence(gid, number(g, "latitude", base, 90), number(g, "longitude", base, 180),
                    radius(g, base)));
        }
        return out;
    }

    private static double number(JsonNode g, String key, String base, double limit) {
        JsonNode v = g.get(key);
        if (v == null || !v.isNumber() || Math.abs(v.asDouble()) > limit) {
            throw ApiError.invalidPointer(base + "/" + key, "'" + key + "' must be a number between -" + (int) limit
                    + " and " + (int) limit + ".");
        }
        return v.asDouble();
    }

    private static double radius(JsonNode g, String base) {
        JsonNode v = g.get("radius");
        if (v == null || !v.isNumber() || v.asDouble() <= 0) {
            throw ApiError.invalidPointer(base + "/radius", "'radius' must be a positive number of metres.");
        }
        return v.asDouble();
    }

    private static List<String> parsePrefixes(JsonNode body) {
        JsonNode list = body == null ? null : body.get("prefixes");
        if (list == null || !list.isArray()) throw ApiError.invalidPointer("/prefixes", "'prefixes' must be an array.");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode p = list.get(i);
            if (!p.isTextual() || !CIDR.matcher(p.asText()).matches()) {
                throw ApiError.invalidPointer("/prefixes/" + i, "Each prefix is an IPv4 range in CIDR notation, e.g. 192.0.2.0/24.");
            }
            out.add(p.asText());
        }
        return out;
    }

    private static ObjectNode geofencesJson(List<Geofence> geofences) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        var array = out.putArray("geofences");
        for (Geofence g : geofences) {
            array.addObject().put("id", g.id()).put("latitude", g.latitude()).put("longitude", g.longitude())
                    .put("radius", g.radius());
        }
        return out;
    }

    private static ObjectNode allowlistJson(IpAllowlist list) {
        ObjectNode out = Json.MAPPER.createObjectNode().put("id", IpAllowlist.ID);
        list.prefixes().forEach(out.putArray("prefixes")::add);
        return out.put("sync_token", list.syncToken()).put("created", Rfc3339.format(list.created()));
    }
}
