package dev.openprofile.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openprofile.config.ConsoleAccess;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.outbox.Outbox;
import dev.openprofile.outbox.OutboxMessage;
import dev.openprofile.testing.AdminApi;
import dev.openprofile.testing.ConsoleClient;
import dev.openprofile.testing.TestDatabase;
import dev.openprofile.testing.TestServer;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operator's controls in the console (journal, faults, clock, an account's reset and export) and an account's
 * outbox and webhook deliveries, each checked against what the API then answers.
 */
class ConsoleOperatorTest {
    static TestServer server;
    static ConsoleClient operator;

    @BeforeAll
    static void start() {
        server = TestServer.start(TestDatabase.freshDatabase(), Map.of(ConsoleAccess.CONSOLE, "admin,accounts"), Clock.systemUTC());
        operator = new ConsoleClient(server.baseUrl());
        operator.loginHome(TestServer.ADMIN_KEY);
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    static String profile(String email) {
        return "{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"" + email + "\"}}}";
    }

    static void until(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met in 20 s").isLessThan(end);
            Thread.sleep(50);
        }
    }

    @Test
    void aFaultAddedInTheConsoleIsAnsweredByTheApiAndShownInTheJournal() {
        var account = server.newAccount("console-fault-");
        HttpResponse<String> added = operator.submit("/console/faults", Map.of("account", account.name(), "operation", "get_lists",
                "status", "503", "count", "1"));
        assertThat(added.statusCode()).as(added.body()).isEqualTo(303);
        HttpResponse<String> faults = operator.get("/console/faults");
        assertThat(faults.body()).contains("<td>" + account.name() + "</td><td>get_lists</td><td>503</td>");

        assertThat(account.api().get("get_lists", "/api/lists").status()).isEqualTo(503);
        assertThat(account.api().get("get_lists", "/api/lists").status()).isEqualTo(200); // the count is spent
        HttpResponse<String> journal = operator.get("/console/journal?account=" + account.name());
        assertThat(journal.statusCode()).isEqualTo(200);
        assertThat(journal.body()).contains("<span class=\"badge bad\">503</span></td><td>get_lists</td>")
                .contains("<span class=\"badge ok\">200</span></td><td>get_lists</td>")
                .contains("hx-trigger=\"every 2s\"").contains("<option value=\"" + account.name() + "\" selected>");
        // Newest first: the 200 came after the 503.
        assertThat(journal.body().indexOf(">200<")).isLessThan(journal.body().indexOf(">503<"));
        assertThat(operator.get("/console/journal?account=no-such-account").body()).contains("No account is named")
                .contains("parameter: account");
    }

    @Test
    void aBadFaultIsTheAdminApisErrorWithItsSourceAndFaultsAreRemoved() {
        var account = server.newAccount("console-badfault-");
        HttpResponse<String> status = operator.submit("/console/faults", Map.of("account", account.name(), "status", "418"));
        assertThat(status.statusCode()).isEqualTo(400);
        assertThat(status.body()).contains("class=\"api-errors\"").contains("pointer: /status").contains("429, 500, 502, 503, 504");
        HttpResponse<String> rate = operator.submit("/console/faults", Map.of("account", account.name(), "status", "500", "rate", "often"));
        assertThat(rate.body()).contains("pointer: /rate");
        HttpResponse<String> operation = operator.submit("/console/faults", Map.of("account", account.name(), "status", "500",
                "operation", "get_<b>"));
        assertThat(operation.body()).contains("pointer: /operation").contains("get_&lt;b&gt;").doesNotContain("get_<b>");

        operator.submit("/console/faults", Map.of("account", account.name(), "status", "500", "operation", "get_tags"));
        assertThat(account.api().get("get_tags", "/api/tags").status()).isEqualTo(500);
        String page = operator.get("/console/faults").body();
        String id = page.replaceAll("(?s).*action=\"/console/faults/([^/\"]+)/remove\".*", "$1");
        assertThat(operator.submit("/console/faults/" + id + "/remove", Map.of()).statusCode()).isEqualTo(303);
        assertThat(account.api().get("get_tags", "/api/tags").status()).isEqualTo(200);
        HttpResponse<String> gone = operator.submit("/console/faults/" + id + "/remove", Map.of());
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(gone.body()).contains("No fault has the id").contains("parameter: id");

        operator.submit("/console/faults", Map.of("account", account.name(), "status", "502"));
        assertThat(account.api().get("get_tags", "/api/tags").status()).isEqualTo(502);
        assertThat(operator.submit("/console/faults/clear", Map.of()).statusCode()).isEqualTo(303);
        assertThat(account.api().get("get_tags", "/api/tags").status()).isEqualTo(200);
        assertThat(operator.get("/console/faults").body()).contains("No faults: the API answers normally.");
    }

