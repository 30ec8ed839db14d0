package dev.openprofile.consent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.testing.AdminApi;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.TestServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Consent tag over HTTP: the four jobs, double opt-in confirmation, and what profile reads show. */
class ConsentApiTest {
    static TestServer server;
    static Api api;
    static final String SUBS = "additional-fields%5Bprofile%5D=subscriptions";

    @BeforeAll
    static void start() {
        server = TestServer.start(new dev.openprofile.testing.MutableClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
        api = server.api();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String subscribeBody(String list, boolean historical, String... profiles) {
        String rel = ConsentApiTestSupport.relationship(list);
        return "{\"data\":{\"type\":\"profile-subscription-bulk-create-job\",\"attributes\":{\"custom_source\":\"Test form\","
                + "\"historical_import\":" + historical + ",\"profiles\":{\"data\":[" + String.join(",", profiles) + "]}}" + rel + "}}";
    }

    static String unsubscribeBody(String list, String... profiles) {
        String rel = ConsentApiTestSupport.relationship(list);
        return "{\"data\":{\"type\":\"profile-subscription-bulk-delete-job\",\"attributes\":{\"profiles\":{\"data\":["
                + String.join(",", profiles) + "]}}" + rel + "}}";
    }

    static String emailProfile(String email, String consent) {
        return ConsentApiTestSupport.emailProfile(email, consent);
    }

    static String suppressBody(String type, String... emails) {
        return "{\"data\":{\"type\":\"" + type + "\",\"attributes\":{\"profiles\":{\"data\":["
                + java.util.Arrays.stream(emails).map(e -> "{\"type\":\"profile\",\"attributes\":{\"email\":\"" + e + "\"}}")
                .collect(Collectors.joining(",")) + "]}}}}";
    }

    static void awaitJobs() throws InterruptedException {
        ConsentApiTestSupport.awaitJobs(server);
    }

    static JsonNode profileByEmail(String email) {
        var r = api.get("get_profiles", "/api/profiles?" + SUBS + "&filter=equals(email,%22" + email + "%22)");
        assertThat(r.data()).hasSize(1);
        return r.data().get(0);
    }

    static JsonNode marketing(String email) {
        return profileByEmail(email).at("/attributes/subscriptions/email/marketing");
    }

    static String list(String name, String optIn) {
        return ConsentApiTestSupport.list(api, name, optIn);
    }

    static List<String> memberIds(String listId) {
        return ConsentApiTestSupport.memberIds(api, listId);
    }

    static HttpResponse<String> admin(String method, String path, String body, String key) throws Exception {
        return AdminApi.send(server, method, path, body, key);
    }

    @Test
    void singleOptInSubscribesAtOnceCreatesTheProfileAndAddsToTheList() throws Exception {
        String l = list("Newsletter", "single_opt_in");
        var r = api.post("bulk_subscribe_profiles", "/api/profile-subscription-bulk-create-jobs",
                subscribeBody(l, false, emailProfile("single@consent.example.com", "SUBSCRIBED")));
        assertThat(r.status()).isEqualTo(202);
        assertThat(r.text()).isEmpty();
        awaitJobs();
        JsonNode p = profileByEmail("single@consent.example.com");
        JsonNode m = p.at("/attributes/subscriptions/email/marketing");
        assertThat(m.get("consent").asText()).isEqualTo("SUBSCRIBED");
        assertThat(m.get("can_receive_email_marketing").asBoolean()).isTrue();
        assertThat(m.get("method").asText()).isEqualTo("API");
        assertThat(m.get("custom_method_detail").asText()).isEqualTo("Test form");
        assertThat(m.get("double_optin").asBoolean()).isFalse();
        assertThat(m.get("consent_timestamp").isNull()).isFalse();
        assertThat(p.at("/attributes/subscriptions/sms/marketing/consent").asText()).isEqualTo("NEVER_SUBSCRIBED");
        assertThat(memberIds(l)).containsExactly(p.get("id").asText());
        var history = Json.MAPPER.readTree(admin("GET", "/admin/consent/profiles/" + p.get("id").asText() + "/history",
                null, TestServer.ADMIN_KEY).body()).get("history");
        assertThat(history).hasSize(1);
        assertThat(history.get(0).get("subject").asText()).isEqualTo("EMAIL_MARKETING");
        assertThat(history.get(0).get("from").asText()).isEqualTo("NEVER_SUBSCRIBED");
        assertThat(history.get(0).get("to").asText()).isEqualTo("SUBSCRIBED");
    }

    @Test
    void doubleOptInWaitsForTheConfirmationBeforeSubscribingOrListing() throws Exception {
        String l = list("Double", "double_opt_in");
        api.post("bulk_subscribe_profiles", "/api/profile-subscription-bulk-create-jobs",
                subscribeBody(l, false, emailProfile("double@consent.example.com", "SUBSCRIBED")));
        awaitJobs();
        JsonNode p = profileByEmail("double@consent.example.com");
        JsonNode m = p.at("/attributes/subscriptions/email/marketing");
        // Pending shows as NEVER_SUBSCRIBED (Klaviyo's three values) and may not be marketed to yet.
        assertThat(m.get("consent").asText()).isEqualTo("NEVER_SUBSCRIBED");
        assertThat(m.get("can_receive_email_marketing").asBoolean()).isFalse();
        assertThat(memberIds(l)).isEmpty();

        assertThat(admin("POST", "/admin/consent/confirm", "{\"email\":\"double@consent.example.com\"}", "wrong-key-0123456789")
                .statusCode()).isEqualTo(401);
        var wrongList = admin("POST", "/admin/consent/confirm",
                "{\"email\":\"double@consent.example.com\",\"list_id\":\"nope00\"}", TestServer.ADMIN_KEY);
        assertThat(Json.MAPPER.readTree(wrongList.body()).get("confirmed").asBoolean()).isFalse();
        var ok = admin("POST", "/admin/consent/confirm",
                "{\"email\":\"double@consent.example.com\",\"list_id\":\"" + l + "\"}", TestServer.ADMIN_KEY);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(ok.body()).get("confirmed").asBoolean()).isTrue();
        m = marketing("double@consent.example.com");
        assertThat(m.get("consent").asText()).isEqualTo("SUBSCRIBED");
        assertThat(m.get("double_optin").asBoolean()).isTrue();
        assertThat(m.get("can_receive_email_marketing").asBoolean()).isTrue();
        assertThat(memberIds(l)).containsExactly(p.get("id").asText());
    }

    @Test
    void byDefaultAnUnsubscribeFromAListUnsubscribesTheMemberEverywhereAndTakesItOffTheList() throws Exception {
        String l = list("Unsub", "single_opt_in");
        String other = list("Unsub other", "single_opt_in");
        api.post("bulk_subscribe_profiles", "/api/profile-subscription-bulk-create-jobs",
                subscribeBody(l, false, emailProfile("onlist@consent.example.com", "SUBSCRIBED")));
        api.post("bulk_subscribe_profiles", "/api/profile-subscription-bulk-create-jobs",
                subscribeBody(other, false, emailProfile("onlist@consent.example.com", "SUBSCRIBED")));
        awaitJobs();
        String id = profileByEmail("onlist@consent.example.com").get("id").asText();
        api.post("bulk_unsubscribe_profiles", "/api/profile-subscription-bulk-delete-jobs",
                unsubscribeBody(l, emailProfile("onlist@consent.example.com", "UNSUBSCRIBED")));
        awaitJobs();
        // Klaviyo's default account setting: "unsubscribed from all lists whenever they unsubscribe".
        JsonNode m = marketing("onlist@consent.example.com");
        assertThat(m.get("consent").asText()).isEqualTo("UNSUBSCRIBED");
        assertThat(m.get("can_receive_email_marketing").asBoolean()).isFalse();
        assertThat(m.get("suppression").findValuesAsText("reason")).containsExactly("UNSUBSCRIBE");
        assertThat(m.get("list_suppressions")).isEmpty();
        assertThat(memberIds(l)).isEmpty();
        // Off the list it was unsubscribed from; other memberships stay (list membership is not consent).
        assertThat(memberIds(other)).containsExactly(id);
    }

    @Test
    void unsubscribeNamingAListTheProfileIsNotOnUnsubscribesGlobally() throws Exception {
        String l = list("Elsewhere", "single_opt_in");
        api.post("bulk_subscribe_profiles", "/api/profile-subscription-bulk-create-jobs",
                subscribeBody(null, false, emailProfile("global@consent.example.com", "SUBSCRIBED")));
        awaitJobs();
        api.post("bulk_unsubscribe_profiles", "/api/profile-subscription-bulk-delete-jobs",
                unsubscribeBody(l, emailProfile("global@consent.example.com", "UNSUBSCRIBED")));
        awaitJobs();
        JsonNode m = marketing("global@consent.example.com");
        assertThat(m.get("consent").asText()).isEqualTo("UNSUBSCRIBED");
        assertThat(m.get("can_receive_email_marketing").asBoolean()).isFalse();
        assertThat(m.at("/suppression/0/reason").asText()).isEqualTo("UNSUBSCRIBE");
        // A new subscribe clears the UNSUBSCRIBE suppression (spec).
        api.post("bulk_subscribe_profiles", "/api/profile-subscription-bulk-create-jobs",
                subscribeBody(null, false, emailProfile("global@consent.example.com", "SUBSCRIBED")));
        awaitJobs();
        m = marketing("global@consent.example.com");
        assertThat(m.get("consent").asText()).isEqualTo("SUBSCRIBED");
        assertThat(m.get("suppression")).isEmpty();
        assertThat(m.get("can_receive_email_marketing").asBoolean()).isTrue();
    }

    @Test
    void suppressAndUnsuppressJobsAreListedAndUnsuppressRemovesOnlyUserSuppressed() throws Exception {
        api.post("bulk_unsubscribe_profiles", "/api/profile-subscription-bulk-delete-jobs",
                unsubscribeBody(null, emailProfile("optedout@consent.example.com", "UNSUBSCRIBED")));
        var r = api.post("bulk_suppress_profiles", "/api/profile-suppression-bulk-create-jobs",
                suppressBody("profile-suppression-bulk-create-job", "sup1@consent.example.com", "optedout@consent.example.com"));
        assertThat(r.status()).isEqualTo(202);
        assertThat(r.data().get("type").asText()).isEqualTo("profile-suppression-bulk-create-job");
        assertThat(r.data().at("/attributes/total_count").asInt()).isEqualTo(2);
        String jobId = r.data().get("id").asText();
        awaitJobs();
        var job = api.get("get_bulk_suppress_profiles_job", "/api/profile-suppression-bulk-create-jobs/" + jobId).data();
        assertThat(job.at("/attributes/status").asText()).isEqualTo("complete");
        assertThat(job.at("/attributes/completed_count").asInt()).isEqualTo(2);
        assertThat(job.at("/attributes/skipped_count").asInt()).isZero();
        JsonNode m = marketing("sup1@consent.example.com");
        assertThat(m.at("/suppression/0/reason").asText()).isEqualTo("USER_SUPPRESSED");
        assertThat(m.get("can_receive_email_marketing").asBoolean()).isFalse();

        var filtered = api.get("get_profiles", "/api/profiles?" + SUBS + "&filter=equals(subscriptions.email.marketing.suppression"
                + ".reason,%22USER_SUPPRESSED%22)&sort=subscriptions.email.marketing.suppression.timestamp&page%5Bsize%5D=100");
        assertThat(filtered.data().findValuesAsText("email")).contains("sup1@consent.example.com", "optedout@consent.example.com");
        assertThat(filtered.data()).allSatisfy(p -> assertThat(p.at("/attributes/subscriptions/email/marketing/suppression")
                .findValuesAsText("reason")).contains("USER_SUPPRESSED"));
        assertThat(server.queryInt("select count(distinct profile_id) from profile_suppression where reason = 'USER_SUPPRESSED'"))
                .isEqualTo(filtered.data().size());

        var u = api.post("bulk_unsuppress_profiles", "/api/profile-suppression-bulk-delete-jobs",
                suppressBody("profile-suppression-bulk-delete-job", "sup1@consent.example.com", "optedout@consent.example.com"));
        assertThat(u.status()).isEqualTo(202);
        awaitJobs();
        assertThat(marketing("sup1@consent.example.com").get("suppression")).isEmpty();
        assertThat(marketing("sup1@consent.example.com").get("can_receive_email_marketing").asBoolean()).isTrue();
        JsonNode out = marketing("optedout@consent.example.com");
        assertThat(out.get("suppression").findValuesAsText("reason")).containsExactly("UNSUBSCRIBE");
        assertThat(out.get("can_receive_email_marketing").asBoolean()).isFalse();

        var jobs = api.get("get_bulk_suppress_profiles_jobs",
                "/api/profile-suppression-bulk-create-jobs?filter=equals(status,%22complete%22)&sort=-created");
        assertThat(jobs.data().findValuesAsText("id")).contains(jobId);
        var unsuppressJobs = api.get("get_bulk_unsuppress_profiles_jobs", "/api/profile-suppression-bulk-delete-jobs?sort=-created");
        assertThat(unsuppressJobs.data().findValuesAsText("id")).contains(u.data().get("id").asText()).doesNotContain(jobId);
        assertThat(unsuppressJobs.data()).allSatisfy(j -> assertThat(j.get("type").asText()).isEqualTo("profile-suppression-bulk-delete-job"));
        assertThat(api.get("get_bulk_suppress_profiles_job", "/api/profile-suppression-bulk-create-jobs/"
                + u.data().get("id").asText()).status()).isEqualTo(404);
    }

    @Test
    void suppressByListActsOnEveryCurrentMember() throws Exception {
        String l = list("Members", "single_opt_in");
        List<String> ids = IntStream.range(0, 3).mapToObj(i -> api.post("create_profile", "/api/profiles",
                "{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"member" + i + "@consent.example.com\"}}}")
                .data().get("id").asText()).toList();
        api.post("add_profiles_to_list", "/api/lists/" + l + "/relationships/profiles", "{\"data\":["
                + ids.stream().map(id -> "{\"type\":\"profile\",\"id\":\"" + id + "\"}").collect(Collectors.joining(",")) + "]}");
        var r = api.post("bulk_suppress_profiles", "/api/profile-suppression-bulk-create-jobs",
                "{\"data\":{\"type\":\"profile-suppression-bulk-create-job\",\"attributes\":{},\"relationships\":{\"list\":"
                        + "{\"data\":{\"type\":\"list\",\"id\":\"" + l + "\"}}}}}");
        assertThat(r.status()).isEqualTo(202);
        assertThat(r.data().at("/attributes/total_count").asInt()).isEqualTo(3);
        assertThat(r.data().at("/relationships/lists/data/0/id").asText()).isEqualTo(l);
        awaitJobs();
        var members = api.get("get_profiles_for_list", "/api/lists/" + l + "/profiles?" + SUBS);
        assertThat(members.data()).hasSize(3).allSatisfy(p -> assertThat(
                p.at("/attributes/subscriptions/email/marketing/suppression/0/reason").asText()).isEqualTo("USER_SUPPRESSED"));
    }

    @Test
    void invalidRequestsAre400sWithPointersAndCreateNothing() {
        int before = jobCount();
        var sms = api.post("bulk_subscribe_profiles", "/api/profile-subscription-bulk-create-jobs", subscribeBody(null, false,
                "{\"type\":\"profile\",\"attributes\":{\"email\":\"nophone@consent.example.com\",\"subscriptions\":{\"sms\":"
                        + "{\"marketing\":{\"consent\":\"SUBSCRIBED\"}}}}}"));
        assertThat(sms.status()).isEqualTo(400);
        assertThat(sms.error().at("/source/pointer").asText()).isEqualTo("/data/attributes/profiles/data/0/attributes/phone_number");
        var consentedAt = api.post("bulk_subscribe_profiles", "/api/profile-subscription-bulk-create-jobs", subscribeBody(null, false,
                "{\"type\":\"profile\",\"attributes\":{\"email\":\"a@consent.example.com\",\"subscriptions\":{\"email\":"
                        + "{\"marketing\":{\"consent\":\"SUBSCRIBED\",\"consented_at\":\"2024-01-01T00:00:00Z\"}}}}}"));
        assertThat(consentedAt.status()).isEqualTo(400);
        assertThat(consentedAt.error().at("/source/pointer").asText())
                .isEqualTo("/data/attributes/profiles/data/0/attributes/subscriptions/email/marketing/consented_at");
        var historicalWithout = api.post("bulk_subscribe_profiles", "/api/profile-subscription-bulk-create-jobs",
                subscribeBody(null, true, emailProfile("b@consent.example.com", "SUBSCRIBED")));
        assertThat(historicalWithout.status()).isEqualTo(400);
        assertThat(historicalWithout.error().at("/source/pointer").asText()).endsWith("/email/marketing/consented_at");
        var future = api.post("bulk_subscribe_profiles", "/api/profile-subscription-bulk-create-jobs", subscribeBody(null, true,
                "{\"type\":\"profile\",\"attributes\":{\"email\":\"c@consent.example.com\",\"subscriptions\":{\"email\":"
                        + "{\"marketing\":{\"consent\":\"SUBSCRIBED\",\"consented_at\":\"2999-01-01T00:00:00Z\"}}}}}"));
        assertThat(future.status()).isEqualTo(400);
        assertThat(future.error().get("detail").asText()).contains("past");
        var wrongConsent = api.post("bulk_subscribe_profiles", "/api/profile-subscription-bulk-create-jobs",
                subscribeBody(null, false, emailProfile("d@consent.example.com", "UNSUBSCRIBED")));
        assertThat(wrongConsent.status()).isEqualTo(400);
        assertThat(wrongConsent.error().at("/source/pointer").asText()).endsWith("/email/marketing/consent");
        String[] many = IntStream.range(0, 1001).mapToObj(i -> emailProfile("m" + i + "@consent.example.com", "SUBSCRIBED"))
                .toArray(String[]::new);
        var tooMany = api.post("bulk_subscribe_profiles", "/api/profile-subscription-bulk-create-jobs", subscribeBody(null, false, many));
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.error().at("/source/pointer").asText()).isEqualTo("/data/attributes/profiles/data");
        var unknownList = api.post("bulk_subscribe_profiles", "/api/profile-subscription-bulk-create-jobs",
                subscribeBody("nope00", false, emailProfile("e@consent.example.com", "SUBSCRIBED")));
        assertThat(unknownList.status()).isEqualTo(404);
        assertThat(unknownList.error().at("/source/pointer").asText()).isEqualTo("/data/relationships/list/data/id");
        var badEmail = api.post("bulk_suppress_profiles", "/api/profile-suppression-bulk-create-jobs",
                suppressBody("profile-suppression-bulk-create-job", "not-an-email"));
        assertThat(badEmail.status()).isEqualTo(400);
        assertThat(badEmail.error().at("/source/pointer").asText()).isEqualTo("/data/attributes/profiles/data/0/attributes/email");
        var segment = api.post("bulk_suppress_profiles", "/api/profile-suppression-bulk-create-jobs",
                "{\"data\":{\"type\":\"profile-suppression-bulk-create-job\",\"attributes\":{},\"relationships\":{\"segment\":"
                        + "{\"data\":{\"type\":\"segment\",\"id\":\"SEG123\"}}}}}");
        assertThat(segment.status()).isEqualTo(404);
        assertThat(jobCount()).isEqualTo(before);
        assertThat(api.get("get_profiles", "/api/profiles?filter=equals(email,%22nophone@consent.example.com%22)").data()).isEmpty();
    }

