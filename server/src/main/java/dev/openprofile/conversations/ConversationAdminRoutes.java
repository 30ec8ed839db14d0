package dev.openprofile.conversations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.http.AdminAccounts;
import dev.openprofile.http.AdminEndpoint;
import dev.openprofile.http.ApiResponse;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.jsonapi.Rfc3339;
import java.util.List;

/**
 * The operator's side of conversations, which Klaviyo's API cannot show: a message from a profile (what
 * opens a conversation, as a text from a customer does) and every message of a conversation, the outbound
 * ones the API recorded included. {@code account} names the account, {@code default} when absent.
 */
public final class ConversationAdminRoutes {
    private final ConversationService service;
    private final AdminAccounts accounts;

    public ConversationAdminRoutes(ConversationService service, AdminAccounts accounts) {
        this.service = service;
        this.accounts = accounts;
    }

    public List<AdminEndpoint> endpoints() {
        return List.of(
                // {"account"?, "profile_id", "channel": "sms" | "whatsapp" | "instagram", "body"}
                new AdminEndpoint("POST", "/admin/conversations/messages", r -> {
                    JsonNode b = r.body() == null ? Json.MAPPER.createObjectNode() : r.body();
                    String accountId = account(b.path("account").asText("default"));
                    for (String key : new String[] {"profile_id", "channel", "body"}) {
                        if (!b.path(key).isTextual()) throw ApiError.invalidPointer("/" + key, "'" + key + "' (a string) is required.");
                    }
                    ConversationService.Received received = service.receive(accountId, b.get("profile_id").asText(),
                            b.get("channel").asText(), b.get("body").asText());
                    return ApiResponse.created(Json.MAPPER.createObjectNode()
                            .put("conversation_id", received.conversationId()).put("message_id", received.messageId()));
                }),
                new AdminEndpoint("GET", "/admin/conversations/{id}/messages", r -> {
                    ArrayNode out = Json.MAPPER.createArrayNode();
                    for (Message m : service.messages(account(r.query().getOrDefault("account", "default")), r.pathParams().get("id"))) {
                        ObjectNode entry = out.addObject().put("id", m.id()).put("direction", m.direction()).put("body", m.body());
                        entry.set("message_hierarchy", m.hierarchy());
                        entry.put("created", Rfc3339.format(m.created()));
                    }
                    return ApiResponse.ok(Json.MAPPER.createObjectNode().set("messages", out));
                }));
    }

    private String account(String name) {
        return accounts.require(name, ApiError.Source.parameter("account"));
    }
}
