package dev.openprofile.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.auth.AccountStore;
import dev.openprofile.auth.ApiKeys;
import dev.openprofile.auth.Principal;
import dev.openprofile.http.AdminAccounts;
import dev.openprofile.http.AdminEndpoint;
import dev.openprofile.http.ApiResponse;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.jsonapi.Rfc3339;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * An account's private keys over the admin API, as {@code openprofile keys} manages them: {@code GET
 * /admin/accounts/{name}/keys} (never the keys, only what names them), {@code POST} with {@code {"label"?,
 * "scopes"?: [...]}} (201; the new key in {@code key}, the one time it is ever shown) and {@code DELETE
 * /admin/accounts/{name}/keys/{key_id}} (revoke: at once for new requests, within the key cache's seconds for one
 * in use).
 */
public final class KeyAdminRoutes {
    private static final String KEYS = "/admin/accounts/{name}/keys";
    private static final Set<String> MEMBERS = Set.of("label", "scopes");
    private static final int MAX_LABEL = 200;
    private final AccountStore accounts;
    private final Supplier<String> ids;

    public KeyAdminRoutes(AccountStore accounts, Supplier<String> ids) {
        this.accounts = accounts;
        this.ids = ids;
    }

    public List<AdminEndpoint> endpoints() {
        return List.of(
                new AdminEndpoint("GET", KEYS, r -> {
                    AccountStore.Account account = account(r);
                    ObjectNode out = Json.MAPPER.createObjectNode();
                    ArrayNode keys = out.putArray("keys");
                    keysOf(account).forEach(k -> keys.add(json(k)));
                    return ApiResponse.ok(out);
                }),
                new AdminEndpoint("POST", KEYS, r -> {
                    AccountStore.Account account = account(r);
                    JsonNode body = r.body() == null ? Json.MAPPER.createObjectNode() : r.body();
                    if (!body.isObject()) throw ApiError.invalidPointer("/", "Send {\"label\": ..., \"scopes\": [...]} (both optional).");
                    body.fieldNames().forEachRemaining(name -> {
                        if (!MEMBERS.contains(name)) throw ApiError.invalidPointer("/" + name, "Unknown member '" + name + "': only 'label' and 'scopes' are read.");
                    });
                    String label = label(body.get("label"));
                    Set<String> scopes = scopes(body.get("scopes"));
                    String key = ApiKeys.newPrivateKey();
                    String keyId = ids.get();
                    accounts.insertKey(account.accountId(), keyId, ApiKeys.hash(key), label, scopes);
                    AccountStore.KeyInfo created = keysOf(account).stream().filter(k -> k.keyId().equals(keyId)).findFirst().orElseThrow();
                    return ApiResponse.created(json(created).put("key", key));
                }),
                new AdminEndpoint("DELETE", KEYS + "/{key_id}", r -> {
                    AccountStore.Account account = account(r);
                    String keyId = r.pathParams().get("key_id");
                    // Only this account's keys: a key id of another account is answered as a missing one.
                    boolean active = keysOf(account).stream().anyMatch(k -> k.keyId().equals(keyId) && k.revoked() == null);
                    if (!active || !accounts.revoke(keyId)) {
                        throw new ApiError(404, "not_found", "Not found.", "Account '" + account.name()
                                + "' has no active key with id '" + keyId + "'.", ApiError.Source.parameter("key_id"), null);
                    }
                    return ApiResponse.noContent();
                }));
    }

    private AccountStore.Account account(AdminEndpoint.Request r) {
        String name = r.pathParams().get("name");
        return accounts.account(name).orElseThrow(() -> AdminAccounts.unknown(name, ApiError.Source.parameter("name")));
    }

    private List<AccountStore.KeyInfo> keysOf(AccountStore.Account account) {
        return accounts.listKeys(account.accountId());
    }

    private static String label(JsonNode given) {
        if (given == null || given.isNull()) return "created by the admin API";
        if (!given.isTextual() || given.asText().isBlank() || given.asText().length() > MAX_LABEL) {
            throw ApiError.invalidPointer("/label", "'label' must be a string of 1 to " + MAX_LABEL + " characters.");
        }
        return given.asText().strip();
    }

    /** Absent: every scope, as {@code keys create} without {@code --scopes}. */
    private static Set<String> scopes(JsonNode given) {
        if (given == null || given.isNull()) return Set.of(Principal.ALL_SCOPES);
        if (!given.isArray() || given.isEmpty()) {
            throw ApiError.invalidPointer("/scopes", "'scopes' must be a non-empty array of scopes, e.g. [\"profiles:read\"], or [\"*\"] for every scope.");
        }
        Set<String> scopes = new LinkedHashSet<>();
        for (int i = 0; i < given.size(); i++) {
            JsonNode s = given.get(i);
            if (!s.isTextual() || !ApiKeys.isScope(s.asText())) {
                throw ApiError.invalidPointer("/scopes/" + i, "'" + s.asText() + "' is not a scope (expected e.g. profiles:read, or *).");
            }
            scopes.add(s.asText());
        }
        return scopes;
    }

    private static ObjectNode json(AccountStore.KeyInfo k) {
        ObjectNode out = Json.MAPPER.createObjectNode().put("id", k.keyId()).put("label", k.label());
        ArrayNode scopes = out.putArray("scopes");
        k.scopes().stream().sorted().forEach(scopes::add);
        return out.put("created", Rfc3339.format(k.created())).put("revoked", Rfc3339.format(k.revoked()));
    }
}