    @Test
    void sparseFieldsetsReachIntoSubscriptions() throws Exception {
        api.post("bulk_subscribe_profiles", "/api/profile-subscription-bulk-create-jobs",
                subscribeBody(null, false, emailProfile("sparse@consent.example.com", "SUBSCRIBED")));
        awaitJobs();
        var r = api.get("get_profiles", "/api/profiles?" + SUBS + "&fields%5Bprofile%5D=email,subscriptions.email.marketing.consent"
                + "&filter=equals(email,%22sparse@consent.example.com%22)");
        JsonNode a = r.data().get(0).get("attributes");
        assertThat(a.at("/subscriptions/email/marketing/consent").asText()).isEqualTo("SUBSCRIBED");
        assertThat(a.at("/subscriptions/email/marketing").size()).isEqualTo(1);
        assertThat(a.has("first_name")).isFalse();
        // Without the additional field, no subscriptions at all.
        assertThat(profileByEmailPlain("sparse@consent.example.com").get("attributes").has("subscriptions")).isFalse();
        // Write responses carry them too when asked.
        var upsert = api.post("create_or_update_profile", "/api/profile-import?" + SUBS,
                "{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"sparse@consent.example.com\",\"first_name\":\"S\"}}}");
        assertThat(upsert.data().at("/attributes/subscriptions/email/marketing/consent").asText()).isEqualTo("SUBSCRIBED");
    }

