package dev.openprofile.consent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.http.AdminAccounts;
import dev.openprofile.http.AdminEndpoint;
import dev.openprofile.http.ApiResponse;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.jsonapi.Rfc3339;
import dev.openprofile.profiles.ProfileService;
import java.util.List;

/**
 * The operator's consent tools (docs/compatibility.md, "Consent"): confirming a pending double
 * opt-in, since no confirmation message goes out, and reading what a consent job did and a
 * profile's consent history, since Klaviyo gives subscription jobs no status endpoint.
 */
public final class ConsentAdminRoutes {
    static final String ACTOR = "admin";
    private final ConsentService service;
    private final ProfileService profiles;
    private final AdminAccounts accounts;

    /** @param accountIdByName account name to account id ("default" is the account the server creates) */
    public ConsentAdminRoutes(ConsentService service, ProfileService profiles, AdminAccounts accounts) {
        this.service = service;
        this.profiles = profiles;
        this.accounts = accounts;
    }

    public List<AdminEndpoint> endpoints() {
        return List.of(
                new AdminEndpoint("POST", "/admin/consent/confirm", this::confirm),
                new AdminEndpoint("POST", "/admin/consent/suppress", this::suppress),
                new AdminEndpoint("GET", "/admin/consent/jobs/{job_id}", this::job),
                new AdminEndpoint("GET", "/admin/consent/profiles/{profile_id}/history", this::history));
    }

    /** {"account"?, "profile_id" | "email" | "phone_number", "channel"?: "email" | "sms", "list_id"?} */
    private ApiResponse confirm(AdminEndpoint.Request r) {
        JsonNode b = body(r);
        String accountId = account(b.path("account").asText("default"));
        String profileId = profile(accountId, b);
        Channel channel = switch (b.path("channel").asText("email")) {
            case "email" -> Channel.EMAIL_MARKETING;
            case "sms" -> Channel.SMS_MARKETING;
            default -> throw ApiError.invalidPointer("/channel", "'channel' must be 'email' or 'sms'.");
        };
        ConsentService.Confirmation c = service.confirm(accountId, profileId, channel, text(b, "list_id"), ACTOR);
        return ApiResponse.ok(Json.MAPPER.createObjectNode().put("profile_id", c.profileId()).put("confirmed", c.confirmed()));
    }

    /** {"account"?, "profile_id" | "email" | "phone_number", "reason": HARD_BOUNCE | INVALID_EMAIL | SPAM_COMPLAINT | ...} */
    private ApiResponse suppress(AdminEndpoint.Request r) {
        JsonNode b = body(r);
        String accountId = account(b.path("account").asText("default"));
        String profileId = profile(accountId, b);
        SuppressionReason reason;
        try {
            reason = SuppressionReason.valueOf(b.path("reason").asText(""));
        } catch (IllegalArgumentException e) {
            throw ApiError.invalidPointer("/reason", "'reason' must be one of HARD_BOUNCE, INVALID_EMAIL, SPAM_COMPLAINT, "
                    + "UNSUBSCRIBE, USER_SUPPRESSED.");
        }
        service.suppress(accountId, profileId, reason, ACTOR);
        return ApiResponse.ok(Json.MAPPER.createObjectNode().put("profile_id", profileId).put("reason", reason.name()));
    }

    private static JsonNode body(AdminEndpoint.Request r) {
        return r.body() == null ? Json.MAPPER.createObjectNode() : r.body();
    }

    /** The profile named by profile_id, email or phone_number. */
    private String profile(String accountId, JsonNode b) {
        String profileId = text(b, "profile_id");
        if (profileId != null) return profileId;
        String email = text(b, "email");
        String phone = text(b, "phone_number");
        if (email == null && phone == null) {
            throw ApiError.invalidPointer("/profile_id", "Give 'profile_id', 'email' or 'phone_number'.");
        }
        return profiles.idByIdentifier(accountId, email, phone).orElseThrow(() -> new ApiError(404, "not_found",
                "Not found.", "No profile has that email or phone number.", ApiError.Source.pointer(email != null ? "/email" : "/phone_number"), null));
    }

    private ApiResponse job(AdminEndpoint.Request r) {
        ConsentService.JobReport report = service.report(account(r.query().getOrDefault("account", "default")),
                r.pathParams().get("job_id"));
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("id", report.job().id()).put("type", report.job().kind()).put("status", report.job().status())
                .put("created_at", Rfc3339.format(report.job().createdAt()))
                .put("completed_at", Rfc3339.format(report.job().completedAt()))
                .put("total_count", report.totalCount()).put("completed_count", report.completedCount())
                .put("skipped_count", report.skippedCount());
        ArrayNode errors = out.putArray("errors");
        for (ConsentJobStore.JobError e : report.errors()) {
            ObjectNode entry = errors.addObject().put("index", e.index()).put("detail", e.detail());
            try {
                entry.set("item", e.payload() == null ? null : Json.MAPPER.readTree(e.payload()));
            } catch (com.fasterxml.jackson.core.JsonProcessingException x) {
                throw new IllegalStateException("stored items are JSON", x);
            }
        }
        return ApiResponse.ok(out);
    }

    private ApiResponse history(AdminEndpoint.Request r) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (ConsentChange h : service.history(account(r.query().getOrDefault("account", "default")),
                r.pathParams().get("profile_id"))) {
            out.addObject().put("subject", h.subject()).put("from", h.from()).put("to", h.to()).put("method", h.method())
                    .put("method_detail", h.methodDetail()).put("actor", h.actor()).put("at", Rfc3339.format(h.at()));
        }
        return ApiResponse.ok(Json.MAPPER.createObjectNode().set("history", out));
    }

    private String account(String name) {
        return accounts.require(name, ApiError.Source.parameter("account"));
    }

    private static String text(JsonNode b, String key) {
        return b.hasNonNull(key) ? b.get(key).asText() : null;
    }
}
