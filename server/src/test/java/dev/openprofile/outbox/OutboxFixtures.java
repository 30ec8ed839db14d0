package dev.openprofile.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.testing.AdminApi;
import dev.openprofile.testing.TestServer;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Messages recorded as a send job records them (Outbox.record in a transaction), and the admin API's answers. */
final class OutboxFixtures {
    private OutboxFixtures() {}

    static OutboxMessage email(String accountId, String campaign, String to, OffsetDateTime sentAt) {
        return new OutboxMessage(accountId, campaign, "msg-" + campaign, "profile-" + to, "email", "news@shop.example",
                "Shop News", "help@shop.example", to, "Hello " + to, "A preview", "<p>Hi <b>" + to + "</b></p>",
                "Hi " + to, sentAt, null);
    }

    static OutboxMessage sms(String accountId, String campaign, String to, OffsetDateTime sentAt) {
        return new OutboxMessage(accountId, campaign, "msg-" + campaign, "profile-" + to, "sms", null, null, null, to, null,
                null, null, "Text to " + to, sentAt, null);
    }

    static void record(TestServer server, Outbox outbox, List<OutboxMessage> messages) {
        server.jdbc().inTransaction(c -> {
            outbox.record(c, messages);
            return null;
        });
    }

    /** GET on the admin API, asserting a 200, as JSON. */
    static JsonNode get(TestServer server, String path) throws Exception {
        var r = AdminApi.send(server, "GET", path, null);
        if (r.statusCode() != 200) throw new AssertionError(path + " answered " + r.statusCode() + ": " + r.body());
        return Json.MAPPER.readTree(r.body());
    }

    static JsonNode messages(TestServer server, String accountName, String query) throws Exception {
        return get(server, "/admin/outbox/messages?account=" + accountName + query).get("messages");
    }

    static void until(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError("condition not met in 20 s");
            Thread.sleep(20);
        }
    }
}
