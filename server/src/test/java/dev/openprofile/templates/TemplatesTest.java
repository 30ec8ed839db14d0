package dev.openprofile.templates;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.MutableClock;
import dev.openprofile.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Templates and universal content through HTTP: the editor-type rules, definitions, filters, sorts, pages, clones,
 * the account limit, and every error path with its pointer (nothing stored by a refused request).
 */
class TemplatesTest {
    static final MutableClock clock = new MutableClock(Instant.parse("2026-10-01T12:00:00Z"));
    static final String DEFINITION = "{\"body\":{\"properties\":{},\"styles\":{},\"sections\":[{\"content_type\":\"section\","
            + "\"type\":\"section\",\"data\":{\"properties\":{},\"display_options\":{},\"styles\":{}},\"rows\":[{\"data\":"
            + "{\"styles\":{}},\"columns\":[{\"blocks\":[{\"content_type\":\"block\",\"type\":\"html\",\"data\":"
            + "{\"content\":\"<p>Hi {{ first_name }}</p>\",\"display_options\":{}}}]}]}]}]},\"styles\":[]}";
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(clock);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Api account() {
        return server.newAccount("templates-").api();
    }

    static String body(String attributes) {
        return "{\"data\":{\"type\":\"template\",\"attributes\":{" + attributes + "}}}";
    }

    static JsonNode create(Api api, String attributes) {
        var r = api.post("create_template", "/api/templates", body(attributes));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.data();
    }

    static JsonNode code(Api api, String name) {
        return create(api, "\"name\":\"" + name + "\",\"editor_type\":\"CODE\",\"html\":\"<p>" + name + "</p>\"");
    }

    static List<String> names(JsonNode data) {
        List<String> out = new ArrayList<>();
        data.forEach(d -> out.add(d.at("/attributes/name").asText()));
        return out;
    }

    static int count(Api api) {
        int n = 0;
        String next = "/api/templates";
        while (next != null) {
            var page = api.get("get_templates", next);
            n += page.data().size();
            JsonNode link = page.body().at("/links/next");
            next = link.isTextual() ? link.asText().substring(link.asText().indexOf("/api/")) : null;
        }
        return n;
    }

    @Test
    void aCodeTemplateIsCreatedReadUpdatedAndDeleted() {
        Api api = account();
        JsonNode t = create(api, "\"name\":\"Monthly\",\"editor_type\":\"CODE\",\"html\":\"<p>Hi</p>\",\"text\":\"Hi\",\"amp\":null");
        String id = t.get("id").asText();
        assertThat(id).matches("[A-Za-z0-9]{6}");
        JsonNode a = t.get("attributes");
        assertThat(a.get("name").asText()).isEqualTo("Monthly");
        assertThat(a.get("editor_type").asText()).isEqualTo("CODE");
        assertThat(a.get("html").asText()).isEqualTo("<p>Hi</p>");
        assertThat(a.get("text").asText()).isEqualTo("Hi");
        assertThat(a.get("amp").isNull()).isTrue();
        assertThat(a.has("definition")).isFalse();
        assertThat(java.time.OffsetDateTime.parse(a.get("created").asText()).toInstant()).isEqualTo(clock.instant());
        assertThat(t.at("/links/self").asText()).endsWith("/api/templates/" + id + "/");
        assertThat(api.get("get_template", "/api/templates/" + id).data()).isEqualTo(t);

        clock.advance(Duration.ofMinutes(1));
        var updated = api.patch("update_template", "/api/templates/" + id, "{\"data\":{\"type\":\"template\",\"id\":\"" + id
                + "\",\"attributes\":{\"html\":\"<p>Bye</p>\",\"text\":null,\"name\":null}}}");
        assertThat(updated.status()).as(updated.text()).isEqualTo(200);
        assertThat(updated.data().at("/attributes/html").asText()).isEqualTo("<p>Bye</p>");
        assertThat(updated.data().at("/attributes/text").isNull()).isTrue();
        assertThat(updated.data().at("/attributes/name").asText()).isEqualTo("Monthly");
        assertThat(updated.data().at("/attributes/updated").asText()).isNotEqualTo(a.get("updated").asText());

        assertThat(api.delete("delete_template", "/api/templates/" + id, null).status()).isEqualTo(204);
        assertThat(api.get("get_template", "/api/templates/" + id).status()).isEqualTo(404);
        assertThat(api.delete("delete_template", "/api/templates/" + id, null).status()).isEqualTo(404);
    }

