package dev.openprofile.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.auth.Authenticator;
import dev.openprofile.auth.Principal;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Operation;
import dev.openprofile.jsonapi.Query;
import dev.openprofile.jsonapi.QueryParser;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks a /client request passes instead of {@link Gate}'s (semantics §1, §14): revision, then the
 * account of the public key in {@code company_id} and its rate limit; a private key is refused and no scope is checked, since
 * browsers and mobile apps call these with nothing secret. Query, body and handler as for /api.
 */
final class ClientGate {
    /** The spec's one operation whose revision header is optional; absent, it is served as today's revision. */
    private static final Set<String> REVISION_OPTIONAL = Set.of("get_client_ip_allowlist");
    private static final String PRIVATE_SCHEME = "Klaviyo-API-Key";
    /**
     * Klaviyo's own server SDKs call this one with their private key (the Node SDK's ClientApi applies its
     * ApiKeySession to it): the integration-egress list is for server-side integrations, public and read-only,
     * so the key is accepted here, and names the account when company_id (optional here) does not.
     */
    private static final Set<String> PRIVATE_KEY_ACCEPTED = Set.of("get_client_ip_allowlist");

    private final Revision revision;
    private final Authenticator authenticator;
    private final FaultInjection faults;
    private final Throttle throttle;

    ClientGate(Revision revision, Authenticator authenticator, FaultInjection faults, Throttle throttle) {
        this.revision = revision;
        this.authenticator = authenticator;
        this.faults = faults;
        this.throttle = throttle;
    }

    void handle(Context ctx, Operation op, Endpoint endpoint) throws Exception {
        String revisionHeader = ctx.header("revision");
        if (revisionHeader != null || !REVISION_OPTIONAL.contains(op.id())) revision.check(revisionHeader);
        String authorization = ctx.header("Authorization");
        boolean privateKey = authorization != null
                && authorization.regionMatches(true, 0, PRIVATE_SCHEME, 0, PRIVATE_SCHEME.length());
        // Any credential, not only a Klaviyo-API-Key: an OAuth bearer token or a bare pk_ is as secret.
        if (authorization != null && !PRIVATE_KEY_ACCEPTED.contains(op.id())) throw privateKeyRefused();
        List<Map.Entry<String, String>> params = Gate.rawQuery(ctx.queryString());
        Principal principal = principal(op, params, privateKey ? authorization : null);
        throttle.check(ctx, principal.accountId(), op, params);
        faults.authenticated(ctx, principal.accountId(), op.id());
        Query query = QueryParser.parse(op, params, endpoint.defaultSort());
        JsonNode body = op.hasBody() ? Gate.body(ctx, endpoint.maxBodyBytes()) : null;
        MultipartForm form = null; // no /client operation takes a form
        ApiResponse response = endpoint.call(
                new ApiRequest(principal, op, ctx.pathParamMap(), query, body, form, ctx.path(), ctx::header));
        HttpServer.writeJson(ctx, response.status(), response.body());
    }

    /**
     * Klaviyo's client endpoints "do not accept private keys" (overview): a page that sends one leaks it to
     * every visitor, so a request with any Authorization header is refused rather than served, saying why.
     */
    private static ApiError privateKeyRefused() {
        return new ApiError(403, "permission_denied", "You do not have permission to perform this action.",
                "Client endpoints do not accept private keys or any other credential: send only the public key "
                        + "(company_id) and no Authorization header, and never expose a private key in a browser or app.",
                ApiError.Source.parameter("Authorization"), null);
    }

    /** @param privateKey the Authorization header of an operation that accepts a private key, or null */
    private Principal principal(Operation op, List<Map.Entry<String, String>> params, String privateKey) {
        String companyId = null;
        for (Map.Entry<String, String> p : params) {
            if (p.getKey().equals(Authenticator.COMPANY_ID)) {
                if (companyId != null) {
                    throw ApiError.invalidParameter(Authenticator.COMPANY_ID,
                            "You cannot use ?company_id more than once in a request.");
                }
                companyId = p.getValue();
            }
        }
        Operation.QueryParameter declared = op.query().get(Authenticator.COMPANY_ID);
        if (companyId == null && declared != null && !declared.required()) {
            return privateKey == null ? authenticator.defaultAccount()
                    : Principal.publicKey(authenticator.authenticate(privateKey).accountId());
        }
        if (companyId == null || companyId.isBlank()) {
            throw ApiError.invalidParameter(Authenticator.COMPANY_ID, "'company_id' is a required query parameter.");
        }
        return authenticator.authenticatePublic(companyId.strip());
    }
}
