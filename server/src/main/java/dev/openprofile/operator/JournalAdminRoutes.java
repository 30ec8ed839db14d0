package dev.openprofile.operator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.auth.AccountStore;
import dev.openprofile.http.AdminEndpoint;
import dev.openprofile.http.ApiResponse;
import dev.openprofile.http.FinishedRequest;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.jsonapi.Rfc3339;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** {@code GET /admin/requests?account=NAME&limit=N&bodies=true}: the account's journal, newest first. */
final class JournalAdminRoutes {
    private final RequestJournal journal;
    private final AccountStore accounts;
    private final int size;

    JournalAdminRoutes(RequestJournal journal, AccountStore accounts, int size) {
        this.journal = journal;
        this.accounts = accounts;
        this.size = size;
    }

    List<AdminEndpoint> endpoints() {
        return List.of(new AdminEndpoint("GET", "/admin/requests", r -> {
            String accountId = AdminInput.accountId(accounts, r.query().getOrDefault("account", "default"),
                    ApiError.Source.parameter("account"));
            int limit = limit(r.query().get("limit"));
            boolean bodies = bodies(r.query().get("bodies"));
            ObjectNode out = Json.MAPPER.createObjectNode();
            ArrayNode data = out.putArray("data");
            for (FinishedRequest f : journal.newest(accountId, limit)) data.add(entry(f, bodies));
            return ApiResponse.ok(out);
        }));
    }

    /** Default: every kept request; at most the journal's size (OPENPROFILE_JOURNAL_SIZE), at least 1. */
    private int limit(String given) {
        if (given == null) return Math.max(size, 1);
        int max = Math.max(size, 1);
        try {
            int n = Integer.parseInt(given);
            if (n >= 1 && n <= max) return n;
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiError.invalidParameter("limit", "'limit' must be a whole number from 1 to " + max
                + " (the journal keeps the last " + size + " requests per account), got '" + given + "'.");
    }

    private static boolean bodies(String given) {
        if (given == null || given.equals("false")) return false;
        if (given.equals("true")) return true;
        throw ApiError.invalidParameter("bodies", "'bodies' must be true or false, got '" + given + "'.");
    }

    private static ObjectNode entry(FinishedRequest f, boolean bodies) {
        ObjectNode e = Json.MAPPER.createObjectNode()
                .put("time", Rfc3339.format(OffsetDateTime.ofInstant(f.time(), ZoneOffset.UTC)))
                .put("method", f.method()).put("path", f.path()).put("query", f.query())
                .put("operation", f.operationId()).put("status", f.status())
                .put("duration_ms", Math.round(f.duration().toNanos() / 1000.0) / 1000.0).put("request_id", f.requestId());
        if (bodies) {
            // Decoded here, not on the request path; a body cut at 64 KB may end inside a character.
            e.put("body", f.body() == null ? null : new String(f.body(), StandardCharsets.UTF_8));
        }
        return e;
    }
}