    @Test
    void aSystemDraggableTemplateKeepsItsDefinitionAndMakesItsHtmlFromIt() {
        Api api = account();
        JsonNode t = create(api, "\"name\":\"DnD\",\"editor_type\":\"SYSTEM_DRAGGABLE\",\"definition\":" + DEFINITION);
        String id = t.get("id").asText();
        assertThat(t.at("/attributes/definition/body/sections/0/type").asText()).isEqualTo("section");
        assertThat(t.at("/attributes/html").asText()).isEqualTo("<html><body><div><p>Hi {{ first_name }}</p></div></body></html>");
        assertThat(api.get("get_template", "/api/templates/" + id).data().at("/attributes/definition")).isEqualTo(t.at("/attributes/definition"));
        // Collections show a definition only when asked.
        JsonNode listed = api.get("get_templates", "/api/templates").data().get(0);
        assertThat(listed.get("attributes").has("definition")).isFalse();
        JsonNode asked = api.get("get_templates", "/api/templates?additional-fields%5Btemplate%5D=definition").data().get(0);
        assertThat(asked.at("/attributes/definition")).isEqualTo(t.at("/attributes/definition"));
        // A new definition replaces the old one, and the html with it; html and amp are refused.
        var updated = api.patch("update_template", "/api/templates/" + id, "{\"data\":{\"type\":\"template\",\"id\":\"" + id
                + "\",\"attributes\":{\"definition\":" + DEFINITION.replace("Hi {{ first_name }}", "Bye") + "}}}");
        assertThat(updated.status()).as(updated.text()).isEqualTo(200);
        assertThat(updated.data().at("/attributes/html").asText()).contains("<p>Bye</p>");
        for (String attribute : new String[] {"html", "amp"}) {
            var refused = api.patch("update_template", "/api/templates/" + id, "{\"data\":{\"type\":\"template\",\"id\":\"" + id
                    + "\",\"attributes\":{\"" + attribute + "\":\"<p>x</p>\"}}}");
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.error().at("/source/pointer").asText()).isEqualTo("/data/attributes/" + attribute);
        }
        var rendered = api.post("render_template", "/api/template-render", "{\"data\":{\"type\":\"template\",\"id\":\"" + id
                + "\",\"attributes\":{\"context\":{}}}}");
        assertThat(rendered.status()).as(rendered.text()).isEqualTo(201);
        assertThat(rendered.data().get("attributes").has("definition")).isFalse();
    }

    @Test
    void editorTypeRulesAndBadBodiesAre400sThatStoreNothing() {
        Api api = account();
        String[][] cases = {
                {body("\"editor_type\":\"CODE\",\"html\":\"x\""), "/data/attributes/name"},
                {body("\"name\":\"\",\"editor_type\":\"CODE\",\"html\":\"x\""), "/data/attributes/name"},
                {body("\"name\":\"n\",\"html\":\"x\""), "/data/attributes/editor_type"},
                {body("\"name\":\"n\",\"editor_type\":\"SIMPLE\",\"html\":\"x\""), "/data/attributes/editor_type"},
                {body("\"name\":\"n\",\"editor_type\":\"CODE\""), "/data/attributes/html"},
                {body("\"name\":\"n\",\"editor_type\":\"USER_DRAGGABLE\",\"html\":null"), "/data/attributes/html"},
                {body("\"name\":\"n\",\"editor_type\":\"CODE\",\"html\":7"), "/data/attributes/html"},
                {body("\"name\":\"n\",\"editor_type\":\"SYSTEM_DRAGGABLE\""), "/data/attributes/definition"},
                {body("\"name\":\"n\",\"editor_type\":\"SYSTEM_DRAGGABLE\",\"html\":\"x\",\"definition\":" + DEFINITION), "/data/attributes/html"},
                {body("\"name\":\"n\",\"editor_type\":\"SYSTEM_DRAGGABLE\",\"amp\":\"x\",\"definition\":" + DEFINITION), "/data/attributes/amp"},
                {body("\"name\":\"n\",\"editor_type\":\"SYSTEM_DRAGGABLE\",\"definition\":{\"styles\":[]}"), "/data/attributes/definition/body"},
                {body("\"name\":\"n\",\"editor_type\":\"SYSTEM_DRAGGABLE\",\"definition\":{\"body\":{}}"), "/data/attributes/definition/styles"},
                {body("\"name\":\"n\",\"editor_type\":\"SYSTEM_DRAGGABLE\",\"definition\":[]"), "/data/attributes/definition"},
                {body("\"name\":\"n\",\"editor_type\":\"CODE\",\"html\":\"x\",\"created\":\"2026-01-01T00:00:00Z\""), "/data/attributes/created"},
                {"{\"data\":{\"type\":\"list\",\"attributes\":{\"name\":\"n\",\"editor_type\":\"CODE\",\"html\":\"x\"}}}", "/data/type"}};
        for (String[] c : cases) {
            var r = api.post("create_template", "/api/templates", c[0]);
            assertThat(r.status()).as(c[0]).isEqualTo(400);
            assertThat(r.error().at("/source/pointer").asText()).as(c[0]).isEqualTo(c[1]);
        }
        assertThat(count(api)).isZero();
        // A CODE template's definition is ignored on create and refused on update; its editor never changes.
        JsonNode t = create(api, "\"name\":\"n\",\"editor_type\":\"USER_DRAGGABLE\",\"html\":\"x\",\"definition\":" + DEFINITION);
        assertThat(t.get("attributes").has("definition")).isFalse();
        String id = t.get("id").asText();
        String[][] updates = {
                {"\"definition\":" + DEFINITION, "/data/attributes/definition"},
                {"\"editor_type\":\"CODE\"", "/data/attributes/editor_type"},
                {"\"name\":\"\"", "/data/attributes/name"}};
        for (String[] c : updates) {
            var r = api.patch("update_template", "/api/templates/" + id, "{\"data\":{\"type\":\"template\",\"id\":\"" + id
                    + "\",\"attributes\":{" + c[0] + "}}}");
            assertThat(r.status()).as(c[0]).isEqualTo(400);
            assertThat(r.error().at("/source/pointer").asText()).as(c[0]).isEqualTo(c[1]);
        }
        assertThat(api.get("get_template", "/api/templates/" + id).data()).isEqualTo(t);
        var other = api.patch("update_template", "/api/templates/" + id, "{\"data\":{\"type\":\"template\",\"id\":\"OTHER1\","
                + "\"attributes\":{}}}");
        assertThat(other.status()).isEqualTo(409);
        assertThat(account().get("get_template", "/api/templates/" + id).status()).isEqualTo(404);
    }

    @Test
    void collectionsFilterSortAndPageByTen() {
        Api api = account();
        for (int i = 0; i < 12; i++) {
            code(api, "T" + (char) ('a' + i));
            clock.advance(Duration.ofSeconds(1));
        }
        var first = api.get("get_templates", "/api/templates?sort=-name");
        assertThat(first.data().size()).isEqualTo(10);
        assertThat(names(first.data()).getFirst()).isEqualTo("Tl");
        assertThat(first.body().at("/links/next").isTextual()).isTrue();
        assertThat(count(api)).isEqualTo(12);
        assertThat(names(api.get("get_templates", "/api/templates?filter=equals(name,%22Tc%22)").data())).containsExactly("Tc");
        assertThat(names(api.get("get_templates", "/api/templates?filter=contains(name,%22b%22)").data())).containsExactly("Tb");
        String cutoff = "2026-10-01T12:00:00Z";
        assertThat(api.get("get_templates", "/api/templates?filter=greater-than(created," + cutoff + ")").status()).isEqualTo(200);
        var big = api.get("get_templates", "/api/templates?page%5Bsize%5D=11");
        assertThat(big.status()).isEqualTo(400);
        assertThat(big.error().at("/source/parameter").asText()).isEqualTo("page[size]");
        assertThat(api.get("get_templates", "/api/templates?filter=equals(html,%22x%22)").status()).isEqualTo(400);
        assertThat(api.get("get_templates", "/api/templates?sort=html").status()).isEqualTo(400);
    }

    @Test
    void aCloneCopiesTheTemplateWithTheGivenOrADerivedName() {
        Api api = account();
        JsonNode source = create(api, "\"name\":\"Newsletter\",\"editor_type\":\"CODE\",\"html\":\"<p>x</p>\",\"text\":\"t\",\"amp\":\"a\"");
        String id = source.get("id").asText();
        var derived = api.post("clone_template", "/api/template-clone", "{\"data\":{\"type\":\"template\",\"id\":\"" + id
                + "\",\"attributes\":{}}}");
        assertThat(derived.status()).as(derived.text()).isEqualTo(201);
        assertThat(derived.data().get("id").asText()).isNotEqualTo(id);
        JsonNode a = derived.data().get("attributes");
        assertThat(a.get("name").asText()).isEqualTo("Clone of Newsletter");
        assertThat(a.get("html").asText()).isEqualTo("<p>x</p>");
        assertThat(a.get("text").asText()).isEqualTo("t");
        assertThat(a.get("amp").asText()).isEqualTo("a");
        assertThat(a.get("editor_type").asText()).isEqualTo("CODE");
        var named = api.post("clone_template", "/api/template-clone", "{\"data\":{\"type\":\"template\",\"id\":\"" + id
                + "\",\"attributes\":{\"name\":\"Copy\"}}}");
        assertThat(named.data().at("/attributes/name").asText()).isEqualTo("Copy");
        assertThat(api.get("get_template", "/api/templates/" + named.data().get("id").asText()).status()).isEqualTo(200);
        JsonNode dnd = create(api, "\"name\":\"DnD\",\"editor_type\":\"SYSTEM_DRAGGABLE\",\"definition\":" + DEFINITION);
        var dndClone = api.post("clone_template", "/api/template-clone", "{\"data\":{\"type\":\"template\",\"id\":\""
                + dnd.get("id").asText() + "\",\"attributes\":{\"name\":null}}}");
        assertThat(dndClone.status()).as(dndClone.text()).isEqualTo(201);
        String cloneId = dndClone.data().get("id").asText();
        assertThat(api.get("get_template", "/api/templates/" + cloneId).data().at("/attributes/definition"))
                .isEqualTo(dnd.at("/attributes/definition"));
        assertThat(count(api)).isEqualTo(5);
        String[][] cases = {
                {"{\"data\":{\"type\":\"template\",\"id\":\"NOPE12\",\"attributes\":{}}}", "/data/id", "404"},
                {"{\"data\":{\"type\":\"template\",\"id\":\"" + id + "\",\"attributes\":{\"name\":\"\"}}}", "/data/attributes/name", "400"},
                {"{\"data\":{\"type\":\"template\",\"id\":\"" + id + "\",\"attributes\":{\"name\":5}}}", "/data/attributes/name", "400"},
                {"{\"data\":{\"type\":\"template\",\"id\":\"" + id + "\",\"attributes\":{\"html\":\"x\"}}}", "/data/attributes/html", "400"},
                {"{\"data\":{\"type\":\"template\",\"attributes\":{}}}", "/data/id", "400"},
                {"{\"data\":{\"type\":\"template\",\"id\":\"" + id + "\"}}", "/data/attributes", "400"},
                {"{\"data\":{\"type\":\"templates\",\"id\":\"" + id + "\",\"attributes\":{}}}", "/data/type", "400"}};
        for (String[] c : cases) {
            var r = api.post("clone_template", "/api/template-clone", c[0]);
            assertThat(r.status()).as(c[0]).isEqualTo(Integer.parseInt(c[2]));
            assertThat(r.error().at("/source/pointer").asText()).as(c[0]).isEqualTo(c[1]);
        }
        assertThat(count(api)).isEqualTo(5);
    }

    @Test
    void anAccountHasAtMostAThousandTemplates() {
        Api api = account();
        String first = code(api, "First").get("id").asText();
        String accountId = server.jdbc().inTransaction(c -> {
            try (var ps = c.prepareStatement("select account_id from template where id = ?")) {
                ps.setString(1, first);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
        // 999 rows straight into the table: the rule counts rows, however they came.
        server.jdbc().inTransaction(c -> {
            try (var ps = c.prepareStatement("insert into template (account_id, id, name, editor_type, created, updated, doc) "
                    + "select ?, 'T' || g, 'Bulk ' || g, 'CODE', now(), now(), '{\"html\":\"x\"}' from generate_series(1, 998) g")) {
                ps.setString(1, accountId);
                ps.executeUpdate();
            }
            return null;
        });
        String last = code(api, "Last").get("id").asText();
        var refused = api.post("create_template", "/api/templates", body("\"name\":\"One more\",\"editor_type\":\"CODE\",\"html\":\"x\""));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.error().at("/source/pointer").asText()).isEqualTo("/data");
        var clone = api.post("clone_template", "/api/template-clone", "{\"data\":{\"type\":\"template\",\"id\":\"" + last + "\",\"attributes\":{}}}");
        assertThat(clone.status()).isEqualTo(400);
        assertThat(server.queryInt("select count(*) from template where account_id = '" + accountId + "'")).isEqualTo(1000);
    }

    @Test
    void universalContentIsCreatedFilteredUpdatedAndDeleted() {
        Api api = account();
        String path = "/api/template-universal-content";
        var created = api.post("create_universal_content", path, "{\"data\":{\"type\":\"template-universal-content\",\"attributes\":"
                + "{\"name\":\"Footer\",\"definition\":{\"content_type\":\"block\",\"type\":\"html\",\"data\":{\"content\":\"<p>F</p>\","
                + "\"display_options\":{}}}}}}");
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        JsonNode c = created.data();
        String id = c.get("id").asText();
        assertThat(id).matches("[0-9A-Z]{26}");
        assertThat(c.at("/attributes/definition/type").asText()).isEqualTo("html");
        assertThat(c.at("/attributes/screenshot_status").asText()).isEqualTo("never_generated");
        assertThat(c.at("/attributes/screenshot_url").asText()).isEmpty();
        api.post("create_universal_content", path, "{\"data\":{\"type\":\"template-universal-content\",\"attributes\":"
                + "{\"name\":\"Button\",\"definition\":{\"content_type\":\"block\",\"type\":\"button\",\"data\":{}}}}}");
        assertThat(names(api.get("get_all_universal_content", path + "?filter=equals(definition.type,%22html%22)").data()))
                .containsExactly("Footer");
        assertThat(names(api.get("get_all_universal_content", path + "?filter=equals(definition.content_type,%22block%22)&sort=name")
                .data())).containsExactly("Button", "Footer");
        assertThat(names(api.get("get_all_universal_content", path + "?filter=any(name,[%22Button%22])").data())).containsExactly("Button");
        assertThat(api.get("get_universal_content", path + "/" + id).data()).isEqualTo(c);

        var updated = api.patch("update_universal_content", path + "/" + id, "{\"data\":{\"type\":\"template-universal-content\",\"id\":\""
                + id + "\",\"attributes\":{\"name\":\"Footer 2\",\"definition\":{\"content_type\":\"block\",\"type\":\"text\",\"data\":"
                + "{\"content\":\"t\",\"display_options\":{},\"styles\":{}}}}}}");
        assertThat(updated.status()).as(updated.text()).isEqualTo(200);
        assertThat(updated.data().at("/attributes/name").asText()).isEqualTo("Footer 2");
        assertThat(names(api.get("get_all_universal_content", path + "?filter=equals(definition.type,%22text%22)").data()))
                .containsExactly("Footer 2");

        String[][] cases = {
                {"{\"name\":\"x\"}", "/data/attributes/definition"},
                {"{\"name\":\"x\",\"definition\":{\"content_type\":\"section\",\"type\":\"section\",\"data\":{}}}", "/data/attributes/definition/content_type"},
                {"{\"name\":\"x\",\"definition\":{\"content_type\":\"block\",\"type\":\"video\",\"data\":{}}}", "/data/attributes/definition/type"},
                {"{\"name\":\"x\",\"definition\":{\"content_type\":\"block\",\"type\":\"text\"}}", "/data/attributes/definition/data"},
                {"{\"name\":\"x\",\"definition\":\"html\"}", "/data/attributes/definition"},
                {"{\"definition\":{\"content_type\":\"block\",\"type\":\"text\",\"data\":{}}}", "/data/attributes/name"}};
        for (String[] bad : cases) {
            var r = api.post("create_universal_content", path, "{\"data\":{\"type\":\"template-universal-content\",\"attributes\":" + bad[0] + "}}");
            assertThat(r.status()).as(bad[0]).isEqualTo(400);
            assertThat(r.error().at("/source/pointer").asText()).as(bad[0]).isEqualTo(bad[1]);
        }
        var badUpdate = api.patch("update_universal_content", path + "/" + id, "{\"data\":{\"type\":\"template-universal-content\",\"id\":\""
                + id + "\",\"attributes\":{\"definition\":{\"content_type\":\"block\",\"type\":\"nope\",\"data\":{}}}}}");
        assertThat(badUpdate.error().at("/source/pointer").asText()).isEqualTo("/data/attributes/definition/type");
        assertThat(api.get("get_universal_content", path + "/" + id).data()).isEqualTo(updated.data());
        assertThat(api.get("get_all_universal_content", path).data().size()).isEqualTo(2);

        assertThat(api.delete("delete_universal_content", path + "/" + id, null).status()).isEqualTo(204);
        assertThat(api.get("get_universal_content", path + "/" + id).status()).isEqualTo(404);
    }
}
