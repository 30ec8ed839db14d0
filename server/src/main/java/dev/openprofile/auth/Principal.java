package dev.openprofile.auth;

import java.util.Set;

/** Who is calling: the account a key belongs to and the scopes it holds ("*" means every scope). */
public record Principal(String accountId, Set<String> scopes) {
    public static final String ALL_SCOPES = "*";

    /** A caller known by the account's public key (/client): it holds no scope, and client operations check none. */
    public static Principal publicKey(String accountId) {
        return new Principal(accountId, Set.of());
    }

    /**
     * Klaviyo's key settings offer read or full access per resource; full access ({@code x:write})
     * includes reading, so a write scope satisfies the matching read scope.
     */
    public boolean has(String scope) {
        if (scopes.contains(ALL_SCOPES) || scopes.contains(scope)) return true;
        return scope.endsWith(":read") && scopes.contains(scope.substring(0, scope.length() - 5) + ":write");
    }
}
