package dev.openprofile.operator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.auth.AccountStore;
import dev.openprofile.http.AdminAccounts;
import dev.openprofile.jsonapi.ApiError;
import java.util.Set;

/** Reading the operator routes' plain JSON bodies and query parameters: each mistake names its member. */
final class AdminInput {
    private AdminInput() {}

    /** The body as an object whose members are all among {@code allowed} (a misspelt member is an error, not ignored). */
    static JsonNode object(JsonNode body, Set<String> allowed) {
        if (body == null || !body.isObject()) throw ApiError.invalidPointer("/", "The body must be a JSON object.");
        for (var it = body.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!allowed.contains(name)) {
                throw ApiError.invalidPointer("/" + name, "'" + name + "' is not a member of this body; expected one of "
                        + String.join(", ", new java.util.TreeSet<>(allowed)) + ".");
            }
        }
        return body;
    }

    /** A whole number member in [min, max], null when absent. */
    static Long integer(JsonNode body, String name, long min, long max) {
        JsonNode v = body.get(name);
        if (v == null || v.isNull()) return null;
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < min || v.asLong() > max) {
            throw ApiError.invalidPointer("/" + name, "'" + name + "' must be a whole number from " + min + " to " + max + ".");
        }
        return v.asLong();
    }

    /** A text member, null when absent. */
    static String text(JsonNode body, String name) {
        JsonNode v = body.get(name);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual() || v.asText().isBlank()) throw ApiError.invalidPointer("/" + name, "'" + name + "' must be a non-empty string.");
        return v.asText();
    }

    /** The id of the account named {@code name}; 404 naming {@code source} when there is none. */
    static String accountId(AccountStore accounts, String name, ApiError.Source source) {
        return accounts.account(name).map(AccountStore.Account::accountId).orElseThrow(() -> AdminAccounts.unknown(name, source));
    }
}
