package dev.openprofile.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.auth.AccountStore;
import dev.openprofile.http.AdminEndpoint;
import dev.openprofile.http.ApiResponse;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.jsonapi.Rfc3339;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * {@code POST /admin/faults} {"account"?, "operation"?, "status"?, "rate"?, "count"?, "latency_ms"?} (201 with
 * the fault), {@code GET /admin/faults}, {@code DELETE /admin/faults/{id}} and {@code DELETE /admin/faults}.
 */
final class FaultAdminRoutes {
    /** The statuses Klaviyo answers when it fails or throttles: what an SDK's retry logic must meet. */
    static final Set<Integer> STATUSES = Set.of(429, 500, 502, 503, 504);
    private static final Set<String> MEMBERS = Set.of("account", "operation", "status", "rate", "count", "latency_ms");
    private static final long MAX_LATENCY_MS = 60_000;

    private final Faults faults;
    private final AccountStore accounts;
    private final Predicate<String> knownOperation;
    private final Clock clock;
    private final Supplier<String> ids;

    FaultAdminRoutes(Faults faults, AccountStore accounts, Predicate<String> knownOperation, Clock clock, Supplier<String> ids) {
        this.faults = faults;
        this.accounts = accounts;
        this.knownOperation = knownOperation;
        this.clock = clock;
        this.ids = ids;
    }

    List<AdminEndpoint> endpoints() {
        return List.of(
                new AdminEndpoint("POST", "/admin/faults", r -> {
                    Fault fault = parse(r.body());
                    faults.add(fault);
                    return ApiResponse.created(json(fault));
                }),
                new AdminEndpoint("GET", "/admin/faults", r -> {
                    ObjectNode out = Json.MAPPER.createObjectNode();
                    var data = out.putArray("data");
                    for (Fault f : faults.all()) data.add(json(f));
                    return ApiResponse.ok(out);
                }),
                new AdminEndpoint("DELETE", "/admin/faults/{id}", r -> {
                    if (!faults.remove(r.pathParams().get("id"))) {
                        throw new ApiError(404, "not_found", "Not found.", "No fault has the id '" + r.pathParams().get("id")
                                + "' (a fault with a count is removed once it is spent).", ApiError.Source.parameter("id"), null);
                    }
                    return ApiResponse.noContent();
                }),
                new AdminEndpoint("DELETE", "/admin/faults", r ->
                        ApiResponse.ok(Json.MAPPER.createObjectNode().put("deleted", faults.clear()))));
    }

    private Fault parse(JsonNode given) {
        JsonNode b = AdminInput.object(given, MEMBERS);
        String account = b.has("account") ? AdminInput.text(b, "account") : "default";
        String accountId = AdminInput.accountId(accounts, account, ApiError.Source.pointer("/account"));
        String operation = AdminInput.text(b, "operation");
        if (operation != null && !knownOperation.test(operation)) {
            throw ApiError.invalidPointer("/operation", "'" + operation + "' is not an operation id of the API (e.g. get_profiles).");
        }
        Long status = AdminInput.integer(b, "status", 0, 999);
        if (status != null && !STATUSES.contains(status.intValue())) {
            throw ApiError.invalidPointer("/status", "'status' must be one of 429, 500, 502, 503, 504.");
        }
        Long latency = AdminInput.integer(b, "latency_ms", 0, MAX_LATENCY_MS);
        if (status == null && (latency == null || latency == 0)) {
            throw ApiError.invalidPointer("/status", "'status' is required unless the fault only adds latency ('latency_ms' > 0).");
        }
        Long count = AdminInput.integer(b, "count", 1, Integer.MAX_VALUE);
        return new Fault(ids.get(), accountId, operation, status == null ? null : status.intValue(), rate(b),
                count == null ? null : count.intValue(), latency == null ? 0 : latency.intValue(), clock.instant());
    }

    private static double rate(JsonNode b) {
        JsonNode v = b.get("rate");
        if (v == null || v.isNull()) return 1.0;
        if (!v.isNumber() || v.asDouble() < 0 || v.asDouble() > 1) {
            throw ApiError.invalidPointer("/rate", "'rate' must be a number from 0 to 1 (the share of matching requests affected).");
        }
        return v.asDouble();
    }

    private ObjectNode json(Fault f) {
        String account = accounts.accountById(f.accountId()).map(AccountStore.Account::name).orElse(null);
        ObjectNode out = Json.MAPPER.createObjectNode().put("id", f.id()).put("account", account)
                .put("operation", f.operationId());
        if (f.status() == null) out.putNull("status");
        else out.put("status", f.status());
        out.put("rate", f.rate());
        if (f.remaining() == null) out.putNull("count");
        else out.put("count", f.remaining());
        return out.put("latency_ms", f.latencyMs())
                .put("created", Rfc3339.format(OffsetDateTime.ofInstant(f.created(), ZoneOffset.UTC)));
    }
}
