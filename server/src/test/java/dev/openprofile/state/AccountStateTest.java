package dev.openprofile.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.testing.AdminApi;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.TestServer;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Reset, export and import of an account holding every kind of object (issue 13, README "Operator controls"):
 * export → reset → import → export is byte-identical, the server answers as before the reset, an import into
 * another account gives that account the same objects, and another account is never touched.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AccountStateTest {
    static final Set<String> IN_FLIGHT_ONLY = Set.of("privacy_deletion", "profile_import_chunk", "profile_merge",
            "data_source_record_job", "data_source_record_job_item");
    static TestServer server;
    static AccountState state;
    static String exported;
    static Map<String, String> reads;
    static String defaultId;
    static String otherKey;

    @BeforeAll
    static void build() throws Exception {
        // The console's account logins on, so that the fixture holds a console session (a table a reset keeps).
        server = TestServer.start(dev.openprofile.testing.TestDatabase.freshDatabase(),
                java.util.Map.of(dev.openprofile.config.ConsoleAccess.CONSOLE, "admin,accounts"), java.time.Clock.systemUTC());
        state = new AccountState(server);
        otherKey = server.createKey("other", Set.of("*"));
        assertThat(server.api(otherKey).post("create_profile", "/api/profiles",
                "{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"other@state.example\"}}}").status()).isEqualTo(201);
        defaultId = StateChecks.accountId(server, "default");
        reads = reads(server.api());
        // Work the segments have not done yet (a read does it first): a profile that changed since they last looked.
        server.jdbc().inTransaction(c -> c.createStatement().executeUpdate("insert into segment_pending"
                + " select account_id, id from profile where account_id = '" + defaultId + "' order by id limit 1"));
        exported = StateChecks.export(server, "default");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** What the API answers about the account's objects, read by read. */
    static Map<String, String> reads(Api api) {
        Map<String, String> out = new LinkedHashMap<>();
        read(out, api, "get_profiles", "/api/profiles?sort=email&additional-fields%5Bprofile%5D=subscriptions");
        read(out, api, "get_profiles", "/api/profiles?filter=" + URLEncoder.encode(
                "and(any(email,[\"ada@state.example\",\"bob@state.example\"]),greater-than(created,2000-01-01T00:00:00Z))", StandardCharsets.UTF_8));
        read(out, api, "get_profiles", "/api/profiles?filter=" + URLEncoder.encode(
                "equals(subscriptions.email.marketing.suppression.reason,\"HARD_BOUNCE\")", StandardCharsets.UTF_8));
        read(out, api, "get_lists", "/api/lists?sort=name");
        read(out, api, "get_segments", "/api/segments");
        read(out, api, "get_profile_ids_for_segment", "/api/segments/" + state.owning.segment + "/relationships/profiles");
        read(out, api, "get_profiles_for_list", "/api/lists/" + state.owning.importList + "/profiles");
        read(out, api, "get_bulk_import_profiles_job", "/api/profile-bulk-import-jobs/" + state.owning.importJob);
        read(out, api, "get_profile_ids_for_bulk_import_profiles_job",
                "/api/profile-bulk-import-jobs/" + state.owning.importJob + "/relationships/profiles");
        read(out, api, "get_events", "/api/events?sort=datetime&include=metric");
        read(out, api, "get_metrics", "/api/metrics");
        read(out, api, "get_push_tokens", "/api/push-tokens");
        return out;
    }

    static void assertSameReads(Api api) {
        Map<String, String> now = reads(api);
        reads.forEach((path, body) -> assertThat(now.get(path)).as(path).isEqualTo(body));
    }

    private static void read(Map<String, String> out, Api api, String operation, String path) {
        Api.Response r = api.get(operation, path);
        assertThat(r.status()).as(path + ": " + r.text()).isEqualTo(200);
        out.put(path, r.text());
    }

    @Test
    @Order(1)
    void everyTableOfTheAccountHoldsRowsAndIsResetOrKept() {
        Map<String, Integer> rows = StateChecks.rowsPerTable(server, defaultId);
        // Rows only while their job runs (a deletion does not keep the identifier, an import drops its processed chunks,
        // a merge its request, a bulk ingestion job its records);
        // StateAdminTest exports a deletion in flight.
        rows.keySet().removeAll(IN_FLIGHT_ONLY);
        StateTables tables = StateTables.read(server.jdbc());
        assertThat(tables.withAccount()).containsAll(IN_FLIGHT_ONLY).hasSize(rows.size() + IN_FLIGHT_ONLY.size());
        // A table a later feature adds is reset and exported unless named in KEPT; and it is covered here only
        // once AccountState puts rows in it, so that its export and import are proven too.
        assertThat(rows).as("tables without rows of the fixture account (add them to AccountState, or name the table"
                + " in StateTables.KEPT)").allSatisfy((table, n) -> assertThat(n).as(table).isPositive());
        assertThat(StateTables.KEPT).isSubsetOf(tables.withAccount());
        assertThat(tables.reset()).doesNotContainAnyElementsOf(StateTables.KEPT);
        assertThat(tables.reset().size() + StateTables.KEPT.size()).isEqualTo(tables.withAccount().size());
        // The operator's clock is the server's, not an account's; a rate-limit bucket is the limiter's (Bucket4j's
        // table, the account inside its key): a reset leaves both alone, and an account starts its windows afresh
        // only as they roll over (docs/compatibility.md, "Operator controls").
        assertThat(StateChecks.tablesWithoutAccount(server)).as("a table without account_id is neither reset nor exported")
                .containsExactly("flyway_schema_history", "operator_clock", "rate_limit_bucket");
    }

    @Test
    @Order(2)
    void theExportIsOneObjectPerLineInDependencyAndKeyOrder() throws Exception {
        String[] lines = exported.split("\n", -1);
        assertThat(lines[lines.length - 1]).isEmpty(); // every line ends with a newline
        JsonNode header = Json.MAPPER.readTree(lines[0]);
        assertThat(header.get("openprofile_state").asInt()).isEqualTo(1);
        assertThat(Json.MAPPER.readTree(lines[lines.length - 2]).get("rows").asInt()).isEqualTo(lines.length - 3);
        List<String> seen = new ArrayList<>();
        for (int i = 1; i < lines.length - 2; i++) {
            JsonNode line = Json.MAPPER.readTree(lines[i]);
            String table = line.get("table").asText();
            if (seen.isEmpty() || !seen.getLast().equals(table)) {
                assertThat(seen).as("each table's rows together").doesNotContain(table);
                seen.add(table);
            }
            assertThat(line.get("row").has("account_id")).isFalse();
            if (table.equals("profile")) assertThat(line.get("row").has("email_key")).as("generated column").isFalse();
            if (table.equals("job")) assertThat(line.get("row").get("lease_owner").isNull()).isTrue();
        }
        assertThat(seen).contains("segment_pending").doesNotContain("account", "api_key", "client_geofence");
        assertThat(seen.indexOf("profile")).isLessThan(seen.indexOf("list_membership"));
        assertThat(seen.indexOf("job")).isLessThan(seen.indexOf("profile_import"));
        assertThat(seen.indexOf("conversation")).isLessThan(seen.indexOf("conversation_message"));
        assertThat(exported).contains("\"value\":12.5,").contains("\"datetime\":\"2024-02-29T23:59:59+00:00\"");
        assertThat(StateChecks.export(server, "default")).as("a second export of the same state").isEqualTo(exported);
    }

    @Test
    @Order(3)
    void aResetDeletesEveryObjectOfTheAccountAndNothingElse() throws Exception {
        Map<String, String> others = StateChecks.checksumsExcept(server, defaultId);
        Map<String, Integer> before = StateChecks.rowsPerTable(server, defaultId);
        HttpResponse<String> r = AdminApi.send(server, "POST", "/admin/reset", "{\"account\":\"default\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode answer = Json.MAPPER.readTree(r.body());
        assertThat(answer.get("accounts")).hasSize(1);
        assertThat(answer.get("accounts").get(0).asText()).isEqualTo("default");
        JsonNode deleted = answer.get("deleted");
        assertThat(deleted.get("profile").asInt()).isEqualTo(before.get("profile")).isPositive();
        assertThat(deleted.get("event").asInt()).isEqualTo(before.get("event"));
        assertThat(deleted.get("job").asInt()).isEqualTo(before.get("job"));
        assertThat(deleted.get("metric-property").asInt()).isEqualTo(before.get("metric_property"));
        assertThat(deleted.get("consent_history").asInt()).isEqualTo(before.get("consent_history"));

        Map<String, Integer> after = StateChecks.rowsPerTable(server, defaultId);
        after.forEach((table, n) -> {
            if (StateTables.KEPT.contains(table)) assertThat(n).as(table).isEqualTo(before.get(table));
            else assertThat(n).as(table).isZero();
        });
        assertThat(StateChecks.checksumsExcept(server, defaultId)).isEqualTo(others);
        // The keys still work; the account answers as a new one.
        Api api = server.api();
        assertThat(api.get("get_profiles", "/api/profiles").data()).isEmpty();
        assertThat(api.get("get_lists", "/api/lists").data()).isEmpty();
        assertThat(api.get("get_metrics", "/api/metrics").data()).isEmpty();
        assertThat(server.api(otherKey).get("get_profiles", "/api/profiles").data()).hasSize(1);
    }

    @Test
    @Order(4)
    void anImportRestoresTheStateByteForByteAndTheServerAnswersAsBefore() throws Exception {
        HttpResponse<String> r = AdminApi.send(server, "POST", "/admin/import?account=default", exported);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode loaded = Json.MAPPER.readTree(r.body()).get("loaded");
        assertThat(loaded.get("profile").asInt()).isEqualTo(StateChecks.rowsPerTable(server, defaultId).get("profile"));
        assertThat(StateChecks.export(server, "default")).isEqualTo(exported);
        assertSameReads(server.api());
        assertThat(state.owning.segmentMembers()).hasSize(3); // ada, bob, and cy (dee was merged into cy)
    }

    @Test
    @Order(5)
    void aResetForgetsTheMetricsItsNodeCachedSoNewEventsRecreateThem() throws Exception {
        String copy = "cache-check";
        String key = server.createKey(copy, Set.of("*"));
        Api api = server.api(key);
        String event = "{\"data\":{\"type\":\"event\",\"attributes\":{\"properties\":{\"Item\":\"Book\"},\"metric\":{\"data\":"
                + "{\"type\":\"metric\",\"attributes\":{\"name\":\"Cached\"}}},\"profile\":{\"data\":{\"type\":\"profile\","
                + "\"attributes\":{\"email\":\"cache@state.example\"}}}}}}";
        assertThat(api.post("create_event", "/api/events", event).status()).isEqualTo(202);
        assertThat(AdminApi.send(server, "POST", "/admin/reset", "{\"account\":\"" + copy + "\"}").statusCode()).isEqualTo(200);
        assertThat(api.post("create_event", "/api/events", event).status()).isEqualTo(202);
        JsonNode metrics = api.get("get_metrics", "/api/metrics").data();
        assertThat(metrics).hasSize(1);
        String metric = metrics.get(0).get("id").asText();
        assertThat(api.get("get_events", "/api/events").data().get(0).at("/relationships/metric/data/id").asText()).isEqualTo(metric);
        assertThat(api.get("get_properties_for_metric", "/api/metrics/" + metric + "/metric-properties").data())
                .extracting(p -> p.at("/attributes/property").asText()).containsExactly("Item");
    }

    @Test
    @Order(6)
    void anImportIntoAnAccountHoldingDataIsRefusedAndChangesNothing() throws Exception {
        Map<String, String> sums = StateChecks.checksumsExcept(server, "nobody");
        HttpResponse<String> r = AdminApi.send(server, "POST", "/admin/import?account=default", exported);
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode error = Json.MAPPER.readTree(r.body()).get("errors").get(0);
        assertThat(error.at("/source/parameter").asText()).isEqualTo("account");
        assertThat(error.get("detail").asText()).contains("already holds data");
        assertThat(StateChecks.checksumsExcept(server, "nobody")).isEqualTo(sums);
    }

    @Test
    @Order(7)
    void anImportIntoAnotherAccountGivesItTheSameObjects() {
        String key = server.createKey("copy", Set.of("*"));
        HttpResponse<String> r = StateChecks.importInto(server, "copy", exported);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(StateChecks.export(server, "copy")).isEqualTo(exported);
        assertSameReads(server.api(key));
        // Both accounts hold the same ids, and each changes alone.
        var patched = server.api(key).patch("update_profile", "/api/profiles/" + state.owning.ids().get(0),
                "{\"data\":{\"type\":\"profile\",\"id\":\"" + state.owning.ids().get(0) + "\",\"attributes\":{\"first_name\":\"Copy\"}}}");
        assertThat(patched.status()).as(patched.text()).isEqualTo(200);
        assertSameReads(server.api());
        // Consent history keeps its sequence numbers; a new change in either account follows them.
        int history = server.queryInt("select count(*) from consent_history");
        var unsubscribed = server.api(key).post("bulk_unsubscribe_profiles", "/api/profile-subscription-bulk-delete-jobs",
                "{\"data\":{\"type\":\"profile-subscription-bulk-delete-job\",\"attributes\":{\"profiles\":{\"data\":["
                        + "{\"type\":\"profile\",\"attributes\":{\"email\":\"bob@state.example\",\"subscriptions\":{\"email\":"
                        + "{\"marketing\":{\"consent\":\"UNSUBSCRIBED\"}}}}}]}},\"relationships\":{\"list\":{\"data\":{\"type\":"
                        + "\"list\",\"id\":\"" + state.owning.subscribeList + "\"}}}}}");
        assertThat(unsubscribed.status()).as(unsubscribed.text()).isEqualTo(202);
        server.awaitJobs();
        assertThat(server.queryInt("select count(*) from consent_history")).isGreaterThan(history);
    }

    @Test
    @Order(8)
    void aResetOfEveryAccountEmptiesThemAllAndKeepsTheirKeysAndConfiguration() throws Exception {
        int profiles = server.queryInt("select count(*) from profile");
        HttpResponse<String> r = AdminApi.send(server, "POST", "/admin/reset", "{}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode answer = Json.MAPPER.readTree(r.body());
        assertThat(answer.get("accounts")).extracting(JsonNode::asText).contains("default", "other", "copy");
        assertThat(answer.at("/deleted/profile").asInt()).isEqualTo(profiles).isEqualTo(4 + 4 + 1 + 1); // default and its copy: three owned and a campaign recipient
        for (String table : StateTables.read(server.jdbc()).reset()) {
            assertThat(server.queryInt("select count(*) from " + table)).as(table).isZero();
        }
        assertThat(server.queryInt("select count(*) from client_geofence")).isEqualTo(1);
        assertThat(server.api(otherKey).get("get_profiles", "/api/profiles").data()).isEmpty();
    }
}