    @Test
    void theClockSetInTheConsoleIsTheTimeOfTheApisAnswers() {
        var account = server.newAccount("console-clock-");
        try {
            HttpResponse<String> set = operator.submit("/console/clock", Map.of("now", "2027-03-01T10:00:00Z"));
            assertThat(set.statusCode()).as(set.body()).isEqualTo(303);
            assertThat(operator.get("/console/clock").body()).contains("2027-03-01T10:00:00").contains("frozen");
            var created = account.api().post("create_profile", "/api/profiles", profile("clock@example.com"));
            assertThat(created.data().at("/attributes/created").asText()).startsWith("2027-03-01T10:00:00");

            assertThat(operator.submit("/console/clock", Map.of("advance_seconds", "3600")).statusCode()).isEqualTo(303);
            assertThat(operator.get("/console/clock").body()).contains("2027-03-01T11:00:00");

            HttpResponse<String> bad = operator.submit("/console/clock", Map.of("now", "tomorrow"));
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).contains("pointer: /now").contains("RFC 3339").contains("2027-03-01T11:00:00");
        } finally {
            assertThat(operator.submit("/console/clock/real", Map.of()).statusCode()).isEqualTo(303);
        }
        assertThat(operator.get("/console/clock").body()).contains("running").doesNotContain("2027-03-01");
    }

    @Test
    void resetEmptiesTheAccountAndItsExportIsAcceptedByTheAdminImport() throws Exception {
        var account = server.newAccount("console-state-");
        assertThat(account.api().post("create_profile", "/api/profiles", profile("kept@example.com")).status()).isEqualTo(201);
        String base = "/console/accounts/" + account.id();

        HttpResponse<String> export = operator.get(base + "/export");
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Disposition").orElseThrow()).contains("attachment").contains(".ndjson");
        assertThat(export.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/x-ndjson");
        assertThat(export.body()).contains("kept@example.com");

        HttpResponse<String> reset = operator.submit(base + "/reset", Map.of());
        assertThat(reset.statusCode()).isEqualTo(200);
        assertThat(reset.body()).contains("The account's state is deleted").contains("<td>profile</td><td>1</td>")
                .doesNotContain("<td>0</td>");
        assertThat(account.api().get("get_profiles", "/api/profiles").data()).isEmpty();

        var copy = server.newAccount("console-copy-");
        var imported = AdminApi.send(server, "POST", "/admin/import?account=" + copy.name(), export.body());
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        assertThat(copy.api().get("get_profiles", "/api/profiles").data().findValuesAsText("email")).containsExactly("kept@example.com");
        // The keys page carries both controls for the operator.
        assertThat(operator.get(base + "/keys").body()).contains("action=\"" + base + "/reset\"").contains("data-confirm=\"Reset ")
                .contains("href=\"" + base + "/export\"");
    }

    @Test
    void theOutboxShowsAMessagesHeadersAndItsHtmlSandboxed() {
        var account = server.newAccount("console-outbox-");
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Outbox outbox = new Outbox(false);
        server.jdbc().inTransaction(c -> {
            outbox.record(c, List.of(
                    new OutboxMessage(account.id(), "c1", "m1", "p1", "email", "news@shop.example", "Shop <News>", null,
                            "ada@example.com", "Spring <sale>", "Preview", "<p>Hi <b>Ada</b></p><script>alert(1)</script>", "Hi Ada", now, null),
                    new OutboxMessage(account.id(), "c1", "m2", "p2", "sms", null, null, null, "+15005550006", null, null, null,
                            "Sale today", now.plusSeconds(1), null)));
            return null;
        });
        ConsoleClient own = new ConsoleClient(server.baseUrl());
        String base = own.loginHome(server.createKey(account.name(), Set.of("*")));
        HttpResponse<String> list = own.get(base + "/outbox");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("Spring &lt;sale&gt;").contains("ada@example.com").contains("+15005550006")
                .contains("<td>sms</td>").doesNotContain("<sale>");
        String id = list.body().replaceAll("(?s).*href=\"" + base + "/outbox/([0-9]+)\">Spring.*", "$1");

        HttpResponse<String> message = own.get(base + "/outbox/" + id);
        assertThat(message.body()).contains("Shop &lt;News&gt; &lt;news@shop.example&gt;").contains("<dd>ada@example.com</dd>")
                .contains("<iframe class=\"message\" sandbox src=\"" + base + "/outbox/" + id + "/html\"")
                .doesNotContain("<script>alert(1)</script>");
        HttpResponse<String> html = own.get(base + "/outbox/" + id + "/html");
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.body()).isEqualTo("<p>Hi <b>Ada</b></p><script>alert(1)</script>");
        assertThat(html.headers().firstValue("Content-Security-Policy").orElseThrow()).startsWith("sandbox;")
                .contains("default-src 'none'").contains("frame-ancestors 'self'");

        String sms = list.body().replaceAll("(?s).*href=\"" + base + "/outbox/([0-9]+)\">\\(no subject\\).*", "$1");
        assertThat(own.get(base + "/outbox/" + sms).body()).contains("<pre id=\"body-text\">Sale today</pre>").doesNotContain("<iframe");
        assertThat(own.get(base + "/outbox/" + sms + "/html").statusCode()).isEqualTo(404);
        assertThat(own.get(base + "/outbox/999999999").body()).contains("No outbox message has id");
        // Another account's message is not reached through this account's pages.
        var other = server.newAccount("console-outbox-other-");
        ConsoleClient otherLogin = new ConsoleClient(server.baseUrl());
        String otherBase = otherLogin.loginHome(server.createKey(other.name(), Set.of("*")));
        assertThat(otherLogin.get(otherBase + "/outbox/" + id + "/html").statusCode()).isEqualTo(404);
        assertThat(otherLogin.get(otherBase + "/outbox").body()).contains("No messages sent yet.").doesNotContain("Spring");
    }

    @Test
    void webhookDeliveriesShowTheirAttempts() throws Exception {
        var account = server.newAccount("console-webhooks-");
        var hook = account.api().post("create_webhook", "/api/webhooks", "{\"data\":{\"type\":\"webhook\",\"attributes\":{\"name\":\"n\","
                + "\"endpoint_url\":\"http://127.0.0.1:1/hook\",\"secret_key\":\"whsec-test-0123456789abcdef\"},\"relationships\":"
                + "{\"webhook-topics\":{\"data\":[{\"type\":\"webhook-topic\",\"id\":\"event:klaviyo.subscribed_to_email_marketing\"}]}}}}");
        assertThat(hook.status()).as(hook.text()).isEqualTo(201);
        var subscribe = account.api().post("bulk_subscribe_profiles", "/api/profile-subscription-bulk-create-jobs",
                "{\"data\":{\"type\":\"profile-subscription-bulk-create-job\",\"attributes\":{\"profiles\":{\"data\":[{\"type\":\"profile\","
                        + "\"attributes\":{\"email\":\"hook@example.com\",\"subscriptions\":{\"email\":{\"marketing\":{\"consent\":\"SUBSCRIBED\"}}}}}]}}}}");
        assertThat(subscribe.status()).as(subscribe.text()).isEqualTo(202);
        ConsoleClient own = new ConsoleClient(server.baseUrl());
        String base = own.loginHome(server.createKey(account.name(), Set.of("*")));
        until(() -> own.get(base + "/webhooks").body().contains("<div>#1 "));
        HttpResponse<String> page = own.get(base + "/webhooks");
        assertThat(page.body()).contains("event:klaviyo.subscribed_to_email_marketing").contains(hook.data().get("id").asText());
        String id = page.body().replaceAll("(?s).*href=\"" + base + "/webhooks/([^\"]+)\">.*", "$1");
        HttpResponse<String> delivery = own.get(base + "/webhooks/" + id);
        assertThat(delivery.statusCode()).isEqualTo(200);
        assertThat(delivery.body()).contains("<td>1</td>").contains("ConnectException").contains("<h2>Payload</h2>");
        HttpResponse<String> bad = own.get(base + "/webhooks?status=lost");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("parameter: status").contains("pending, delivered, failed, cancelled");
        assertThat(Json.MAPPER.readTree(AdminApi.send(server, "GET", "/admin/webhooks/deliveries?account=" + account.name(), null).body())
                .get("deliveries")).hasSize(1);
    }

    @Test
    void anAccountLoginReachesNoOperatorControl() {
        var account = server.newAccount("console-notop-");
        ConsoleClient own = new ConsoleClient(server.baseUrl());
        String base = own.loginHome(server.createKey(account.name(), Set.of("*")));
        for (String path : List.of("/console/journal", "/console/faults", "/console/clock", base + "/export")) {
            HttpResponse<String> page = own.get(path);
            assertThat(page.statusCode()).as(path).isEqualTo(403);
            assertThat(page.body()).contains("This page is for the operator");
        }
        assertThat(own.submit(base + "/reset", Map.of()).statusCode()).isEqualTo(403);
        assertThat(own.submit("/console/faults", Map.of("status", "503")).statusCode()).isEqualTo(403);
        assertThat(operator.get("/console/faults").body()).doesNotContain(account.name() + "</td>");
        assertThat(own.get(base + "/keys").body()).doesNotContain("Operator controls");
    }
}
