package dev.openprofile.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.http.ApiResponse;
import dev.openprofile.http.InProcessApi;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.ApiErrors;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How a page reads and changes an account: by calling the API's own operations (and the admin API's, for the
 * operator) in process, as the session's principal. A refusal comes back as the API's errors, for the page to show
 * as the API would (detail and source), never as an exception out of the page.
 */
final class ConsoleApi {
    /** What a call gave: the API's document, or its errors. */
    sealed interface Result permits Ok, Failed {}

    /** @param body the response document (null for a 202 or 204) */
    record Ok(int status, JsonNode body) implements Result {}

    /** @param errors each with its detail and source (a pointer or a parameter), as the API answers them */
    record Failed(int status, List<Shown> errors) implements Result {}

    /** An API error as a page shows it. */
    record Shown(String code, String title, String detail, String pointer, String parameter) {
        static Shown of(ApiError e) {
            return new Shown(e.code(), e.title(), e.detail(), e.source() == null ? null : e.source().pointer(),
                    e.source() == null ? null : e.source().parameter());
        }
    }

    private final InProcessApi api;

    ConsoleApi(InProcessApi api) {
        this.api = api;
    }

    /** Calls an operation of {@code accountId} as the session (which must be allowed to open that account). */
    Result call(ConsoleSessions.Session session, String accountId, String operationId, Map<String, String> pathParams,
                List<Map.Entry<String, String>> query, JsonNode body) {
        try {
            ApiResponse r = api.call(session.principal(accountId), operationId, pathParams, query, body);
            return new Ok(r.status(), r.body());
        } catch (ApiError e) {
            return new Failed(e.status(), List.of(Shown.of(e)));
        } catch (ApiErrors e) {
            return new Failed(e.errors().get(0).status(), e.errors().stream().map(Shown::of).toList());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(operationId + " failed", e);
        }
    }

    /** Calls an admin endpoint (operator sessions only: the caller's route must be an operator route). */
    Result admin(ConsoleSessions.Session session, String method, String pathTemplate, Map<String, String> pathParams,
                 Map<String, String> query, JsonNode body) {
        if (!session.operator()) throw new IllegalStateException("the admin API is the operator's");
        return admin(method, pathTemplate, pathParams, query, body);
    }

    /**
     * Reads one account's data through an admin endpoint that takes the {@code account} parameter (consent history,
     * outbox messages, webhook deliveries): open to that account's own session too, since the parameter is set here
     * to the account the session may open, never taken from the browser. Only reads (GET).
     */
    Result adminRead(ConsoleSessions.Session session, dev.openprofile.auth.AccountStore.Account account, String pathTemplate,
                     Map<String, String> pathParams, Map<String, String> query) {
        if (!session.mayOpen(account.accountId())) throw new IllegalStateException("session may not open " + account.accountId());
        Map<String, String> scoped = new java.util.HashMap<>(query);
        scoped.put("account", account.name());
        return admin("GET", pathTemplate, pathParams, scoped, null);
    }

    /**
     * Calls a streaming admin GET (an account's export, NDJSON) for the operator: the {@link Ok}'s body is the text it
     * wrote (a text node), held whole for the page to send as a download; its error as the other calls' are.
     */
    Result adminText(ConsoleSessions.Session session, String pathTemplate, Map<String, String> query) {
        if (!session.operator()) throw new IllegalStateException("the admin API is the operator's");
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try {
            api.adminStream("GET", pathTemplate, query, java.io.InputStream.nullInputStream(), new dev.openprofile.http.AdminEndpoint.Output() {
                @Override
                public void json(int status, JsonNode body) {
                    bytes.writeBytes(body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }

                @Override
                public java.io.OutputStream stream(String contentType) {
                    return bytes;
                }
            });
        } catch (ApiError e) {
            return new Failed(e.status(), List.of(Shown.of(e)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return new Ok(200, com.fasterxml.jackson.databind.node.TextNode.valueOf(bytes.toString(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** The admin endpoints of an account about the account itself that its own session may call (see {@link #ownAccount}). */
    private static final java.util.Set<String> OWN_ACCOUNT = java.util.Set.of("GET /admin/accounts/{name}",
            "GET /admin/accounts/{name}/keys", "POST /admin/accounts/{name}/keys", "DELETE /admin/accounts/{name}/keys/{key_id}");

    /**
     * Calls one of {@link #OWN_ACCOUNT}, the endpoints about {@code account} itself: its settings (read) and its private
     * keys. An account's own session may call them too, as Klaviyo lets an account's owner manage its keys: the
     * {@code name} path parameter is set here to the account the session may open, never taken from the browser, and
     * changing settings (PATCH) is not among them, so that stays the operator's. Creating and revoking keys needs a
     * session that {@link ConsoleSessions.Session#managesKeys manages keys}.
     */
    Result ownAccount(ConsoleSessions.Session session, dev.openprofile.auth.AccountStore.Account account, String method,
                      String pathTemplate, Map<String, String> pathParams, JsonNode body) {
        if (!session.mayOpen(account.accountId())) throw new IllegalStateException("session may not open " + account.accountId());
        if (!OWN_ACCOUNT.contains(method + " " + pathTemplate)) throw new IllegalArgumentException(method + " " + pathTemplate + " is not an account's own");
        if (!method.equals("GET") && !session.managesKeys()) throw new IllegalStateException("a key without every scope manages no keys");
        Map<String, String> scoped = new java.util.HashMap<>(pathParams);
        scoped.put("name", account.name());
        return admin(method, pathTemplate, scoped, Map.of(), body);
    }

    private Result admin(String method, String pathTemplate, Map<String, String> pathParams, Map<String, String> query,
                         JsonNode body) {
        try {
            ApiResponse r = api.admin(method, pathTemplate, pathParams, query, body);
            return new Ok(r.status(), r.body());
        } catch (ApiError e) {
            return new Failed(e.status(), List.of(Shown.of(e)));
        } catch (ApiErrors e) {
            return new Failed(e.errors().get(0).status(), e.errors().stream().map(Shown::of).toList());
        }
    }

    /** Query parameters in order, from name-value pairs: {@code query("filter", f, "page[size]", "50")}; null values left out. */
    static List<Map.Entry<String, String>> query(String... namesAndValues) {
        List<Map.Entry<String, String>> params = new ArrayList<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) params.add(new AbstractMap.SimpleImmutableEntry<>(namesAndValues[i], namesAndValues[i + 1]));
        }
        return params;
    }
}
