package dev.openprofile.tags;

import static dev.openprofile.tags.TagFixtures.createGroup;
import static dev.openprofile.tags.TagFixtures.createTag;
import static dev.openprofile.tags.TagFixtures.names;
import static dev.openprofile.tags.TagFixtures.q;
import static dev.openprofile.tags.TagFixtures.tagBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.Pages;
import dev.openprofile.tags.TagFixtures.Account;
import dev.openprofile.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tags and tag groups through the resource kit: shape, the default group, updates that answer 204, validation,
 * filters, sorts, pages, Klaviyo's account limits and account isolation.
 */
class TagResourcesTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Account account() {
        return TagFixtures.account(server);
    }

    @Test
    void aDefaultGroupMadeWhereAGroupIsAlreadyNamedDefaultTakesTheNextName() {
        Account a = account();
        // An imported state can hold a plain group named "Default" and no default group.
        server.jdbc().inTransaction(c -> c.createStatement().executeUpdate("insert into tag_group (account_id, id, name, exclusive,"
                + " is_default, created, updated, doc) values ('" + a.id() + "', 'imported-group', 'Default', false, false, now(), now(), '{}')"));
        JsonNode groups = a.api().get("get_tag_groups", "/api/tag-groups?sort=name").data();
        assertThat(groups).extracting(g -> g.at("/attributes/name").asText() + "/" + g.at("/attributes/default").asBoolean())
                .containsExactly("Default/false", "Default 2/true");
    }

    @Test
    void everyAccountHasOneDefaultGroupWhereTagsWithoutAGroupGo() throws Exception {
        Account a = account();
        // Concurrent first reads make it once (the partial unique index), whoever gets there first.
        try (var pool = Executors.newFixedThreadPool(16)) {
            List<Callable<Integer>> reads = new ArrayList<>();
            for (int i = 0; i < 16; i++) reads.add(() -> a.api().get("get_tag_groups", "/api/tag-groups").status());
            for (var f : pool.invokeAll(reads)) assertThat(f.get()).isEqualTo(200);
        }
        assertThat(server.queryInt("select count(*) from tag_group where account_id = '" + a.id() + "'")).isEqualTo(1);
        JsonNode groups = a.api().get("get_tag_groups", "/api/tag-groups").data();
        assertThat(groups).hasSize(1);
        JsonNode def = groups.get(0);
        assertThat(def.get("type").asText()).isEqualTo("tag-group");
        assertThat(def.get("id").asText()).matches("[0-9a-f-]{36}");
        assertThat(def.at("/attributes/name").asText()).isEqualTo("Default");
        assertThat(def.at("/attributes/default").asBoolean()).isTrue();
        assertThat(def.at("/attributes/exclusive").asBoolean()).isFalse();
        assertThat(def.at("/attributes").has("return_fields")).isFalse();
        String defaultId = def.get("id").asText();

        JsonNode tag = createTag(a.api(), "VIP", null);
        String tagId = tag.get("id").asText();
        assertThat(tagId).matches("[0-9a-f-]{36}");
        assertThat(tag.at("/attributes/name").asText()).isEqualTo("VIP");
        assertThat(tag.at("/relationships/tag-group/data/id").asText()).isEqualTo(defaultId);
        assertThat(tag.at("/relationships/tag-group/links/related").asText()).endsWith("/api/tags/" + tagId + "/tag-group/");
        for (String rel : List.of("lists", "segments", "campaigns", "flows")) {
            assertThat(tag.at("/relationships/" + rel + "/links/self").asText()).endsWith("/api/tags/" + tagId + "/relationships/" + rel + "/");
        }
        assertThat(tag.at("/links/self").asText()).endsWith("/api/tags/" + tagId + "/");

        var group = a.api().get("get_tag_group_for_tag", "/api/tags/" + tagId + "/tag-group");
        assertThat(group.data().get("id").asText()).isEqualTo(defaultId);
        assertThat(group.data().at("/attributes/default").asBoolean()).isTrue();
        var groupId = a.api().get("get_tag_group_id_for_tag", "/api/tags/" + tagId + "/relationships/tag-group");
        assertThat(groupId.data().get("id").asText()).isEqualTo(defaultId);
        assertThat(groupId.data().get("type").asText()).isEqualTo("tag-group");
        var tagsOfGroup = a.api().get("get_tags_for_tag_group", "/api/tag-groups/" + defaultId + "/tags");
        assertThat(names(tagsOfGroup.data())).containsExactly("VIP");
        var idsOfGroup = a.api().get("get_tag_ids_for_tag_group", "/api/tag-groups/" + defaultId + "/relationships/tags");
        assertThat(idsOfGroup.data().get(0).get("id").asText()).isEqualTo(tagId);
        assertThat(a.api().get("get_tag_ids_for_tag_group", "/api/tag-groups/nope/relationships/tags").status()).isEqualTo(404);
        assertThat(a.api().get("get_tag_group_for_tag", "/api/tags/nope/tag-group").status()).isEqualTo(404);

        // The default group can be renamed, never deleted.
        var refused = a.api().delete("delete_tag_group", "/api/tag-groups/" + defaultId, null);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.error().at("/source/parameter").asText()).isEqualTo("id");
        assertThat(refused.error().get("detail").asText()).contains("default tag group");
        assertThat(a.api().get("get_tag", "/api/tags/" + tagId).status()).isEqualTo(200);
        var renamed = a.api().patch("update_tag_group", "/api/tag-groups/" + defaultId, "{\"data\":{\"type\":\"tag-group\",\"id\":\""
                + defaultId + "\",\"attributes\":{\"name\":\"General\"}}}");
        assertThat(renamed.status()).as(renamed.text()).isEqualTo(204);
        var after = a.api().get("get_tag_group", "/api/tag-groups/" + defaultId).data();
        assertThat(after.at("/attributes/name").asText()).isEqualTo("General");
        assertThat(after.at("/attributes/default").asBoolean()).isTrue();
    }

    @Test
    void aTagIsCreatedReadRenamedAndDeleted() {
        Account a = account();
        JsonNode group = createGroup(a.api(), "Season", null);
        String groupId = group.get("id").asText();
        assertThat(group.at("/attributes/exclusive").asBoolean()).as("non-exclusive unless asked").isFalse();
        assertThat(group.at("/attributes/default").asBoolean()).isFalse();
        JsonNode tag = createTag(a.api(), "Summer", groupId);
        String id = tag.get("id").asText();
        assertThat(tag.at("/relationships/tag-group/data/id").asText()).isEqualTo(groupId);

        var read = a.api().get("get_tag", "/api/tags/" + id + "?include=tag-group");
        assertThat(read.data().get("id").asText()).isEqualTo(id);
        assertThat(read.body().get("included")).hasSize(1);
        assertThat(read.body().at("/included/0/id").asText()).isEqualTo(groupId);
        assertThat(read.body().at("/included/0/attributes/name").asText()).isEqualTo("Season");
        var sparse = a.api().get("get_tag", "/api/tags/" + id + "?include=tag-group&fields%5Btag-group%5D=exclusive&fields%5Btag%5D=name");
        assertThat(sparse.body().at("/included/0/attributes").size()).isEqualTo(1);
        assertThat(sparse.body().at("/included/0/attributes").has("exclusive")).isTrue();

        var renamed = a.api().patch("update_tag", "/api/tags/" + id, "{\"data\":{\"type\":\"tag\",\"id\":\"" + id
                + "\",\"attributes\":{\"name\":\"Summer sale\"}}}");
        assertThat(renamed.status()).as(renamed.text()).isEqualTo(204);
        assertThat(renamed.body()).isNull();
        assertThat(a.api().get("get_tag", "/api/tags/" + id).data().at("/attributes/name").asText()).isEqualTo("Summer sale");

        // "A tag cannot be moved from one tag group to another" (spec): the update body has no relationships.
        var moved = a.api().patch("update_tag", "/api/tags/" + id, "{\"data\":{\"type\":\"tag\",\"id\":\"" + id
                + "\",\"attributes\":{\"name\":\"X\"},\"relationships\":{\"tag-group\":{\"data\":{\"type\":\"tag-group\",\"id\":\"" + groupId + "\"}}}}}");
        assertThat(moved.status()).isEqualTo(400);
        assertThat(moved.error().at("/source/pointer").asText()).startsWith("/data/relationships");
        var mismatch = a.api().patch("update_tag", "/api/tags/" + id, "{\"data\":{\"type\":\"tag\",\"id\":\"other\",\"attributes\":{\"name\":\"X\"}}}");
        assertThat(mismatch.status()).isEqualTo(409);
        assertThat(a.api().get("get_tag", "/api/tags/" + id).data().at("/attributes/name").asText()).isEqualTo("Summer sale");

        assertThat(a.api().delete("delete_tag", "/api/tags/" + id, null).status()).isEqualTo(204);
        assertThat(a.api().get("get_tag", "/api/tags/" + id).status()).isEqualTo(404);
        assertThat(a.api().delete("delete_tag", "/api/tags/" + id, null).status()).isEqualTo(404);
        assertThat(a.api().patch("update_tag", "/api/tags/" + id, "{\"data\":{\"type\":\"tag\",\"id\":\"" + id
                + "\",\"attributes\":{\"name\":\"Y\"}}}").status()).isEqualTo(404);
    }

    @Test
    void badInputIsRefusedAtItsPointerAndStoresNothing() {
        Account a = account();
        createTag(a.api(), "Taken", null);
        String[][] tags = {
                {"{\"data\":{\"type\":\"tag\",\"attributes\":{}}}", "400", "/data/attributes/name"},
                {tagBody("  ", null), "400", "/data/attributes/name"},
                {"{\"data\":{\"type\":\"tag\",\"attributes\":{\"name\":7}}}", "400", "/data/attributes/name"},
                {tagBody("N", null).replace("\"tag\"", "\"tags\""), "400", "/data/type"},
                {tagBody("N", "no-such-group"), "404", "/data/relationships/tag-group/data/id"},
                {tagBody("Taken", null), "409", "/data/attributes"},
        };
        int before = server.queryInt("select count(*) from tag");
        for (String[] c : tags) {
            var r = a.api().post("create_tag", "/api/tags", c[0]);
            assertThat(r.status()).as(c[0] + " " + r.text()).isEqualTo(Integer.parseInt(c[1]));
            assertThat(r.error().at("/source/pointer").asText()).as(c[0]).startsWith(c[2]);
        }
        assertThat(server.queryInt("select count(*) from tag")).isEqualTo(before);

        String[][] groups = {
                {"{\"data\":{\"type\":\"tag-group\",\"attributes\":{\"exclusive\":true}}}", "/data/attributes/name"},
                {"{\"data\":{\"type\":\"tag-group\",\"attributes\":{\"name\":\"G\",\"exclusive\":\"yes\"}}}", "/data/attributes/exclusive"},
                {"{\"data\":{\"type\":\"tag-group\",\"attributes\":{\"name\":\"G\",\"default\":true}}}", "/data/attributes/default"},
                {"{\"data\":{\"type\":\"tag-group\",\"attributes\":{\"name\":\"G\",\"return_fields\":[\"name\"]}}}", "/data/attributes/return_fields"},
        };
        int groupsBefore = server.queryInt("select count(*) from tag_group");
        for (String[] c : groups) {
            var r = a.api().post("create_tag_group", "/api/tag-groups", c[0]);
            assertThat(r.status()).as(c[0] + " " + r.text()).isEqualTo(400);
            assertThat(r.error().at("/source/pointer").asText()).as(c[0]).isEqualTo(c[1]);
        }
        assertThat(server.queryInt("select count(*) from tag_group")).isEqualTo(groupsBefore);
        var dup = a.api().post("create_tag_group", "/api/tag-groups", "{\"data\":{\"type\":\"tag-group\",\"attributes\":{\"name\":\"Default\"}}}");
        assertThat(dup.status()).as("group names are unique in an account").isEqualTo(409);
    }

    @Test
    void aGroupsExclusiveIsSetOnceAndDeletingAGroupDeletesItsTags() {
        Account a = account();
        JsonNode nullExclusive = createGroup(a.api(), "Nulled", null);
        var explicitNull = a.api().post("create_tag_group", "/api/tag-groups",
                "{\"data\":{\"type\":\"tag-group\",\"attributes\":{\"name\":\"Null\",\"exclusive\":null}}}");
        assertThat(explicitNull.status()).isEqualTo(201);
        assertThat(explicitNull.data().at("/attributes/exclusive").asBoolean()).isFalse();
        JsonNode region = createGroup(a.api(), "Region", true);
        String id = region.get("id").asText();
        assertThat(region.at("/attributes/exclusive").asBoolean()).isTrue();
        assertThat(region.at("/relationships/tags/links/related").asText()).endsWith("/api/tag-groups/" + id + "/tags/");

        var changeExclusive = a.api().patch("update_tag_group", "/api/tag-groups/" + id, "{\"data\":{\"type\":\"tag-group\",\"id\":\"" + id
                + "\",\"attributes\":{\"name\":\"Region\",\"exclusive\":false}}}");
        assertThat(changeExclusive.status()).isEqualTo(400);
        assertThat(changeExclusive.error().at("/source/pointer").asText()).isEqualTo("/data/attributes/exclusive");
        var withReturnFields = a.api().patch("update_tag_group", "/api/tag-groups/" + id, "{\"data\":{\"type\":\"tag-group\",\"id\":\"" + id
                + "\",\"attributes\":{\"name\":\"Regions\",\"return_fields\":[\"name\"]}}}");
        assertThat(withReturnFields.status()).as(withReturnFields.text()).isEqualTo(204);
        JsonNode read = a.api().get("get_tag_group", "/api/tag-groups/" + id).data();
        assertThat(read.at("/attributes/name").asText()).isEqualTo("Regions");
        assertThat(read.at("/attributes/exclusive").asBoolean()).isTrue();
        assertThat(read.at("/attributes").has("return_fields")).isFalse();

        String us = createTag(a.api(), "US", id).get("id").asText();
        String eu = createTag(a.api(), "EU", id).get("id").asText();
        String kept = createTag(a.api(), "Kept", nullExclusive.get("id").asText()).get("id").asText();
        assertThat(a.api().delete("delete_tag_group", "/api/tag-groups/" + id, null).status()).isEqualTo(204);
        assertThat(a.api().get("get_tag_group", "/api/tag-groups/" + id).status()).isEqualTo(404);
        assertThat(a.api().get("get_tag", "/api/tags/" + us).status()).isEqualTo(404);
        assertThat(a.api().get("get_tag", "/api/tags/" + eu).status()).isEqualTo(404);
        assertThat(a.api().get("get_tag", "/api/tags/" + kept).status()).isEqualTo(200);
        assertThat(a.api().delete("delete_tag_group", "/api/tag-groups/" + id, null).status()).isEqualTo(404);
    }

    @Test
    void getTagsFiltersSortsAndPagesAsTheSpecLists() {
        Account a = account();
        String group = createGroup(a.api(), "Other", false).get("id").asText();
        for (String n : List.of("beta", "alpha", "gamma-ray", "delta", "alphabet")) createTag(a.api(), n, n.equals("delta") ? group : null);
        Api api = a.api();
        assertThat(names(api.get("get_tags", "/api/tags?sort=name").data())).containsExactly("alpha", "alphabet", "beta", "delta", "gamma-ray");
        assertThat(names(api.get("get_tags", "/api/tags?sort=-name").data())).containsExactly("gamma-ray", "delta", "beta", "alphabet", "alpha");
        List<String> byId = new ArrayList<>();
        api.get("get_tags", "/api/tags").data().forEach(d -> byId.add(d.get("id").asText()));
        assertThat(byId).as("id order by default").isSorted();
        assertThat(names(api.get("get_tags", "/api/tags?sort=name&filter=" + q("starts-with(name,'alpha')")).data()))
                .containsExactly("alpha", "alphabet");
        assertThat(names(api.get("get_tags", "/api/tags?filter=" + q("ends-with(name,'ray')")).data())).containsExactly("gamma-ray");
        assertThat(names(api.get("get_tags", "/api/tags?filter=" + q("contains(name,'ph')")).data())).containsExactlyInAnyOrder("alpha", "alphabet");
        assertThat(names(api.get("get_tags", "/api/tags?filter=" + q("equals(name,'beta')")).data())).containsExactly("beta");
        assertThat(names(api.get("get_tags", "/api/tags?sort=name&filter=" + q("equals(name,['beta','delta'])")).data()))
                .containsExactly("beta", "delta");
        assertThat(api.get("get_tags", "/api/tags?filter=" + q("equals(id,'x')")).status()).isEqualTo(400);
        assertThat(api.get("get_tags", "/api/tags?sort=created").status()).isEqualTo(400);
        assertThat(api.get("get_tags", "/api/tags?page%5Bsize%5D=51").status()).isEqualTo(400);
        assertThat(Pages.walk(api, "get_tags", "/api/tags?page%5Bsize%5D=2&sort=-name")).hasSize(5);
        var included = api.get("get_tags", "/api/tags?include=tag-group&sort=name");
        assertThat(included.body().get("included")).hasSize(2);
        var fields = api.get("get_tags", "/api/tags?fields%5Btag%5D=name");
        assertThat(fields.data().get(0).get("attributes").has("name")).isTrue();

        // Tag groups: name, exclusive and default filters; 25 a page.
        createGroup(api, "Exclusive one", true);
        assertThat(names(api.get("get_tag_groups", "/api/tag-groups?sort=name").data())).containsExactly("Default", "Exclusive one", "Other");
        assertThat(names(api.get("get_tag_groups", "/api/tag-groups?filter=" + q("equals(exclusive,true)")).data())).containsExactly("Exclusive one");
        assertThat(names(api.get("get_tag_groups", "/api/tag-groups?filter=" + q("equals(default,true)")).data())).containsExactly("Default");
        assertThat(names(api.get("get_tag_groups", "/api/tag-groups?sort=-name&filter=" + q("equals(default,false)")).data()))
                .containsExactly("Other", "Exclusive one");
        assertThat(names(api.get("get_tag_groups", "/api/tag-groups?filter=" + q("contains(name,'ther')")).data())).containsExactly("Other");
        assertThat(api.get("get_tag_groups", "/api/tag-groups?page%5Bsize%5D=26").status()).isEqualTo(400);
        assertThat(Pages.walk(api, "get_tag_groups", "/api/tag-groups?page%5Bsize%5D=1")).hasSize(3);
    }

    @Test
    void anAccountHasAtMost500TagsAnd50Groups() throws Exception {
        Account a = account();
        String defaultId = a.api().get("get_tag_groups", "/api/tag-groups").data().get(0).get("id").asText();
        // 499 tags made in one statement, then the API's 500th is accepted and the 501st refused.
        server.jdbc().inTransaction(c -> {
            try (var ps = c.prepareStatement("insert into tag (account_id, id, name, tag_group_id, created, updated) "
                    + "select ?, 'seed-' || n, 'seed ' || n, ?, now(), now() from generate_series(1, 499) n")) {
                ps.setString(1, a.id());
                ps.setString(2, defaultId);
                return ps.executeUpdate();
            }
        });
        // Concurrent creates for the last place: exactly one gets it.
        List<Integer> statuses = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(4)) {
            List<Callable<Integer>> creates = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String name = "Last place " + i;
                creates.add(() -> a.api().post("create_tag", "/api/tags", tagBody(name, null)).status());
            }
            for (var f : pool.invokeAll(creates)) statuses.add(f.get());
        }
        assertThat(statuses).containsOnly(201, 400);
        assertThat(statuses.stream().filter(x -> x == 201)).hasSize(1);
        var refused = a.api().post("create_tag", "/api/tags", tagBody("One too many", null));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.error().at("/source/pointer").asText()).isEqualTo("/data");
        assertThat(refused.error().get("detail").asText()).contains("500");
        assertThat(server.queryInt("select count(*) from tag where account_id = '" + a.id() + "'")).isEqualTo(500);
        assertThat(a.api().delete("delete_tag", "/api/tags/seed-1", null).status()).isEqualTo(204);
        createTag(a.api(), "After a delete", null);

        server.jdbc().inTransaction(c -> {
            try (var ps = c.prepareStatement("insert into tag_group (account_id, id, name, exclusive, is_default, created, updated, doc) "
                    + "select ?, 'g-' || n, 'group ' || n, false, false, now(), now(), '{}' from generate_series(1, 48) n")) {
                ps.setString(1, a.id());
                return ps.executeUpdate();
            }
        });
        createGroup(a.api(), "Fiftieth", false);
        var tooMany = a.api().post("create_tag_group", "/api/tag-groups", "{\"data\":{\"type\":\"tag-group\",\"attributes\":{\"name\":\"51\"}}}");
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.error().get("detail").asText()).contains("50");
        assertThat(server.queryInt("select count(*) from tag_group where account_id = '" + a.id() + "'")).isEqualTo(50);
    }

    @Test
    void anotherAccountsTagsAndGroupsAreNotFound() {
        Account a = account();
        Account b = account();
        String group = createGroup(a.api(), "Mine", false).get("id").asText();
        String tag = createTag(a.api(), "Mine", group).get("id").asText();
        assertThat(b.api().get("get_tag", "/api/tags/" + tag).status()).isEqualTo(404);
        assertThat(b.api().get("get_tag_group", "/api/tag-groups/" + group).status()).isEqualTo(404);
        assertThat(b.api().delete("delete_tag", "/api/tags/" + tag, null).status()).isEqualTo(404);
        assertThat(b.api().patch("update_tag", "/api/tags/" + tag, "{\"data\":{\"type\":\"tag\",\"id\":\"" + tag
                + "\",\"attributes\":{\"name\":\"Theirs\"}}}").status()).isEqualTo(404);
        assertThat(b.api().get("get_tags_for_tag_group", "/api/tag-groups/" + group + "/tags").status()).isEqualTo(404);
        var intoTheirs = b.api().post("create_tag", "/api/tags", tagBody("Sneaky", group));
        assertThat(intoTheirs.status()).isEqualTo(404);
        assertThat(intoTheirs.error().at("/source/pointer").asText()).isEqualTo("/data/relationships/tag-group/data/id");
        assertThat(b.api().get("get_tags", "/api/tags").data()).isEmpty();
        assertThat(names(b.api().get("get_tag_groups", "/api/tag-groups").data())).containsExactly("Default");
        assertThat(a.api().get("get_tag", "/api/tags/" + tag).data().at("/attributes/name").asText()).isEqualTo("Mine");
    }
}
