package dev.openprofile.outbox;

import static dev.openprofile.outbox.OutboxFixtures.email;
import static dev.openprofile.outbox.OutboxFixtures.messages;
import static dev.openprofile.outbox.OutboxFixtures.record;
import static dev.openprofile.outbox.OutboxFixtures.sms;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.testing.AdminApi;
import dev.openprofile.testing.Cli;
import dev.openprofile.testing.TestServer;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operator's view of the outbox, with no SMTP relay configured: an account's messages newest first without
 * bodies, pages that neither skip nor repeat, narrowing, one message with its bodies, emptying it, the precise 4xx
 * of a bad parameter, the CLI, and a data-privacy deletion taking a profile's messages.
 */
class OutboxAdminTest {
    /** Now: the retention (a week by default) would sweep messages sent long before the server's clock. */
    static final OffsetDateTime T0 = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    static TestServer server;
    static final Outbox outbox = new Outbox(false);

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void messagesAreListedNewestFirstWithoutBodiesAndWithNoRelay() throws Exception {
        TestServer.Account a = server.newAccount("outbox-list-");
        record(server, outbox, List.of(email(a.id(), "c1", "ada@outbox.example", T0),
                sms(a.id(), "c1", "+15005550006", T0.plusSeconds(60)), email(a.id(), "c2", "bob@outbox.example", T0.plusSeconds(30))));
        JsonNode list = messages(server, a.name(), "");
        assertThat(list).hasSize(3);
        assertThat(list.findValuesAsText("to")).containsExactly("+15005550006", "bob@outbox.example", "ada@outbox.example");
        JsonNode ada = list.get(2);
        assertThat(ada.get("campaign_id").asText()).isEqualTo("c1");
        assertThat(ada.get("message_id").asText()).isEqualTo("msg-c1");
        assertThat(ada.get("profile_id").asText()).isEqualTo("profile-ada@outbox.example");
        assertThat(ada.get("channel").asText()).isEqualTo("email");
        assertThat(ada.at("/from/address").asText()).isEqualTo("news@shop.example");
        assertThat(ada.at("/from/label").asText()).isEqualTo("Shop News");
        assertThat(ada.get("reply_to").asText()).isEqualTo("help@shop.example");
        assertThat(ada.get("subject").asText()).isEqualTo("Hello ada@outbox.example");
        assertThat(ada.get("preview_text").asText()).isEqualTo("A preview");
        assertThat(ada.get("sent_at").asText()).isEqualTo(dev.openprofile.jsonapi.Rfc3339.format(T0));
        assertThat(ada.has("body_html")).isFalse();
        assertThat(ada.has("body_text")).isFalse();
        // No SMTP server is configured: nothing is pending relay, and the API says there is no relay.
        assertThat(ada.get("relay").isNull()).isTrue();
        assertThat(list.get(0).get("from").isNull()).isTrue();
        assertThat(server.queryInt("select count(*) from outbox_message where account_id = '" + a.id()
                + "' and relay_status is not null")).isZero();
    }

    @Test
    void pagesFollowTheCursorWithoutSkippingOrRepeating() throws Exception {
        TestServer.Account a = server.newAccount("outbox-pages-");
        List<OutboxMessage> all = new ArrayList<>();
        // Several messages share a send time (a chunk records its recipients at once): the id orders them.
        for (int i = 0; i < 23; i++) all.add(email(a.id(), "c", "p" + i + "@outbox.example", T0.plusSeconds(i / 4)));
        record(server, outbox, all);
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = OutboxFixtures.get(server, "/admin/outbox/messages?account=" + a.name() + "&limit=5"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            page.get("messages").forEach(m -> seen.add(m.get("id").asText()));
            cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
            // A message recorded meanwhile (newer than every page) never shows up inside the walk.
            if (pages++ == 1) record(server, outbox, List.of(email(a.id(), "c", "late@outbox.example", T0.plusSeconds(600))));
        } while (cursor != null);
        assertThat(pages).isEqualTo(5);
        assertThat(seen).hasSize(23).doesNotHaveDuplicates();
        List<String> ids = messages(server, a.name(), "&limit=1000").findValuesAsText("id");
        assertThat(ids).hasSize(24);
        assertThat(ids.subList(1, 24)).isEqualTo(seen);
    }