    @Test
    void aJobThatCannotApplyAProfileRecordsWhyForTheOperator() throws Exception {
        api.post("bulk_subscribe_profiles", "/api/profile-subscription-bulk-create-jobs", subscribeBody(null, false,
                "{\"type\":\"profile\",\"id\":\"01NOSUCHPROFILE000000000000\",\"attributes\":{\"subscriptions\":{\"email\":"
                        + "{\"marketing\":{\"consent\":\"SUBSCRIBED\"}}}}}",
                emailProfile("fine@consent.example.com", "SUBSCRIBED")));
        awaitJobs();
        String jobId = server.jdbc().read(c -> {
            try (var rs = c.createStatement().executeQuery(
                    "select id from job where kind = 'profile-subscription-bulk-create-job' order by created_at desc, id desc limit 1")) {
                rs.next();
                return rs.getString(1);
            }
        });
        JsonNode report = Json.MAPPER.readTree(admin("GET", "/admin/consent/jobs/" + jobId, null, TestServer.ADMIN_KEY).body());
        assertThat(report.get("status").asText()).isEqualTo("complete");
        assertThat(report.get("completed_count").asInt()).isEqualTo(1);
        assertThat(report.get("skipped_count").asInt()).isEqualTo(1);
        assertThat(report.at("/errors/0/index").asInt()).isZero();
        assertThat(report.at("/errors/0/detail").asText()).contains("01NOSUCHPROFILE000000000000");
        assertThat(marketing("fine@consent.example.com").get("consent").asText()).isEqualTo("SUBSCRIBED");
    }

