package dev.openprofile.forms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.MutableClock;
import dev.openprofile.testing.TestServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A form's life through the API: create from a definition, reads of the form and its versions, filters, delete. */
class FormResourcesTest {
    static final MutableClock clock = new MutableClock(Instant.parse("2026-10-01T12:00:00Z"));
    static TestServer server;

    /** Two versions: a named popup, and an unnamed full-screen A/B variation. */
    static final String DEFINITION = "{\"versions\":[{\"type\":\"popup\",\"name\":\"Main\",\"steps\":[{\"name\":\"Email\","
            + "\"columns\":[{\"rows\":[]}]}]},{\"type\":\"full_screen\",\"ab_test\":true,\"steps\":[{\"columns\":[]}]}]}";

    @BeforeAll
    static void start() {
        server = TestServer.start(clock);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Api account() {
        return server.newAccount("forms-").api();
    }

    static String body(String name, boolean abTest, String definition) {
        return "{\"data\":{\"type\":\"form\",\"attributes\":{\"name\":\"" + name + "\",\"status\":\"draft\",\"ab_test\":" + abTest
                + ",\"definition\":" + definition + "}}}";
    }

    static JsonNode create(Api api, String name, boolean abTest, String definition) {
        var r = api.post("create_form", "/api/forms", body(name, abTest, definition));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.data();
    }

    static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static List<String> names(JsonNode data) {
        List<String> out = new ArrayList<>();
        data.forEach(d -> out.add(d.at("/attributes/name").asText()));
        return out;
    }

    @Test
    void aCreatedFormIsADraftWithAVersionPerEntryOfItsDefinition() {
        Api api = account();
        JsonNode form = create(api, "Cyber Monday", true, DEFINITION);
        String id = form.get("id").asText();
        assertThat(id).matches("[A-Za-z0-9]{6}");
        assertThat(form.get("type").asText()).isEqualTo("form");
        JsonNode a = form.get("attributes");
        assertThat(a.get("name").asText()).isEqualTo("Cyber Monday");
        assertThat(a.get("status").asText()).isEqualTo("draft");
        assertThat(a.get("ab_test").asBoolean()).isTrue();
        assertThat(OffsetDateTime.parse(a.get("created_at").asText()).toInstant()).isEqualTo(clock.instant());
        assertThat(a.get("updated_at").asText()).isEqualTo(a.get("created_at").asText());
        assertThat(form.has("relationships")).isFalse();
        assertThat(form.at("/links/self").asText()).endsWith("/api/forms/" + id + "/");
        // The definition comes back with the versions' ids and the spec's defaults filled in, the rest as given.
        JsonNode versions = a.at("/definition/versions");
        assertThat(versions).hasSize(2);
        assertThat(versions.get(0).get("id").isIntegralNumber()).isTrue();
        assertThat(versions.get(0).get("status").asText()).isEqualTo("draft");
        assertThat(versions.get(0).get("channel").asText()).isEqualTo("WEB");
        assertThat(versions.get(0).get("message_priority").asInt()).isEqualTo(50);
        assertThat(versions.get(0).at("/steps/0/name").asText()).isEqualTo("Email");
        assertThat(versions.get(1).get("type").asText()).isEqualTo("full_screen");

        // get_form shows the same encoded form; the list shows the form without its definition, with its versions' links.
        assertThat(api.get("get_form", "/api/forms/" + id).data()).isEqualTo(form);
        JsonNode listed = api.get("get_forms", "/api/forms").data();
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("attributes").has("definition")).isFalse();
        assertThat(listed.at("/0/relationships/form-versions/links/related").asText()).endsWith("/api/forms/" + id + "/form-versions/");

        // Each version: its type (full_screen is the version's full_page), its name, its A/B variation, its form.
        var related = api.get("get_versions_for_form", "/api/forms/" + id + "/form-versions?sort=created_at");
        assertThat(related.status()).as(related.text()).isEqualTo(200);
        List<String> versionIds = new ArrayList<>();
        related.data().forEach(v -> versionIds.add(v.get("id").asText()));
        assertThat(versionIds).containsExactlyInAnyOrder(versions.get(0).get("id").asText(), versions.get(1).get("id").asText());
        JsonNode popup = api.get("get_form_version", "/api/form-versions/" + versions.get(0).get("id").asText()).data();
        assertThat(popup.at("/attributes/form_type").asText()).isEqualTo("popup");
        assertThat(popup.at("/attributes/variation_name").asText()).isEqualTo("Main");
        assertThat(popup.at("/attributes/ab_test").isNull()).isTrue();
        assertThat(popup.at("/attributes/status").asText()).isEqualTo("draft");
        assertThat(popup.at("/relationships/form/data/id").asText()).isEqualTo(id);
        String fullId = versions.get(1).get("id").asText();
        var full = api.get("get_form_version", "/api/form-versions/" + fullId + "?include=form");
        assertThat(full.data().at("/attributes/form_type").asText()).isEqualTo("full_page");
        assertThat(full.data().at("/attributes/variation_name").asText()).isEqualTo("Cyber Monday");
        assertThat(full.data().at("/attributes/ab_test/variation_name").asText()).isEqualTo("Cyber Monday");
        assertThat(full.body().at("/included/0/id").asText()).isEqualTo(id);
        assertThat(api.get("get_form_for_form_version", "/api/form-versions/" + fullId + "/form").data().get("id").asText()).isEqualTo(id);
        assertThat(api.get("get_form_id_for_form_version", "/api/form-versions/" + fullId + "/relationships/form").data())
                .isEqualTo(new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("type", "form").put("id", id));
        var ids = api.get("get_version_ids_for_form", "/api/forms/" + id + "/relationships/form-versions?filter="
                + q("equals(form_type,\"full_page\")"));
        assertThat(ids.data()).hasSize(1);
        assertThat(ids.data().get(0).get("id").asText()).isEqualTo(fullId);
    }

