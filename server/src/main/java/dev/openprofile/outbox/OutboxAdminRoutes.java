package dev.openprofile.outbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.http.AdminAccounts;
import dev.openprofile.http.AdminEndpoint;
import dev.openprofile.http.ApiResponse;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.jsonapi.Rfc3339;
import dev.openprofile.store.Jdbc;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The outbox as a local mail catcher shows it, which Klaviyo's API does not: an account's messages newest first
 * (without bodies; {@code campaign}, {@code message}, {@code to}, {@code channel} narrow them; {@code limit} and
 * {@code cursor} page them), one message with its bodies, and emptying the account's outbox. {@code account} names
 * the account, {@code default} when absent.
 */
final class OutboxAdminRoutes {
    private static final Set<String> CHANNELS = Set.of("email", "sms", "mobile_push");
    /** Clearing deletes in batches of this many, each its own transaction, so no statement holds the whole outbox. */
    private static final int CLEAR_BATCH = 5000;
    private final Jdbc jdbc;
    private final OutboxStore store;
    private final AdminAccounts accounts;

    OutboxAdminRoutes(Jdbc jdbc, OutboxStore store, AdminAccounts accounts) {
        this.jdbc = jdbc;
        this.store = store;
        this.accounts = accounts;
    }

    List<AdminEndpoint> endpoints() {
        return List.of(
                new AdminEndpoint("GET", "/admin/outbox/messages", r -> {
                    Map<String, String> q = r.query();
                    String accountId = r.accountId(accounts);
                    String channel = q.get("channel");
                    if (channel != null && !CHANNELS.contains(channel)) {
                        throw ApiError.invalidParameter("channel", "'channel' must be one of email, sms, mobile_push.");
                    }
                    OutboxStore.Narrowing narrowing = new OutboxStore.Narrowing(q.get("campaign"), q.get("message"), q.get("to"), channel);
                    int limit = r.limit();
                    OutboxStore.After after = q.get("cursor") == null ? null : decode(q.get("cursor"));
                    // One more than asked says whether a next page exists.
                    List<StoredMessage> rows = jdbc.read(c -> store.page(c, accountId, narrowing, after, limit + 1));
                    ObjectNode out = Json.MAPPER.createObjectNode();
                    ArrayNode messages = out.putArray("messages");
                    rows.stream().limit(limit).forEach(m -> messages.add(summary(m)));
                    out.put("next_cursor", rows.size() > limit ? encode(rows.get(limit - 1)) : null);
                    return ApiResponse.ok(out);
                }),
                new AdminEndpoint("GET", "/admin/outbox/messages/{id}", r -> {
                    String accountId = r.accountId(accounts);
                    String id = r.pathParams().get("id");
                    StoredMessage m = parseId(id).flatMap(n -> jdbc.read(c -> store.find(c, accountId, n)))
                            .orElseThrow(() -> new ApiError(404, "not_found", "Not found.", "No outbox message has id '" + id + "'.",
                                    ApiError.Source.parameter("id"), null));
                    return ApiResponse.ok(summary(m).put("body_html", m.message().bodyHtml()).put("body_text", m.message().bodyText()));
                }),
                new AdminEndpoint("DELETE", "/admin/outbox/messages", r -> {
                    String accountId = r.accountId(accounts);
                    long deleted = 0;
                    for (int n = CLEAR_BATCH; n == CLEAR_BATCH; deleted += n) {
                        n = jdbc.inTransaction(c -> store.clearBatch(c, accountId, CLEAR_BATCH));
                    }
                    return ApiResponse.ok(Json.MAPPER.createObjectNode().put("deleted", deleted));
                }));
    }

    private static ObjectNode summary(StoredMessage s) {
        OutboxMessage m = s.message();
        ObjectNode node = Json.MAPPER.createObjectNode().put("id", Long.toString(s.id())).put("campaign_id", m.campaignId())
                .put("message_id", m.messageId()).put("profile_id", m.profileId()).put("channel", m.channel());
        if (m.fromAddress() == null && m.fromLabel() == null) node.putNull("from");
        else node.putObject("from").put("address", m.fromAddress()).put("label", m.fromLabel());
        node.put("reply_to", m.replyTo()).put("to", m.to()).put("subject", m.subject()).put("preview_text", m.previewText())
                .put("sent_at", Rfc3339.format(m.sentAt()));
        if (s.relayStatus() == null) {
            node.putNull("relay");
        } else {
            node.putObject("relay").put("status", s.relayStatus()).put("attempts", s.relayAttempts()).put("error", s.relayError())
                    .put("relayed_at", Rfc3339.format(s.relayedAt()))
                    .put("next_attempt_at", StoredMessage.PENDING.equals(s.relayStatus())
                            ? Rfc3339.format(s.relayNextAt() == null ? m.sentAt() : s.relayNextAt()) : null);
        }
        return node;
    }

    /** The cursor names the last message of a page (its send time to the microsecond, and its id), opaque as base64url. */
    static String encode(StoredMessage last) {
        Instant t = last.message().sentAt().toInstant();
        String raw = "o1:" + t.getEpochSecond() + ":" + t.getNano() / 1000 + ":" + last.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static OutboxStore.After decode(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":", -1);
            if (parts.length == 4 && parts[0].equals("o1")) {
                Instant t = Instant.ofEpochSecond(Long.parseLong(parts[1]), Long.parseLong(parts[2]) * 1000);
                return new OutboxStore.After(t.atOffset(ZoneOffset.UTC), Long.parseLong(parts[3]));
            }
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            // answered below (NumberFormatException is an IllegalArgumentException)
        }
        throw ApiError.invalidParameter("cursor", "Invalid cursor: pass the next_cursor of the previous page.");
    }

    private static java.util.Optional<Long> parseId(String id) {
        try {
            return java.util.Optional.of(Long.parseLong(id));
        } catch (NumberFormatException e) {
            return java.util.Optional.empty(); // no message has it
        }
    }
}