    static JsonNode profileByEmailPlain(String email) {
        return api.get("get_profiles", "/api/profiles?filter=equals(email,%22" + email + "%22)").data().get(0);
    }

    static int jobCount() {
        return server.queryInt("select count(*) from job");
    }

    @Test
    void listSuppressionFiltersAndSuppressionSortsSelectAndOrderProfiles() throws Exception {
        // List suppressions come from list unsubscribes in an account whose scope is 'list'.
        Api scoped = server.api(server.createKey("list-suppressions", Set.of("*")));
        assertThat(admin("PATCH", "/admin/accounts/list-suppressions", "{\"unsubscribe_scope\":\"list\"}",
                TestServer.ADMIN_KEY).statusCode()).isEqualTo(200);
        String l = ConsentApiTestSupport.list(scoped, "Filtered", "single_opt_in");
        for (String who : List.of("f1", "f2")) {
            scoped.post("bulk_subscribe_profiles", "/api/profile-subscription-bulk-create-jobs",
                    subscribeBody(l, false, emailProfile(who + "@filter.consent.example.com", "SUBSCRIBED")));
        }
        awaitJobs();
        server.clock().advance(Duration.ofMinutes(5));
        scoped.post("bulk_unsubscribe_profiles", "/api/profile-subscription-bulk-delete-jobs",
                unsubscribeBody(l, emailProfile("f2@filter.consent.example.com", "UNSUBSCRIBED")));
        awaitJobs();
        var byList = scoped.get("get_profiles", "/api/profiles?filter=equals(subscriptions.email.marketing.list_suppressions.list_id,%22"
                + l + "%22)");
        assertThat(byList.data().findValuesAsText("email")).containsExactly("f2@filter.consent.example.com");
        var byReason = scoped.get("get_profiles", "/api/profiles?filter=equals(subscriptions.email.marketing.list_suppressions.reason,"
                + "%22UNSUBSCRIBE%22),equals(subscriptions.email.marketing.list_suppressions.list_id,%22" + l + "%22)");
        assertThat(byReason.data()).hasSize(1);
        String since = server.clock().instant().minus(Duration.ofMinutes(1)).toString();
        var byTime = scoped.get("get_profiles", "/api/profiles?filter=greater-or-equal(subscriptions.email.marketing.list_suppressions"
                + ".timestamp," + since + ")");
        assertThat(byTime.data().findValuesAsText("email")).containsExactly("f2@filter.consent.example.com");
        var none = scoped.get("get_profiles", "/api/profiles?filter=less-than(subscriptions.email.marketing.list_suppressions"
                + ".timestamp,2000-01-01T00:00:00Z)");
        assertThat(none.data()).isEmpty();
        // Sorted by list suppression time, descending: profiles never suppressed ('infinity') first.
        var sorted = scoped.get("get_profiles", "/api/profiles?sort=-subscriptions.email.marketing.list_suppressions.timestamp"
                + "&page%5Bsize%5D=100");
        assertThat(sorted.data().findValuesAsText("email"))
                .containsExactly("f1@filter.consent.example.com", "f2@filter.consent.example.com");
    }

