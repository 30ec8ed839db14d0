package dev.openprofile.auth;

import dev.openprofile.jsonapi.ApiError;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns an Authorization header into a Principal, with Klaviyo's 401 codes (semantics §1).
 *
 * <p>Valid keys are remembered for {@link #CACHE_TTL}: a key lookup would otherwise be a database
 * round trip on every request, as costly as a simple read itself. The price is that a revoked key
 * keeps working on a node for at most that long (docs/compatibility.md). Unknown keys are never
 * cached, so a new key works at once and random keys cannot fill the memory.
 */
public final class Authenticator {
    static final Duration CACHE_TTL = Duration.ofSeconds(5);
    private static final int CACHE_LIMIT = 10_000;
    private static final String SCHEME = "Klaviyo-API-Key ";
    public static final String COMPANY_ID = "company_id";

    private record Cached(Principal principal, Instant expires) {}

    private final AccountStore store;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final Map<String, Cached> publicCache = new ConcurrentHashMap<>();

    public Authenticator(AccountStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public Principal authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            throw new ApiError(401, "not_authenticated", "Authentication credentials were not provided.",
                    "Missing or invalid authorization scheme. Please use Klaviyo-API-Key.",
                    ApiError.Source.pointer("/data/"), null);
        }
        // Cached by the key itself (it travels in every request anyway): a hit costs no hashing.
        String cacheKey = authorization.substring(SCHEME.length()).strip();
        Instant now = clock.instant();
        Cached cached = cache.get(cacheKey);
        if (cached != null && now.isBefore(cached.expires())) return cached.principal();
        Principal principal = store.findActiveKey(ApiKeys.hash(cacheKey))
                .map(k -> new Principal(k.accountId(), k.scopes()))
                .orElseThrow(() -> {
                    cache.remove(cacheKey);
                    return new ApiError(401, "authentication_failed", "Incorrect authentication credentials.",
                            "Incorrect authentication credentials.", ApiError.Source.pointer("/data/"), null);
                });
        if (cache.size() >= CACHE_LIMIT) cache.clear();
        cache.put(cacheKey, new Cached(principal, now.plus(CACHE_TTL)));
        return principal;
    }

    /**
     * The account whose public key (company id) a /client request names (semantics §1). Klaviyo answers an
     * unknown one with 400 "Invalid Company ID" (observed); the source names the parameter. Remembered
     * like private keys: client endpoints take the heaviest traffic (350 requests/s).
     */
    public Principal authenticatePublic(String companyId) {
        Instant now = clock.instant();
        Cached cached = publicCache.get(companyId);
        if (cached != null && now.isBefore(cached.expires())) return cached.principal();
        Principal principal = store.accountOfPublicKey(companyId).map(Principal::publicKey).orElseThrow(() -> {
            publicCache.remove(companyId);
            return ApiError.invalidParameter(COMPANY_ID, "Invalid Company ID");
        });
        if (publicCache.size() >= CACHE_LIMIT) publicCache.clear();
        publicCache.put(companyId, new Cached(principal, now.plus(CACHE_TTL)));
        return principal;
    }

    /** The server's default account, for the one client operation whose company id is optional. */
    public Principal defaultAccount() {
        return store.account(AccountStore.DEFAULT_ACCOUNT).map(a -> Principal.publicKey(a.accountId()))
                .orElseThrow(() -> ApiError.invalidParameter(COMPANY_ID, "'company_id' is a required query parameter."));
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
