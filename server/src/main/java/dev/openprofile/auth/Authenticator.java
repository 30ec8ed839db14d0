package dev.openprofile.auth;

import dev.openprofile.jsonapi.ApiError;

/** Turns an Authorization header into a Principal, with Klaviyo's 401 codes (semantics §1). */
public final class Authenticator {
    private static final String SCHEME = "Klaviyo-API-Key ";
    private final AccountStore store;

    public Authenticator(AccountStore store) {
        this.store = store;
    }

    public Principal authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            throw new ApiError(401, "not_authenticated", "Authentication credentials were not provided.",
                    "Missing or invalid authorization scheme. Please use Klaviyo-API-Key.",
                    ApiError.Source.pointer("/data/"), null);
        }
        String key = authorization.substring(SCHEME.length()).strip();
        return store.findActiveKey(ApiKeys.hash(key))
                .map(k -> new Principal(k.accountId(), k.scopes()))
                .orElseThrow(() -> new ApiError(401, "authentication_failed", "Incorrect authentication credentials.",
                        "Incorrect authentication credentials.", ApiError.Source.pointer("/data/"), null));
    }

    public static void requireScopes(Principal principal, Iterable<String> scopes) {
        for (String scope : scopes) {
            if (!principal.has(scope)) {
                throw new ApiError(403, "permission_denied", "You do not have permission to perform this action.",
                        "This API key is missing required scopes: " + scope + ".", ApiError.Source.pointer("/data/"), null);
            }
        }
    }
}