    @Test
    void theConsentCommandConfirmsThroughTheAdminApi() throws Exception {
        String l = list("Cli double", "double_opt_in");
        api.post("bulk_subscribe_profiles", "/api/profile-subscription-bulk-create-jobs",
                subscribeBody(l, false, emailProfile("cli@consent.example.com", "SUBSCRIBED")));
        awaitJobs();
        assertThat(marketing("cli@consent.example.com").get("can_receive_email_marketing").asBoolean()).isFalse();
        var run = dev.openprofile.testing.Cli.run("consent", "confirm", "--url", server.baseUrl(),
                "--admin-key", TestServer.ADMIN_KEY, "--email", "cli@consent.example.com", "--list", l);
        assertThat(run.exit()).isZero();
        assertThat(Json.MAPPER.readTree(run.out()).get("confirmed").asBoolean()).isTrue();
        assertThat(marketing("cli@consent.example.com").get("consent").asText()).isEqualTo("SUBSCRIBED");
        String id = profileByEmail("cli@consent.example.com").get("id").asText();
        var history = dev.openprofile.testing.Cli.run("consent", "history", "--url", server.baseUrl(),
                "--admin-key", TestServer.ADMIN_KEY, id);
        assertThat(history.exit()).isZero();
        assertThat(Json.MAPPER.readTree(history.out()).get("history").findValuesAsText("to"))
                .containsExactly("PENDING", "SUBSCRIBED");
        var wrongKey = dev.openprofile.testing.Cli.run("consent", "job", "--url", server.baseUrl(),
                "--admin-key", "not-the-admin-key-000", "01NOSUCHJOB0000000000000000");
        assertThat(wrongKey.exit()).isEqualTo(1);
    }

