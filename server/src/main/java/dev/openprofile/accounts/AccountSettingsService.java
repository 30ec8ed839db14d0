package dev.openprofile.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.auth.AccountStore;
import dev.openprofile.auth.AccountStore.Account;
import dev.openprofile.consent.UnsubscribeScope;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Json;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads and changes account settings, for the admin API and the CLI alike, so that both refuse the
 * same values with the same words. Nothing is cached: every node reads the account table.
 */
public final class AccountSettingsService {
    static final String UNSUBSCRIBE_SCOPE = "unsubscribe_scope";

    private final AccountStore accounts;

    public AccountSettingsService(AccountStore accounts) {
        this.accounts = accounts;
    }

    public List<Account> all() {
        return accounts.accounts();
    }

    /** The named account; 404 when there is none. */
    public Account get(String name) {
        return accounts.account(name).orElseThrow(() -> unknown(name));
    }

    /**
     * Applies {@code patch}, a JSON object of the settings to change (only {@code unsubscribe_scope}
     * so far), and returns the account as it is now. A setting that cannot be changed or a bad value
     * is a 400 pointing at it; no such account, a 404.
     */
    public Account update(String name, JsonNode patch) {
        if (patch == null || !patch.isObject()) {
            throw ApiError.invalidPointer("/", "The body must be a JSON object of the settings to change.");
        }
        for (String key : (Iterable<String>) patch::fieldNames) {
            if (!key.equals(UNSUBSCRIBE_SCOPE)) {
                throw ApiError.invalidPointer("/" + key.replace("~", "~0").replace("/", "~1"),
                        "'" + key + "' is not a setting that can be changed; the settings are: " + UNSUBSCRIBE_SCOPE + ".");
            }
        }
        JsonNode scope = patch.get(UNSUBSCRIBE_SCOPE);
        if (scope == null) return get(name);
        UnsubscribeScope parsed = UnsubscribeScope.fromWire(scope.isTextual() ? scope.asText() : null)
                .orElseThrow(() -> ApiError.invalidPointer("/" + UNSUBSCRIBE_SCOPE,
                        "'" + UNSUBSCRIBE_SCOPE + "' must be " + choices() + "; got " + scope + "."));
        return accounts.setUnsubscribeScope(name, parsed.wire).orElseThrow(() -> unknown(name));
    }

    /** An account as the admin API and {@code openprofile accounts show} print it. */
    public static ObjectNode json(Account a) {
        return Json.MAPPER.createObjectNode().put("name", a.name()).put("account_id", a.accountId())
                .put("public_key", a.publicKey()).put("default_opt_in", a.defaultOptIn())
                .put(UNSUBSCRIBE_SCOPE, a.unsubscribeScope());
    }

    private static String choices() {
        return Arrays.stream(UnsubscribeScope.values()).map(s -> "'" + s.wire + "'").collect(Collectors.joining(" or "));
    }

    private static ApiError unknown(String name) {
        return new ApiError(404, "not_found", "Not found.", "No account is named '" + name + "'.",
                ApiError.Source.parameter("name"), null);
    }
}