    @Test
    void campaignMessageToAndChannelNarrowTheList() throws Exception {
        TestServer.Account a = server.newAccount("outbox-narrow-");
        record(server, outbox, List.of(email(a.id(), "c1", "Ada@Outbox.example", T0), email(a.id(), "c2", "ada@outbox.example", T0),
                email(a.id(), "c2", "bob@outbox.example", T0), sms(a.id(), "c2", "+15005550006", T0)));
        assertThat(messages(server, a.name(), "&campaign=c2")).hasSize(3);
        assertThat(messages(server, a.name(), "&message=msg-c1")).hasSize(1);
        assertThat(messages(server, a.name(), "&to=ADA@outbox.example")).hasSize(2);
        assertThat(messages(server, a.name(), "&channel=sms").findValuesAsText("to")).containsExactly("+15005550006");
        assertThat(messages(server, a.name(), "&campaign=c2&channel=email&to=bob@outbox.example")).hasSize(1);
        assertThat(messages(server, a.name(), "&campaign=none")).isEmpty();
    }

    @Test
    void oneMessageShowsItsBodiesAndOnlyInItsAccount() throws Exception {
        TestServer.Account a = server.newAccount("outbox-show-");
        TestServer.Account other = server.newAccount("outbox-other-");
        record(server, outbox, List.of(email(a.id(), "c1", "ada@outbox.example", T0)));
        String id = messages(server, a.name(), "").get(0).get("id").asText();
        JsonNode one = OutboxFixtures.get(server, "/admin/outbox/messages/" + id + "?account=" + a.name());
        assertThat(one.get("id").asText()).isEqualTo(id);
        assertThat(one.get("body_html").asText()).isEqualTo("<p>Hi <b>ada@outbox.example</b></p>");
        assertThat(one.get("body_text").asText()).isEqualTo("Hi ada@outbox.example");
        assertThat(one.get("subject").asText()).isEqualTo("Hello ada@outbox.example");
        for (String path : List.of("/admin/outbox/messages/" + id + "?account=" + other.name(),
                "/admin/outbox/messages/999999999?account=" + a.name(), "/admin/outbox/messages/abc?account=" + a.name())) {
            var r = AdminApi.send(server, "GET", path, null);
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(Json.MAPPER.readTree(r.body()).at("/errors/0/source/parameter").asText()).isEqualTo("id");
        }
    }

    @Test
    void clearingEmptiesOnlyThatAccountsOutbox() throws Exception {
        TestServer.Account a = server.newAccount("outbox-clear-");
        TestServer.Account other = server.newAccount("outbox-kept-");
        List<OutboxMessage> many = new ArrayList<>();
        for (int i = 0; i < 12; i++) many.add(sms(a.id(), "c", "+1500555" + (1000 + i), T0));
        record(server, outbox, many);
        record(server, outbox, List.of(email(other.id(), "c", "kept@outbox.example", T0)));
        var r = AdminApi.send(server, "DELETE", "/admin/outbox/messages?account=" + a.name(), null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(r.body()).get("deleted").asInt()).isEqualTo(12);
        assertThat(messages(server, a.name(), "")).isEmpty();
        assertThat(messages(server, other.name(), "")).hasSize(1);
    }