    @Test
    void sparseFieldsetsApplyToTheDefinitionToo() {
        Api api = account();
        String id = create(api, "Sparse", false, DEFINITION).get("id").asText();
        JsonNode a = api.get("get_form", "/api/forms/" + id + "?fields[form]=name,definition").data().get("attributes");
        assertThat(a.properties()).extracting(java.util.Map.Entry::getKey).containsExactly("name", "definition");
    }

    @Test
    void formsAreFilteredAndSortedAsTheSpecSays() {
        Api api = account();
        create(api, "Spring sale", false, DEFINITION);
        clock.advance(Duration.ofMinutes(1));
        Instant between = clock.instant();
        clock.advance(Duration.ofMinutes(1));
        String summer = create(api, "Summer sale", true, DEFINITION).get("id").asText();
        clock.advance(Duration.ofMinutes(1)); // a tie in created_at would be ordered by the (random) id
        create(api, "Newsletter", false, DEFINITION);
        assertThat(names(api.get("get_forms", "/api/forms?filter=" + q("contains(name,\"sale\")") + "&sort=-created_at").data()))
                .containsExactly("Summer sale", "Spring sale");
        assertThat(names(api.get("get_forms", "/api/forms?filter=" + q("equals(ab_test,true)")).data())).containsExactly("Summer sale");
        assertThat(names(api.get("get_forms", "/api/forms?filter=" + q("greater-than(created_at," + between + ")")
                + "&sort=created_at").data())).containsExactly("Summer sale", "Newsletter");
        assertThat(names(api.get("get_forms", "/api/forms?filter=" + q("any(id,[\"" + summer + "\"])")).data()))
                .containsExactly("Summer sale");
        assertThat(api.get("get_forms", "/api/forms?filter=" + q("equals(status,\"live\")")).data()).isEmpty();
        var paged = api.get("get_forms", "/api/forms?page[size]=2&sort=created_at");
        assertThat(paged.data()).hasSize(2);
        assertThat(paged.body().at("/links/next").asText()).isNotEmpty();
        // A filter the spec does not allow on forms names the parameter.
        var bad = api.get("get_forms", "/api/forms?filter=" + q("equals(form_type,\"popup\")"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.error().at("/source/parameter").asText()).isEqualTo("filter");
    }

    @Test
    void aBadDefinitionIsA400AtTheMemberAtFaultAndNothingIsStored() {
        var account = server.newAccount("forms-");
        Api api = account.api();
        assertRefused(api, body("x", false, "{\"versions\":[{\"type\":\"sidebar\",\"steps\":[]}]}"),
                "/data/attributes/definition/versions/0/type");
        assertRefused(api, body("x", false, "{\"versions\":[{\"name\":\"no steps\"}]}"), "/data/attributes/definition/versions/0/steps");
        assertRefused(api, body("x", false, "{}"), "/data/attributes/definition/versions");
        assertRefused(api, body("x", false, "{\"versions\":[]}"), "/data/attributes/definition/versions");
        assertRefused(api, body("x", false, "{\"versions\":[{\"id\":5,\"steps\":[]}]}"), "/data/attributes/definition/versions/0/id");
        assertRefused(api, body("x", false, "{\"versions\":[{\"steps\":[{\"id\":\"s1\",\"columns\":[]}]}]}"),
                "/data/attributes/definition/versions/0/steps/0/id");
        assertRefused(api, body("x", false, "{\"versions\":[{\"steps\":[],\"triggers\":[{\"type\":\"delay\","
                + "\"properties\":{\"seconds\":\"soon\"}}]}]}"), "/data/attributes/definition/versions/0/triggers/0/properties/seconds");
        assertRefused(api, body("x", false, "{\"versions\":[{\"steps\":[],\"triggers\":[{\"type\":\"exit_intent\",\"id\":\"t\"}]}]}"),
                "/data/attributes/definition/versions/0/triggers/0/id");
        assertRefused(api, body("x", false, "{\"versions\":[{\"status\":\"live\",\"steps\":[]}]}"),
                "/data/attributes/definition/versions/0/status");
        assertRefused(api, "{\"data\":{\"type\":\"form\",\"attributes\":{\"name\":\"x\",\"status\":\"live\",\"ab_test\":false,"
                + "\"definition\":" + DEFINITION + "}}}", "/data/attributes/status");
        assertRefused(api, "{\"data\":{\"type\":\"form\",\"attributes\":{\"name\":\"x\",\"status\":\"draft\","
                + "\"definition\":" + DEFINITION + "}}}", "/data/attributes/ab_test");
        assertRefused(api, "{\"data\":{\"type\":\"form\",\"attributes\":{\"name\":\"\",\"status\":\"draft\",\"ab_test\":false,"
                + "\"definition\":" + DEFINITION + "}}}", "/data/attributes/name");
        assertThat(api.get("get_forms", "/api/forms").data()).isEmpty();
        assertThat(server.queryInt("select count(*) from form_version where account_id = '" + account.id() + "'")).isZero();
        // The id of what a part refers to (an image) is the caller's, and kept.
        JsonNode withImage = create(api, "Image", false, "{\"versions\":[{\"steps\":[],\"styles\":{\"background_image\":"
                + "{\"properties\":{\"id\":12,\"src\":\"https://img.example/a.png\"}}}}]}");
        assertThat(withImage.at("/attributes/definition/versions/0/styles/background_image/properties/id").asInt()).isEqualTo(12);
        assertThat(server.queryInt("select count(*) from form_version where account_id = '" + account.id() + "'")).isOne();
    }

    private static void assertRefused(Api api, String body, String pointer) {
        var r = api.post("create_form", "/api/forms", body);
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.error().at("/source/pointer").asText()).as(r.text()).isEqualTo(pointer);
    }

