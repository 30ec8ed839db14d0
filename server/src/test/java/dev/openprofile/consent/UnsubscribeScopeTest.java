package dev.openprofile.consent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.testing.AdminApi;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.Cli;
import dev.openprofile.testing.TestServer;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The account setting {@code unsubscribe_scope} over HTTP (docs/compatibility.md, "Consent"): an
 * unsubscribe from a list is global by default, as in Klaviyo, and list-only once the operator sets
 * {@code list} through the admin API or the CLI; the server reads the setting for every job.
 */
class UnsubscribeScopeTest {
    static TestServer server;
    static final AtomicInteger emails = new AtomicInteger();

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** What an unsubscribe from a list left: the profile's email marketing and the list's members. */
    record Unsubscribed(JsonNode marketing, List<String> members) {}

    /** Subscribes a new email to a new list, then unsubscribes it naming that list. */
    static Unsubscribed unsubscribeAMember(Api api) throws InterruptedException {
        String email = "member" + emails.incrementAndGet() + "@scope.consent.example.com";
        String list = ConsentApiTestSupport.list(api, "Scope " + email, "single_opt_in");
        ConsentApiTestSupport.subscribe(api, email, list);
        ConsentApiTestSupport.awaitJobs(server);
        assertThat(ConsentApiTestSupport.memberIds(api, list)).hasSize(1);
        ConsentApiTestSupport.unsubscribe(api, email, list);
        ConsentApiTestSupport.awaitJobs(server);
        return new Unsubscribed(ConsentApiTestSupport.marketingOrNull(api, email), ConsentApiTestSupport.memberIds(api, list));
    }

    static void assertGlobal(Unsubscribed u) {
        assertThat(u.marketing().get("consent").asText()).isEqualTo("UNSUBSCRIBED");
        assertThat(u.marketing().get("can_receive_email_marketing").asBoolean()).isFalse();
        assertThat(u.marketing().get("suppression").findValuesAsText("reason")).containsExactly("UNSUBSCRIBE");
        assertThat(u.marketing().get("list_suppressions")).isEmpty();
        assertThat(u.members()).isEmpty();
    }

    static void assertListOnly(Unsubscribed u) {
        assertThat(u.marketing().get("consent").asText()).isEqualTo("SUBSCRIBED");
        assertThat(u.marketing().get("can_receive_email_marketing").asBoolean()).isTrue();
        assertThat(u.marketing().get("suppression")).isEmpty();
        assertThat(u.marketing().get("list_suppressions").findValuesAsText("reason")).containsExactly("UNSUBSCRIBE");
        assertThat(u.members()).isEmpty();
    }

    static JsonNode patch(String account, String scope) throws Exception {
        var r = AdminApi.send(server, "PATCH", "/admin/accounts/" + account, "{\"unsubscribe_scope\":\"" + scope + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.MAPPER.readTree(r.body());
    }

    @Test
    void theAdminApiMakesAnAccountsListUnsubscribesListOnlyAndBack() throws Exception {
        Api api = server.api(server.createKey("scope-admin", Set.of("*")));
        assertGlobal(unsubscribeAMember(api));

        assertThat(patch("scope-admin", "list").get("unsubscribe_scope").asText()).isEqualTo("list");
        assertListOnly(unsubscribeAMember(api));
        // The setting is the account's own: the default account still unsubscribes globally.
        assertGlobal(unsubscribeAMember(server.api()));

        patch("scope-admin", "global");
        assertGlobal(unsubscribeAMember(api));
        // Each job keeps the scope it was accepted with, so a change never splits a running job.
        assertThat(jobsAcceptedWith("scope-admin", "global")).isEqualTo(2);
        assertThat(jobsAcceptedWith("scope-admin", "list")).isEqualTo(1);
    }

    static int jobsAcceptedWith(String account, String scope) {
        return server.queryInt("select count(*) from consent_job j join account a using (account_id) where a.name = '"
                + account + "' and j.settings ->> 'unsubscribe_scope' = '" + scope + "'");
    }

    @Test
    void theCliSetsTheScopeInTheDatabaseTheRunningServerReads() throws Exception {
        Api api = server.api(server.createKey("scope-cli", Set.of("*")));
        Cli.Run set = Cli.run("accounts", "set", "scope-cli", "--unsubscribe-scope", "list", "--database-url", server.jdbcUrl());
        assertThat(set.exit()).isZero();
        assertThat(Json.MAPPER.readTree(set.out()).get("unsubscribe_scope").asText()).isEqualTo("list");
        assertListOnly(unsubscribeAMember(api));

        assertThat(Cli.run("accounts", "set", "scope-cli", "--unsubscribe-scope", "global", "--database-url", server.jdbcUrl())
                .exit()).isZero();
        assertGlobal(unsubscribeAMember(api));
    }
}