    @Test
    void badParametersAreKlaviyoFormat400sNamingTheParameter() throws Exception {
        TestServer.Account a = server.newAccount("outbox-bad-");
        for (String[] bad : new String[][] {{"limit=0", "limit"}, {"limit=1001", "limit"}, {"limit=x", "limit"},
                {"channel=fax", "channel"}, {"cursor=not-a-cursor", "cursor"}, {"cursor=bzE6eDox", "cursor"}}) {
            var r = AdminApi.send(server, "GET", "/admin/outbox/messages?account=" + a.name() + "&" + bad[0], null);
            assertThat(r.statusCode()).as(bad[0]).isEqualTo(400);
            JsonNode error = Json.MAPPER.readTree(r.body()).at("/errors/0");
            assertThat(error.get("code").asText()).isEqualTo("invalid");
            assertThat(error.at("/source/parameter").asText()).as(bad[0]).isEqualTo(bad[1]);
        }
        var unknown = AdminApi.send(server, "GET", "/admin/outbox/messages?account=nobody-" + UUID.randomUUID(), null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(Json.MAPPER.readTree(unknown.body()).at("/errors/0/source/parameter").asText()).isEqualTo("account");
        var noKey = AdminApi.send(server, "GET", "/admin/outbox/messages", null, null);
        assertThat(noKey.statusCode()).isEqualTo(401);
        var clearUnknown = AdminApi.send(server, "DELETE", "/admin/outbox/messages?account=nobody-" + UUID.randomUUID(), null);
        assertThat(clearUnknown.statusCode()).isEqualTo(404);
    }

    @Test
    void theCliListsShowsAndClears() throws Exception {
        TestServer.Account a = server.newAccount("outbox-cli-");
        record(server, outbox, List.of(email(a.id(), "c1", "ada@outbox.example", T0), email(a.id(), "c2", "bob@outbox.example", T0)));
        Cli.Run list = cli("outbox", "list", "--account", a.name(), "--campaign", "c2", "--limit", "10");
        assertThat(list.exit()).isZero();
        JsonNode listed = Json.MAPPER.readTree(list.out()).get("messages");
        assertThat(listed.findValuesAsText("to")).containsExactly("bob@outbox.example");
        Cli.Run show = cli("outbox", "show", listed.get(0).get("id").asText(), "--account", a.name());
        assertThat(show.exit()).isZero();
        assertThat(Json.MAPPER.readTree(show.out()).get("body_text").asText()).isEqualTo("Hi bob@outbox.example");
        assertThat(cli("outbox", "show", "424242424", "--account", a.name()).exit()).isEqualTo(1);
        assertThat(cli("outbox", "list", "--account", a.name(), "--limit", "0").exit()).isEqualTo(1);
        Cli.Run cleared = cli("outbox", "clear", "--account", a.name());
        assertThat(cleared.exit()).isZero();
        assertThat(Json.MAPPER.readTree(cleared.out()).get("deleted").asInt()).isEqualTo(2);
        assertThat(messages(server, a.name(), "")).isEmpty();
    }

    @Test
    void aDataPrivacyDeletionTakesTheProfilesMessages() throws Exception {
        TestServer.Account a = server.newAccount("outbox-privacy-");
        Set<String> profiles = new HashSet<>();
        for (String email : List.of("gone@outbox.example", "kept@outbox.example")) {
            var p = a.api().post("create_profile", "/api/profiles", "{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\""
                    + email + "\"}}}");
            assertThat(p.status()).as(p.text()).isEqualTo(201);
            String id = p.data().get("id").asText();
            profiles.add(id);
            OutboxMessage m = email(a.id(), "c1", email, T0);
            record(server, outbox, List.of(new OutboxMessage(m.accountId(), m.campaignId(), m.messageId(), id, m.channel(),
                    m.fromAddress(), m.fromLabel(), m.replyTo(), m.to(), m.subject(), m.previewText(), m.bodyHtml(), m.bodyText(),
                    m.sentAt(), m.linkToken())));
        }
        assertThat(profiles).hasSize(2);
        var deletion = a.api().post("request_profile_deletion", "/api/data-privacy-deletion-jobs", "{\"data\":{\"type\":"
                + "\"data-privacy-deletion-job\",\"attributes\":{\"profile\":{\"data\":{\"type\":\"profile\",\"attributes\":"
                + "{\"email\":\"gone@outbox.example\"}}}}}}");
        assertThat(deletion.status()).as(deletion.text()).isEqualTo(202);
        server.awaitJobs();
        assertThat(messages(server, a.name(), "").findValuesAsText("to")).containsExactly("kept@outbox.example");
    }

    @Test
    void withoutARelayAnEmailLeftPendingAgesOutAsAnyMessage() throws Exception {
        TestServer.Account a = server.newAccount("outbox-unrelayed-");
        // Recorded pending while a relay was configured (or imported so): no relayer here ends it, so retention takes it.
        record(server, new Outbox(true), List.of(email(a.id(), "old", "old@outbox.example", T0.minusHours(200)),
                email(a.id(), "new", "new@outbox.example", T0)));
        OutboxFixtures.until(() -> server.queryInt("select count(*) from outbox_message where account_id = '" + a.id() + "'") == 1);
        JsonNode left = messages(server, a.name(), "").get(0);
        assertThat(left.get("campaign_id").asText()).isEqualTo("new");
        assertThat(left.at("/relay/status").asText()).isEqualTo("pending");
    }

    static Cli.Run cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--url", server.baseUrl(), "--admin-key", TestServer.ADMIN_KEY));
        return Cli.run(all.toArray(String[]::new));
    }
}