    @Test
    void bouncesRecordedByTheOperatorSurviveSubscribeAndUnsuppress() throws Exception {
        api.post("bulk_subscribe_profiles", "/api/profile-subscription-bulk-create-jobs",
                subscribeBody(null, false, emailProfile("bounce@consent.example.com", "SUBSCRIBED")));
        awaitJobs();
        var bounce = dev.openprofile.testing.Cli.run("consent", "suppress", "--url", server.baseUrl(),
                "--admin-key", TestServer.ADMIN_KEY, "--email", "bounce@consent.example.com", "--reason", "HARD_BOUNCE");
        assertThat(bounce.exit()).isZero();
        assertThat(admin("POST", "/admin/consent/suppress", "{\"email\":\"bounce@consent.example.com\",\"reason\":\"LOST\"}",
                TestServer.ADMIN_KEY).statusCode()).isEqualTo(400);
        JsonNode m = marketing("bounce@consent.example.com");
        assertThat(m.get("consent").asText()).isEqualTo("SUBSCRIBED");
        assertThat(m.get("suppression").findValuesAsText("reason")).containsExactly("HARD_BOUNCE");
        assertThat(m.get("can_receive_email_marketing").asBoolean()).isFalse();
        // Neither a new subscribe nor an unsuppress lifts a hard bounce (spec).
        api.post("bulk_subscribe_profiles", "/api/profile-subscription-bulk-create-jobs",
                subscribeBody(null, false, emailProfile("bounce@consent.example.com", "SUBSCRIBED")));
        api.post("bulk_unsuppress_profiles", "/api/profile-suppression-bulk-delete-jobs",
                suppressBody("profile-suppression-bulk-delete-job", "bounce@consent.example.com"));
        awaitJobs();
        m = marketing("bounce@consent.example.com");
        assertThat(m.get("suppression").findValuesAsText("reason")).containsExactly("HARD_BOUNCE");
        assertThat(m.get("can_receive_email_marketing").asBoolean()).isFalse();
    }

