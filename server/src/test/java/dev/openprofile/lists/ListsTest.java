package dev.openprofile.lists;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.MutableClock;
import dev.openprofile.testing.Pages;
import dev.openprofile.testing.TestServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The list resource: create, get (with profile_count), update, delete, and get_lists' filters, sorts and pages. */
class ListsTest {
    static final MutableClock clock = new MutableClock(Instant.parse("2026-10-01T12:00:00Z"));
    static TestServer server;
    static Api api;

    @BeforeAll
    static void start() {
        server = TestServer.start(clock);
        api = server.api();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static JsonNode createList(String name, String optIn) {
        var r = api.post("create_list", "/api/lists", "{\"data\":{\"type\":\"list\",\"attributes\":{\"name\":\"" + name + "\""
                + (optIn == null ? "" : ",\"opt_in_process\":\"" + optIn + "\"") + "}}}");
        assertThat(r.status()).isEqualTo(201);
        return r.data();
    }

    @Test
    void createsWithKlaviyoShapedIdAndTheAccountDefaultOptIn() {
        JsonNode l = createList("Newsletter", null);
        assertThat(l.get("type").asText()).isEqualTo("list");
        assertThat(l.get("id").asText()).matches("[A-Za-z0-9]{6}");
        assertThat(l.at("/attributes/name").asText()).isEqualTo("Newsletter");
        assertThat(l.at("/attributes/opt_in_process").asText()).isEqualTo("single_opt_in");
        assertThat(l.at("/attributes/created").asText()).isEqualTo("2026-10-01T12:00:00+00:00");
        assertThat(l.at("/links/self").asText()).isEqualTo(server.baseUrl() + "/api/lists/" + l.get("id").asText() + "/");
        assertThat(l.at("/relationships/profiles/links/related").asText()).endsWith("/api/lists/" + l.get("id").asText() + "/profiles/");
        JsonNode dbl = createList("VIP", "double_opt_in");
        assertThat(dbl.at("/attributes/opt_in_process").asText()).isEqualTo("double_opt_in");
        var got = api.get("get_list", "/api/lists/" + dbl.get("id").asText());
        assertThat(got.data()).isEqualTo(dbl);
    }

    @Test
    void createValidationPointsAtTheMember() {
        String[][] cases = {
                {"{\"data\":{\"type\":\"list\",\"attributes\":{}}}", "/data/attributes/name"},
                {"{\"data\":{\"type\":\"list\",\"attributes\":{\"name\":\"\"}}}", "/data/attributes/name"},
                {"{\"data\":{\"type\":\"list\",\"attributes\":{\"name\":7}}}", "/data/attributes/name"},
                {"{\"data\":{\"type\":\"list\",\"attributes\":{\"name\":\"   \"}}}", "/data/attributes/name"},
                {"{\"data\":{\"type\":\"list\",\"attributes\":{\"name\":\"" + "n".repeat(256) + "\"}}}", "/data/attributes/name"},
                {"{\"data\":{\"type\":\"list\",\"attributes\":{\"name\":null}}}", "/data/attributes/name"},
                {"{\"data\":{\"type\":\"list\",\"attributes\":{\"name\":\"x\",\"opt_in_process\":\"triple\"}}}", "/data/attributes/opt_in_process"},
                {"{\"data\":{\"type\":\"list\",\"attributes\":{\"name\":\"x\",\"colour\":\"red\"}}}", "/data/attributes/colour"},
                {"{\"data\":{\"type\":\"profile\",\"attributes\":{\"name\":\"x\"}}}", "/data/type"},
        };
        int before = api.get("get_lists", "/api/lists?filter=" + q("equals(name,'x')")).data().size();
        for (String[] c : cases) {
            var r = api.post("create_list", "/api/lists", c[0]);
            assertThat(r.status()).as(c[0]).isEqualTo(400);
            assertThat(r.error().at("/source/pointer").asText()).as(c[0]).isEqualTo(c[1]);
        }
        assertThat(api.get("get_lists", "/api/lists?filter=" + q("equals(name,'x')")).data().size()).isEqualTo(before);
    }

    @Test
    void updateRenamesAndMovesUpdated() {
        String id = createList("Old name", null).get("id").asText();
        clock.advance(Duration.ofMinutes(1));
        var r = api.patch("update_list", "/api/lists/" + id,
                "{\"data\":{\"type\":\"list\",\"id\":\"" + id + "\",\"attributes\":{\"name\":\"New name\",\"opt_in_process\":\"double_opt_in\"}}}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.data().at("/attributes/name").asText()).isEqualTo("New name");
        assertThat(r.data().at("/attributes/opt_in_process").asText()).isEqualTo("double_opt_in");
        assertThat(r.data().at("/attributes/updated").asText()).isNotEqualTo(r.data().at("/attributes/created").asText());
        var mismatch = api.patch("update_list", "/api/lists/" + id,
                "{\"data\":{\"type\":\"list\",\"id\":\"zzzzzz\",\"attributes\":{\"name\":\"X\"}}}");
        assertThat(mismatch.status()).isEqualTo(409);
        var missing = api.patch("update_list", "/api/lists/AAAAAA",
                "{\"data\":{\"type\":\"list\",\"id\":\"AAAAAA\",\"attributes\":{\"name\":\"X\"}}}");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(api.get("get_list", "/api/lists/" + id).data().at("/attributes/name").asText()).isEqualTo("New name");
    }

    @Test
    void aNullOptInProcessMeansTheAccountDefaultOnCreateAndKeepsTheProcessOnUpdate() {
        var created = api.post("create_list", "/api/lists",
                "{\"data\":{\"type\":\"list\",\"attributes\":{\"name\":\"Null opt-in\",\"opt_in_process\":null}}}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.data().at("/attributes/opt_in_process").asText()).isEqualTo("single_opt_in");
        String id = created.data().get("id").asText();
        api.patch("update_list", "/api/lists/" + id,
                "{\"data\":{\"type\":\"list\",\"id\":\"" + id + "\",\"attributes\":{\"opt_in_process\":\"double_opt_in\"}}}");
        var kept = api.patch("update_list", "/api/lists/" + id,
                "{\"data\":{\"type\":\"list\",\"id\":\"" + id + "\",\"attributes\":{\"opt_in_process\":null}}}");
        assertThat(kept.status()).isEqualTo(200);
        assertThat(kept.data().at("/attributes/opt_in_process").asText()).isEqualTo("double_opt_in");
        var blank = api.patch("update_list", "/api/lists/" + id,
                "{\"data\":{\"type\":\"list\",\"id\":\"" + id + "\",\"attributes\":{\"name\":\"\"}}}");
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.error().at("/source/pointer").asText()).isEqualTo("/data/attributes/name");
        assertThat(api.get("get_list", "/api/lists/" + id).data().at("/attributes/name").asText()).isEqualTo("Null opt-in");
    }

    @Test
    void deleteAnswers204AndThen404() {
        String id = createList("Doomed", null).get("id").asText();
        var r = api.delete("delete_list", "/api/lists/" + id, null);
        assertThat(r.status()).isEqualTo(204);
        assertThat(r.text()).isEmpty();
        var gone = api.get("get_list", "/api/lists/" + id);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.error().at("/source/parameter").asText()).isEqualTo("id");
        assertThat(api.delete("delete_list", "/api/lists/" + id, null).status()).isEqualTo(404);
    }

    @Test
    void getListsPagesTenAtATimeWithFiltersAndSorts() {
        MutableClock c = clock;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 13; i++) {
            ids.add(createList("paged-" + (char) ('m' - i), null).get("id").asText());
            c.advance(Duration.ofSeconds(10));
        }
        List<String> byName = Pages.walk(api, "get_lists", "/api/lists?sort=name&page%5Bsize%5D=4&filter="
                + q("greater-than(created,2026-10-01T12:00:05Z)"));
        // ids were created m, l, k, ... a: ascending names are the reverse of creation order.
        assertThat(byName).containsSubsequence(ids.get(12), ids.get(6), ids.get(1)).doesNotHaveDuplicates();
        var first = api.get("get_lists", "/api/lists?sort=-created");
        assertThat(first.data().size()).isEqualTo(10);
        assertThat(first.data().get(0).get("id").asText()).isEqualTo(ids.get(12));
        assertThat(api.get("get_lists", "/api/lists?page%5Bsize%5D=11").status()).isEqualTo(400);
        var one = api.get("get_lists", "/api/lists?filter=" + q("equals(name,'paged-m')"));
        assertThat(one.data()).hasSize(1);
        assertThat(one.data().get(0).get("id").asText()).isEqualTo(ids.get(0));
        var scalarOrArray = api.get("get_lists", "/api/lists?filter=" + q("equals(name,['paged-m','paged-l'])"));
        assertThat(scalarOrArray.data()).hasSize(2);
        var byId = api.get("get_lists", "/api/lists?filter=" + q("equals(id,'" + ids.get(3) + "')"));
        assertThat(byId.data().get(0).at("/attributes/name").asText()).isEqualTo("paged-j");
        var sparse = api.get("get_lists", "/api/lists?fields%5Blist%5D=name&filter=" + q("equals(id,'" + ids.get(3) + "')"));
        assertThat(sparse.data().get(0).get("attributes").size()).isEqualTo(1);
        var badField = api.get("get_lists", "/api/lists?filter=" + q("equals(opt_in_process,'single_opt_in')"));
        assertThat(badField.status()).isEqualTo(400);
    }

    @Test
    void anUntaggedListHasNoTagsAndItsFlowTriggersAreEmpty() {
        String id = createList("No tags", null).get("id").asText();
        for (String[] op : new String[][] {{"get_tags_for_list", "/tags"}, {"get_tag_ids_for_list", "/relationships/tags"},
                {"get_flows_triggered_by_list", "/flow-triggers"}, {"get_ids_for_flows_triggered_by_list", "/relationships/flow-triggers"}}) {
            var r = api.get(op[0], "/api/lists/" + id + op[1]);
            assertThat(r.status()).as(op[0]).isEqualTo(200);
            assertThat(r.data()).as(op[0]).isEmpty();
            assertThat(api.get(op[0], "/api/lists/AAAAAA" + op[1]).status()).as(op[0]).isEqualTo(404);
        }
        var included = api.get("get_list", "/api/lists/" + id + "?include=tags");
        assertThat(included.body().get("included")).isEmpty();
    }
}