    @Test
    void deletingAFormDeletesItsVersions() {
        Api api = account();
        JsonNode form = create(api, "Doomed", false, DEFINITION);
        String id = form.get("id").asText();
        String version = form.at("/attributes/definition/versions/0/id").asText();
        assertThat(api.delete("delete_form", "/api/forms/" + id, null).status()).isEqualTo(204);
        for (var r : List.of(api.get("get_form", "/api/forms/" + id), api.get("get_form_version", "/api/form-versions/" + version),
                api.get("get_versions_for_form", "/api/forms/" + id + "/form-versions"),
                api.get("get_form_for_form_version", "/api/form-versions/" + version + "/form"))) {
            assertThat(r.status()).as(r.text()).isEqualTo(404);
        }
        assertThat(api.delete("delete_form", "/api/forms/" + id, null).status()).isEqualTo(404);
    }

    @Test
    void aFormsReportCountsItsEventsAndAnUnknownFormIdIsNoError() {
        Api api = account();
        JsonNode form = create(api, "Reported", false, DEFINITION);
        String id = form.get("id").asText();
        String version = form.at("/attributes/definition/versions/0/id").asText();
        // Distinct seconds: without a unique_id, one event per profile, metric and second is kept (docs/compatibility.md, Events).
        List<String> metrics = List.of("Viewed Form", "Viewed Form", "Submitted Form");
        for (int i = 0; i < metrics.size(); i++) {
            String metric = metrics.get(i);
            var r = api.post("create_event", "/api/events", "{\"data\":{\"type\":\"event\",\"attributes\":{\"properties\":"
                    + "{\"form_id\":\"" + id + "\",\"form_version_id\":\"" + version + "\"},\"time\":\"" + clock.instant().minusSeconds(i) + "\","
                    + "\"metric\":{\"data\":{\"type\":\"metric\",\"attributes\":{\"name\":\"" + metric + "\",\"service\":\"klaviyo\"}}},"
                    + "\"profile\":{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"ada@forms.example\"}}}}}}");
            assertThat(r.status()).as(r.text()).isEqualTo(202);
        }
        var report = formValues(api, "any(form_id,[\\\"" + id + "\\\",\\\"NOSUCH\\\"])");
        assertThat(report.status()).as(report.text()).isEqualTo(200);
        JsonNode results = report.data().at("/attributes/results");
        assertThat(results).hasSize(1);
        assertThat(results.at("/0/groupings/form_id").asText()).isEqualTo(id);
        assertThat(results.at("/0/groupings/form_version_id").asText()).isEqualTo(version);
        assertThat(results.at("/0/statistics/viewed_form").asInt()).isEqualTo(2);
        assertThat(results.at("/0/statistics/submit_rate").asDouble()).isEqualTo(0.5);
        // Decided (docs/compatibility.md, "Forms"): a form id the account does not have selects nothing; it is no error.
        var unknown = formValues(api, "equals(form_id,\\\"NOSUCH\\\")");
        assertThat(unknown.status()).as(unknown.text()).isEqualTo(200);
        assertThat(unknown.data().at("/attributes/results")).isEmpty();
    }

    private static Api.Response formValues(Api api, String filter) {
        return api.post("query_form_values", "/api/form-values-reports", "{\"data\":{\"type\":\"form-values-report\",\"attributes\":"
                + "{\"statistics\":[\"viewed_form\",\"submit_rate\"],\"timeframe\":{\"key\":\"today\"},"
                + "\"group_by\":[\"form_id\",\"form_version_id\"],\"filter\":\"" + filter + "\"}}}");
    }

    @Test
    void anotherAccountsFormsAreNotFound() {
        Api owner = account();
        JsonNode form = create(owner, "Private", false, DEFINITION);
        String id = form.get("id").asText();
        Api other = account();
        assertThat(other.get("get_form", "/api/forms/" + id).status()).isEqualTo(404);
        assertThat(other.get("get_form_version", "/api/form-versions/" + form.at("/attributes/definition/versions/0/id").asText())
                .status()).isEqualTo(404);
        assertThat(other.delete("delete_form", "/api/forms/" + id, null).status()).isEqualTo(404);
        assertThat(other.get("get_forms", "/api/forms").data()).isEmpty();
        assertThat(owner.get("get_form", "/api/forms/" + id).status()).isEqualTo(200);
    }
}