    @Test
    void aHistoricalImportSkipsDoubleOptInAndKeepsItsConsentTime() throws Exception {
        String l = list("Historical", "double_opt_in");
        api.post("bulk_subscribe_profiles", "/api/profile-subscription-bulk-create-jobs", subscribeBody(l, true,
                "{\"type\":\"profile\",\"attributes\":{\"email\":\"old@consent.example.com\",\"phone_number\":\"+14155550199\","
                        + "\"subscriptions\":{\"email\":{\"marketing\":{\"consent\":\"SUBSCRIBED\",\"consented_at\":\"2021-03-04T05:06:07Z\"}},"
                        + "\"sms\":{\"marketing\":{\"consent\":\"SUBSCRIBED\",\"consented_at\":\"1985-01-01T00:00:00Z\"}}}}}"));
        awaitJobs();
        JsonNode s = profileByEmail("old@consent.example.com").at("/attributes/subscriptions");
        assertThat(s.at("/email/marketing/consent").asText()).isEqualTo("SUBSCRIBED");
        assertThat(s.at("/email/marketing/double_optin").asBoolean()).isFalse();
        assertThat(s.at("/email/marketing/consent_timestamp").asText()).isEqualTo("2021-03-04T05:06:07+00:00");
        assertThat(s.at("/sms/marketing/consent").asText()).isEqualTo("SUBSCRIBED");
        assertThat(s.at("/sms/marketing/can_receive_sms_marketing").asBoolean()).isTrue();
        // The oldest consent Klaviyo records is 1990-01-01 (semantics §12).
        assertThat(s.at("/sms/marketing/consent_timestamp").asText()).isEqualTo("1990-01-01T00:00:00+00:00");
        assertThat(memberIds(l)).hasSize(1);
    }
}
