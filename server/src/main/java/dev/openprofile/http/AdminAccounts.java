package dev.openprofile.http;

import dev.openprofile.jsonapi.ApiError;
import java.util.Optional;

/**
 * The admin API's accounts, named as in {@code openprofile keys create --account NAME}: a name to its account
 * id, and the one 404 every admin route answers for a name no account has.
 */
@FunctionalInterface
public interface AdminAccounts {
    Optional<String> idOf(String name);

    /** The id of the account named {@code name}; the 404 naming {@code source} when there is none. */
    default String require(String name, ApiError.Source source) {
        return idOf(name).orElseThrow(() -> unknown(name, source));
    }

    static ApiError unknown(String name, ApiError.Source source) {
        return new ApiError(404, "not_found", "Not found.", "No account is named '" + name + "'.", source, null);
    }
}
