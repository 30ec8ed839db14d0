package dev.openprofile.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.testing.AdminApi;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.MutableClock;
import dev.openprofile.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A profile's conversations: none until the profile writes (recorded by the operator), then readable by
 * the profile's conversation endpoints and include; outbound messages recorded, never sent; merge and
 * deletion leave no conversation behind on a profile that is gone.
 */
class ConversationsTest {
    static final String HIERARCHY = """
            [{"message_format":"RCS","message":"","rich_content":null},{"message_format":"SMS","message":"Sale today"}]""";
    static TestServer server;
    static MutableClock clock;
    static Api api;

    @BeforeAll
    static void start() {
        clock = new MutableClock(Instant.parse("2026-08-01T10:00:00Z"));
        server = TestServer.start(clock);
        api = server.api();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String profile(String phone) {
        String email = UUID.randomUUID() + "@conversations.example.com";
        String phoneAttr = phone == null ? "" : ",\"phone_number\":\"" + phone + "\"";
        return api.post("create_profile", "/api/profiles", "{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\""
                + email + "\"" + phoneAttr + "}}}").data().get("id").asText();
    }

    static JsonNode admin(String method, String path, String body, int expected) throws Exception {
        var r = AdminApi.send(server, method, path, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(expected);
        return Json.MAPPER.readTree(r.body());
    }

    static String inbound(String profileId, String channel, String body) throws Exception {
        return admin("POST", "/admin/conversations/messages", "{\"profile_id\":\"" + profileId + "\",\"channel\":\""
                + channel + "\",\"body\":\"" + body + "\"}", 201).get("conversation_id").asText();
    }

    static String message(String conversationId, String body, String hierarchy) {
        return "{\"data\":{\"type\":\"conversation-message\",\"attributes\":{\"body\":\"" + body + "\""
                + (hierarchy == null ? "" : ",\"message_hierarchy\":" + hierarchy) + "},\"relationships\":{\"conversation\":"
                + "{\"data\":{\"type\":\"conversation\",\"id\":\"" + conversationId + "\"}}}}}";
    }

    @Test
    void aProfileHasNoConversationUntilItWrites() {
        String id = profile("+14155550101");
        assertThat(api.get("get_conversations_for_profile", "/api/profiles/" + id + "/conversations").data()).isEmpty();
        assertThat(api.get("get_conversation_ids_for_profile", "/api/profiles/" + id + "/relationships/conversations").data()).isEmpty();
        Api.Response one = api.get("get_conversation_for_profile", "/api/profiles/" + id + "/conversation");
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.data().isNull()).isTrue();
        assertThat(api.get("get_conversation_id_for_profile", "/api/profiles/" + id + "/relationships/conversation").data().isNull()).isTrue();
        Api.Response included = api.get("get_profile", "/api/profiles/" + id + "?include=conversations");
        assertThat(included.data().at("/relationships/conversations/data")).isEmpty();
        assertThat(included.body().get("included")).isEmpty();
    }

    @Test
    void aMessageFromTheProfileOpensAConversationTheApiShows() throws Exception {
        String id = profile("+14155550102");
        String sms = inbound(id, "sms", "Do you ship to Canada?");
        JsonNode conversations = api.get("get_conversations_for_profile", "/api/profiles/" + id + "/conversations").data();
        assertThat(conversations).hasSize(1);
        JsonNode c = conversations.get(0);
        assertThat(c.get("type").asText()).isEqualTo("conversation");
        assertThat(c.get("id").asText()).isEqualTo(sms);
        assertThat(c.at("/attributes/channel").asText()).isEqualTo("sms");
        assertThat(c.at("/relationships/profile/data/id").asText()).isEqualTo(id);
        assertThat(api.get("get_conversation_for_profile", "/api/profiles/" + id + "/conversation").data()).isEqualTo(c);
        assertThat(api.get("get_conversation_id_for_profile", "/api/profiles/" + id + "/relationships/conversation").data())
                .isEqualTo(Json.MAPPER.createObjectNode().put("type", "conversation").put("id", sms));
        // A second message on the same channel keeps the one conversation.
        assertThat(inbound(id, "sms", "Hello?")).isEqualTo(sms);

        // The most recently active conversation is "the" conversation of the profile.
        clock.advance(Duration.ofMinutes(5));
        String whatsapp = inbound(id, "whatsapp", "Hi from WhatsApp");
        assertThat(api.get("get_conversation_for_profile", "/api/profiles/" + id + "/conversation").data().get("id").asText())
                .isEqualTo(whatsapp);
        assertThat(api.get("get_conversation_ids_for_profile", "/api/profiles/" + id + "/relationships/conversations").data()
                .findValuesAsText("id")).containsExactly(whatsapp, sms);
        clock.advance(Duration.ofMinutes(5));
        assertThat(api.post("create_conversation_message", "/api/conversation-messages", message(sms, "Yes we do", null)).status())
                .isEqualTo(202);
        assertThat(api.get("get_conversation_for_profile", "/api/profiles/" + id + "/conversation").data().get("id").asText())
                .isEqualTo(sms);

        Api.Response included = api.get("get_profile", "/api/profiles/" + id + "?include=conversations&fields%5Bconversation%5D=channel");
        assertThat(included.data().at("/relationships/conversations/data").findValuesAsText("id")).containsExactly(sms, whatsapp);
        assertThat(included.body().get("included").findValuesAsText("channel")).containsExactly("sms", "whatsapp");
    }

    @Test
    void anOutboundMessageIsRecordedForTheOperatorToRead() throws Exception {
        String id = profile("+14155550103");
        String sms = inbound(id, "sms", "STOP?");
        Api.Response sent = api.post("create_conversation_message", "/api/conversation-messages", message(sms, "Reply text", null));
        assertThat(sent.status()).isEqualTo(202);
        assertThat(sent.text()).isEmpty();
        assertThat(api.post("create_conversation_message", "/api/conversation-messages", message(sms, "", HIERARCHY)).status())
                .isEqualTo(202);
        JsonNode messages = admin("GET", "/admin/conversations/" + sms + "/messages", null, 200).get("messages");
        assertThat(messages.findValuesAsText("direction")).containsExactly("inbound", "outbound", "outbound");
        assertThat(messages.findValuesAsText("body")).containsExactly("STOP?", "Reply text", "");
        assertThat(messages.get(2).get("message_hierarchy")).isEqualTo(Json.MAPPER.readTree(HIERARCHY));
        assertThat(messages.get(1).get("message_hierarchy").isNull()).isTrue();
    }

    @Test
    void badMessagesAreRefusedWithPointersAndChangeNothing() throws Exception {
        String id = profile("+14155550104");
        String sms = inbound(id, "sms", "hi");
        String instagram = inbound(id, "instagram", "hi from instagram");
        String other = server.createKey("conversations-elsewhere", Set.of("*"));
        int before = server.queryInt("select count(*) from conversation_message");
        record Case(String body, int status, String pointer) {}
        List<Case> cases = List.of(
                new Case(message("01NOSUCHCONVERSATION000000", "x", null), 404, "/data/relationships/conversation/data/id"),
                new Case(message(sms, "x", null).replace("conversation-message", "message"), 400, "/data/type"),
                new Case(message(sms, "x", null).replace("\"body\":\"x\"", "\"text\":\"x\""), 400, "/data/attributes/text"),
                new Case(message(sms, "x", null).replace("\"body\":\"x\"", "\"body\":7"), 400, "/data/attributes/body"),
                new Case(message(sms, " ", null), 400, "/data/attributes/body"),
                new Case(message(sms, "x", "[{\"message\":\"only one\"}]"), 400, "/data/attributes/message_hierarchy"),
                new Case(message(sms, "x", "[{\"message_format\":\"SMS\"},{\"message\":\"b\"}]"), 400,
                        "/data/attributes/message_hierarchy/0/message_format"),
                new Case(message(sms, "x", "[{},{\"message_format\":\"SMS\"}]"), 400, "/data/attributes/message_hierarchy/1/message"),
                new Case(message(instagram, "x", HIERARCHY), 400, "/data/attributes/message_hierarchy"),
                new Case(message(sms, "x", null).replace("\"type\":\"conversation\"", "\"type\":\"profile\""), 400,
                        "/data/relationships/conversation/data/type"),
                new Case("{\"data\":{\"type\":\"conversation-message\",\"attributes\":{\"body\":\"x\"}}}", 400,
                        "/data/relationships")); // the missing member itself (issue 21)
        for (Case c : cases) {
            Api.Response r = api.post("create_conversation_message", "/api/conversation-messages", c.body());
            assertThat(r.status()).as(c.body()).isEqualTo(c.status());
            assertThat(r.error().at("/source/pointer").asText()).as(c.body()).isEqualTo(c.pointer());
        }
        // Another account's conversation does not exist for this key.
        Api.Response elsewhere = server.api(other).post("create_conversation_message", "/api/conversation-messages",
                message(sms, "x", null));
        assertThat(elsewhere.status()).isEqualTo(404);
        assertThat(server.queryInt("select count(*) from conversation_message")).isEqualTo(before);

        for (String path : List.of("/conversations", "/relationships/conversations", "/conversation", "/relationships/conversation")) {
            Api.Response unknown = api.get(path.contains("relationships")
                    ? (path.endsWith("s") ? "get_conversation_ids_for_profile" : "get_conversation_id_for_profile")
                    : (path.endsWith("s") ? "get_conversations_for_profile" : "get_conversation_for_profile"),
                    "/api/profiles/01NOSUCHPROFILE00000000000" + path);
            assertThat(unknown.status()).as(path).isEqualTo(404);
            assertThat(unknown.error().at("/source/parameter").asText()).isEqualTo("id");
        }
        assertThat(server.api(other).get("get_conversations_for_profile", "/api/profiles/" + id + "/conversations").status())
                .isEqualTo(404);
    }

    @Test
    void theOperatorsInboundMessageIsChecked() throws Exception {
        String noPhone = profile(null);
        JsonNode sms = admin("POST", "/admin/conversations/messages",
                "{\"profile_id\":\"" + noPhone + "\",\"channel\":\"sms\",\"body\":\"hi\"}", 400);
        assertThat(sms.at("/errors/0/source/pointer").asText()).isEqualTo("/channel");
        JsonNode channel = admin("POST", "/admin/conversations/messages",
                "{\"profile_id\":\"" + noPhone + "\",\"channel\":\"fax\",\"body\":\"hi\"}", 400);
        assertThat(channel.at("/errors/0/source/pointer").asText()).isEqualTo("/channel");
        JsonNode unknown = admin("POST", "/admin/conversations/messages",
                "{\"profile_id\":\"nobody\",\"channel\":\"instagram\",\"body\":\"hi\"}", 400);
        assertThat(unknown.at("/errors/0/source/pointer").asText()).isEqualTo("/profile_id");
        admin("POST", "/admin/conversations/messages", "{\"channel\":\"instagram\",\"body\":\"hi\"}", 400);
        admin("POST", "/admin/conversations/messages",
                "{\"account\":\"nobody\",\"profile_id\":\"" + noPhone + "\",\"channel\":\"instagram\",\"body\":\"hi\"}", 404);
        admin("GET", "/admin/conversations/01NOSUCHCONVERSATION000000/messages", null, 404);
        assertThat(server.queryInt("select count(*) from conversation where profile_id = '" + noPhone + "'")).isZero();
    }

    @Test
    void aMergeJoinsConversationsPerChannelAndADeletionLeavesNone() throws Exception {
        String source = profile("+14155550105");
        String destination = profile("+14155550106");
        String sourceSms = inbound(source, "sms", "source sms");
        inbound(source, "whatsapp", "source whatsapp");
        String destinationSms = inbound(destination, "sms", "destination sms");
        String accountId = server.jdbc().read(c -> {
            try (var rs = c.createStatement().executeQuery("select account_id from profile where id = '" + source + "'")) {
                rs.next();
                return rs.getString(1);
            }
        });
        ConversationService service = new ConversationService(server.jdbc(), null, clock, () -> UUID.randomUUID().toString());
        server.jdbc().inTransaction(c -> {
            service.merge(c, accountId, source, destination);
            return null;
        });
        assertThat(server.queryInt("select count(*) from conversation where profile_id = '" + source + "'")).isZero();
        assertThat(server.queryInt("select count(*) from conversation where id = '" + sourceSms + "'")).isZero();
        JsonNode after = api.get("get_conversations_for_profile", "/api/profiles/" + destination + "/conversations").data();
        assertThat(after.findValuesAsText("channel")).containsExactlyInAnyOrder("sms", "whatsapp");
        JsonNode smsMessages = admin("GET", "/admin/conversations/" + destinationSms + "/messages", null, 200).get("messages");
        assertThat(smsMessages.findValuesAsText("body")).containsExactlyInAnyOrder("source sms", "destination sms");

        server.jdbc().inTransaction(c -> {
            service.delete(c, accountId, List.of(destination));
            return null;
        });
        assertThat(server.queryInt("select count(*) from conversation where profile_id = '" + destination + "'")).isZero();
        assertThat(server.queryInt("select count(*) from conversation_message m where not exists "
                + "(select 1 from conversation v where v.account_id = m.account_id and v.id = m.conversation_id)")).isZero();
        assertThat(api.get("get_conversations_for_profile", "/api/profiles/" + destination + "/conversations").data()).isEmpty();
    }
}
