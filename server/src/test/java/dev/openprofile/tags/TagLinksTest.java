package dev.openprofile.tags;

import static dev.openprofile.tags.TagFixtures.createGroup;
import static dev.openprofile.tags.TagFixtures.createTag;
import static dev.openprofile.tags.TagFixtures.names;
import static dev.openprofile.tags.TagFixtures.q;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tagging lists, segments, campaigns and flows, read from both sides: the tag's related ids, an object's tags and
 * include=tags on list and segment reads; exclusive groups, the 100 tags an object, deletions taking their links,
 * another account's ids, and the scopes each side needs.
 */
class TagLinksTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String ids(String type, String... ids) {
        List<String> items = new ArrayList<>();
        for (String id : ids) items.add("{\"type\":\"" + type + "\",\"id\":\"" + id + "\"}");
        return "{\"data\":[" + String.join(",", items) + "]}";
    }

    static String list(Api api, String name) {
        var r = api.post("create_list", "/api/lists", "{\"data\":{\"type\":\"list\",\"attributes\":{\"name\":\"" + name + "\"}}}");
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.data().get("id").asText();
    }

    static String segment(Api api, String name) {
        var r = api.post("create_segment", "/api/segments", "{\"data\":{\"type\":\"segment\",\"attributes\":{\"name\":\"" + name
                + "\",\"definition\":{\"condition_groups\":[{\"conditions\":[{\"type\":\"profile-property\",\"property\":\"email\","
                + "\"filter\":{\"type\":\"string\",\"operator\":\"ends-with\",\"value\":\"@nobody.test\"}}]}]}}}}");
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.data().get("id").asText();
    }

    static List<String> idsOf(JsonNode data) {
        List<String> out = new ArrayList<>();
        data.forEach(d -> out.add(d.get("id").asText()));
        return out;
    }

    static List<String> sorted(String... ids) {
        List<String> out = new ArrayList<>(List.of(ids));
        out.sort(null);
        return out;
    }

    @Test
    void listsAreTaggedUntaggedAndReadFromBothSides() {
        Api api = TagFixtures.account(server).api();
        String vip = createTag(api, "VIP", null).get("id").asText();
        String promo = createTag(api, "Promo", null).get("id").asText();
        String l1 = list(api, "Newsletter");
        String l2 = list(api, "Wholesale");
        String l3 = list(api, "Untagged");

        var tagged = api.post("tag_lists", "/api/tags/" + vip + "/relationships/lists", ids("list", l1, l2));
        assertThat(tagged.status()).as(tagged.text()).isEqualTo(204);
        assertThat(api.post("tag_lists", "/api/tags/" + vip + "/relationships/lists", ids("list", l1)).status())
                .as("tagging again changes nothing").isEqualTo(204);
        assertThat(api.post("tag_lists", "/api/tags/" + promo + "/relationships/lists", ids("list", l1)).status()).isEqualTo(204);

        var listIds = api.get("get_list_ids_for_tag", "/api/tags/" + vip + "/relationships/lists");
        assertThat(idsOf(listIds.data())).isEqualTo(sorted(l1, l2));
        assertThat(listIds.data().get(0).get("type").asText()).isEqualTo("list");
        assertThat(listIds.body().at("/links/self").asText()).endsWith("/api/tags/" + vip + "/relationships/lists/");

        var tagsOfL1 = api.get("get_tags_for_list", "/api/lists/" + l1 + "/tags");
        assertThat(idsOf(tagsOfL1.data())).isEqualTo(sorted(vip, promo));
        assertThat(names(tagsOfL1.data())).containsExactlyInAnyOrder("VIP", "Promo");
        var sparse = api.get("get_tags_for_list", "/api/lists/" + l1 + "/tags?fields%5Btag%5D=name");
        assertThat(sparse.data().get(0).get("attributes").has("name")).isTrue();
        var tagIdsOfL2 = api.get("get_tag_ids_for_list", "/api/lists/" + l2 + "/relationships/tags");
        assertThat(idsOf(tagIdsOfL2.data())).containsExactly(vip);
        assertThat(tagIdsOfL2.data().get(0).get("type").asText()).isEqualTo("tag");
        assertThat(api.get("get_tag_ids_for_list", "/api/lists/" + l3 + "/relationships/tags").data()).isEmpty();
        assertThat(api.get("get_tags_for_list", "/api/lists/NOPE00/tags").status()).isEqualTo(404);
        assertThat(api.get("get_tag_ids_for_list", "/api/lists/NOPE00/relationships/tags").status()).isEqualTo(404);

        // include=tags on list reads: the linkage on each list, every tag once in included.
        var one = api.get("get_list", "/api/lists/" + l1 + "?include=tags");
        assertThat(idsOf(one.data().at("/relationships/tags/data"))).isEqualTo(sorted(vip, promo));
        assertThat(idsOf(one.body().get("included"))).containsExactlyInAnyOrder(vip, promo);
        var page = api.get("get_lists", "/api/lists?include=tags&fields%5Btag%5D=name&sort=name");
        assertThat(page.data()).hasSize(3);
        assertThat(idsOf(page.data().get(0).at("/relationships/tags/data"))).isEqualTo(sorted(vip, promo));
        assertThat(page.data().get(1).at("/relationships/tags/data")).isEmpty();
        assertThat(idsOf(page.data().get(2).at("/relationships/tags/data"))).containsExactly(vip);
        assertThat(idsOf(page.body().get("included"))).as("each tag once").containsExactlyInAnyOrder(vip, promo);
        assertThat(page.body().at("/included/0/attributes").size()).isEqualTo(1);
        var noInclude = api.get("get_list", "/api/lists/" + l1);
        assertThat(noInclude.data().at("/relationships/tags").has("data")).isFalse();
        assertThat(noInclude.body().has("included")).isFalse();

        var removed = api.delete("remove_tag_from_lists", "/api/tags/" + vip + "/relationships/lists", ids("list", l1, l3));
        assertThat(removed.status()).as(removed.text()).isEqualTo(204);
        assertThat(idsOf(api.get("get_list_ids_for_tag", "/api/tags/" + vip + "/relationships/lists").data())).containsExactly(l2);
        assertThat(idsOf(api.get("get_tag_ids_for_list", "/api/lists/" + l1 + "/relationships/tags").data())).containsExactly(promo);
    }

    @Test
    void segmentsAreTaggedAndShowTheirTags() {
        Api api = TagFixtures.account(server).api();
        String vip = createTag(api, "VIP", null).get("id").asText();
        String s1 = segment(api, "Engaged");
        String s2 = segment(api, "Lapsed");
        assertThat(api.post("tag_segments", "/api/tags/" + vip + "/relationships/segments", ids("segment", s1)).status()).isEqualTo(204);
        assertThat(idsOf(api.get("get_segment_ids_for_tag", "/api/tags/" + vip + "/relationships/segments").data())).containsExactly(s1);
        assertThat(names(api.get("get_tags_for_segment", "/api/segments/" + s1 + "/tags").data())).containsExactly("VIP");
        assertThat(idsOf(api.get("get_tag_ids_for_segment", "/api/segments/" + s1 + "/relationships/tags").data())).containsExactly(vip);
        assertThat(api.get("get_tags_for_segment", "/api/segments/" + s2 + "/tags").data()).isEmpty();
        assertThat(api.get("get_tags_for_segment", "/api/segments/NOPE00/tags").status()).isEqualTo(404);

        var one = api.get("get_segment", "/api/segments/" + s1 + "?include=tags,flow-triggers");
        assertThat(idsOf(one.data().at("/relationships/tags/data"))).containsExactly(vip);
        assertThat(one.data().at("/relationships/flow-triggers/data")).isEmpty();
        assertThat(idsOf(one.body().get("included"))).containsExactly(vip);
        var page = api.get("get_segments", "/api/segments?include=tags&sort=name");
        assertThat(idsOf(page.data().get(0).at("/relationships/tags/data"))).containsExactly(vip);
        assertThat(page.data().get(1).at("/relationships/tags/data")).isEmpty();
        assertThat(page.body().get("included")).hasSize(1);

        var unknown = api.post("tag_segments", "/api/tags/" + vip + "/relationships/segments", ids("segment", s2, "NOPE00"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.error().at("/source/pointer").asText()).isEqualTo("/data/1/id");
        assertThat(api.get("get_segment_ids_for_tag", "/api/tags/" + vip + "/relationships/segments").data())
                .as("all or nothing").hasSize(1);
        assertThat(api.delete("remove_tag_from_segments", "/api/tags/" + vip + "/relationships/segments", ids("segment", s1)).status())
                .isEqualTo(204);
        assertThat(api.get("get_tags_for_segment", "/api/segments/" + s1 + "/tags").data()).isEmpty();
    }

    @Test
    void deletingATagListOrSegmentTakesItsLinks() {
        Api api = TagFixtures.account(server).api();
        String a = createTag(api, "A", null).get("id").asText();
        String b = createTag(api, "B", null).get("id").asText();
        String l = list(api, "L");
        String s = segment(api, "S");
        for (String t : List.of(a, b)) {
            assertThat(api.post("tag_lists", "/api/tags/" + t + "/relationships/lists", ids("list", l)).status()).isEqualTo(204);
            assertThat(api.post("tag_segments", "/api/tags/" + t + "/relationships/segments", ids("segment", s)).status()).isEqualTo(204);
        }
        assertThat(api.delete("delete_tag", "/api/tags/" + a, null).status()).isEqualTo(204);
        assertThat(idsOf(api.get("get_tag_ids_for_list", "/api/lists/" + l + "/relationships/tags").data())).containsExactly(b);
        assertThat(idsOf(api.get("get_tag_ids_for_segment", "/api/segments/" + s + "/relationships/tags").data())).containsExactly(b);
        assertThat(api.delete("delete_list", "/api/lists/" + l, null).status()).isEqualTo(204);
        assertThat(api.delete("delete_segment", "/api/segments/" + s, null).status()).isEqualTo(204);
        assertThat(api.get("get_list_ids_for_tag", "/api/tags/" + b + "/relationships/lists").data()).isEmpty();
        assertThat(api.get("get_segment_ids_for_tag", "/api/tags/" + b + "/relationships/segments").data()).isEmpty();
        assertThat(server.queryInt("select count(*) from tag_list where tag_id in ('" + a + "','" + b + "')")).isZero();
        assertThat(server.queryInt("select count(*) from tag_segment where tag_id in ('" + a + "','" + b + "')")).isZero();
    }

    @Test
    void anObjectCarriesAtMostOneTagOfAnExclusiveGroup() {
        Api api = TagFixtures.account(server).api();
        String region = createGroup(api, "Region", true).get("id").asText();
        String us = createTag(api, "US", region).get("id").asText();
        String eu = createTag(api, "EU", region).get("id").asText();
        String open = createGroup(api, "Topics", false).get("id").asText();
        String t1 = createTag(api, "Shoes", open).get("id").asText();
        String t2 = createTag(api, "Hats", open).get("id").asText();
        String l1 = list(api, "L1");
        String l2 = list(api, "L2");
        String s = segment(api, "S");

        assertThat(api.post("tag_lists", "/api/tags/" + us + "/relationships/lists", ids("list", l1)).status()).isEqualTo(204);
        assertThat(api.post("tag_lists", "/api/tags/" + us + "/relationships/lists", ids("list", l1)).status())
                .as("the same tag again is no second tag").isEqualTo(204);
        var refused = api.post("tag_lists", "/api/tags/" + eu + "/relationships/lists", ids("list", l2, l1));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.error().at("/source/pointer").asText()).isEqualTo("/data/1/id");
        assertThat(refused.error().get("detail").asText()).contains("exclusive").contains("US");
        assertThat(api.get("get_list_ids_for_tag", "/api/tags/" + eu + "/relationships/lists").data()).as("nothing applied").isEmpty();
        // Per object: another list, or a segment, may carry the other tag.
        assertThat(api.post("tag_lists", "/api/tags/" + eu + "/relationships/lists", ids("list", l2)).status()).isEqualTo(204);
        assertThat(api.post("tag_segments", "/api/tags/" + eu + "/relationships/segments", ids("segment", s)).status()).isEqualTo(204);
        // Once untagged, the object may take the other tag.
        assertThat(api.delete("remove_tag_from_lists", "/api/tags/" + us + "/relationships/lists", ids("list", l1)).status()).isEqualTo(204);
        assertThat(api.post("tag_lists", "/api/tags/" + eu + "/relationships/lists", ids("list", l1)).status()).isEqualTo(204);
        // A non-exclusive group allows any number of its tags.
        assertThat(api.post("tag_lists", "/api/tags/" + t1 + "/relationships/lists", ids("list", l1)).status()).isEqualTo(204);
        assertThat(api.post("tag_lists", "/api/tags/" + t2 + "/relationships/lists", ids("list", l1)).status()).isEqualTo(204);
        assertThat(api.get("get_tag_ids_for_list", "/api/lists/" + l1 + "/relationships/tags").data()).hasSize(3);
    }

    @Test
    void concurrentTaggingsWithOneExclusiveGroupLeaveOneTag() throws Exception {
        Api api = TagFixtures.account(server).api();
        String group = createGroup(api, "Tier", true).get("id").asText();
        String l = list(api, "Contested");
        List<String> tiers = new ArrayList<>();
        for (int i = 0; i < 6; i++) tiers.add(createTag(api, "Tier " + i, group).get("id").asText());
        List<Integer> statuses = new ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(6)) {
            List<java.util.concurrent.Callable<Integer>> calls = new ArrayList<>();
            for (String t : tiers) calls.add(() -> api.post("tag_lists", "/api/tags/" + t + "/relationships/lists", ids("list", l)).status());
            for (var f : pool.invokeAll(calls)) statuses.add(f.get());
        }
        assertThat(statuses).containsOnly(204, 400);
        assertThat(statuses.stream().filter(x -> x == 204)).hasSize(1);
        assertThat(api.get("get_tag_ids_for_list", "/api/lists/" + l + "/relationships/tags").data()).hasSize(1);
    }

    @Test
    void anObjectCarriesAtMost100Tags() {
        TagFixtures.Account a = TagFixtures.account(server);
        Api api = a.api();
        String l = list(api, "Busy");
        String last = createTag(api, "The 101st", null).get("id").asText();
        String group = api.get("get_tag_groups", "/api/tag-groups").data().get(0).get("id").asText();
        server.jdbc().inTransaction(c -> {
            try (var ps = c.prepareStatement("insert into tag (account_id, id, name, tag_group_id, created, updated) "
                    + "select ?, 'seed-' || n, 'seed ' || n, ?, now(), now() from generate_series(1, 100) n")) {
                ps.setString(1, a.id());
                ps.setString(2, group);
                ps.executeUpdate();
            }
            try (var ps = c.prepareStatement("insert into tag_list (account_id, tag_id, list_id) "
                    + "select ?, 'seed-' || n, ? from generate_series(1, 100) n")) {
                ps.setString(1, a.id());
                ps.setString(2, l);
                return ps.executeUpdate();
            }
        });
        var refused = api.post("tag_lists", "/api/tags/" + last + "/relationships/lists", ids("list", l));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.error().at("/source/pointer").asText()).isEqualTo("/data/0/id");
        assertThat(refused.error().get("detail").asText()).contains("100");
        assertThat(api.post("tag_lists", "/api/tags/seed-1/relationships/lists", ids("list", l)).status())
                .as("a tag it already has is no 101st").isEqualTo(204);
        assertThat(api.delete("delete_tag", "/api/tags/seed-1", null).status()).isEqualTo(204);
        assertThat(api.post("tag_lists", "/api/tags/" + last + "/relationships/lists", ids("list", l)).status()).isEqualTo(204);
        assertThat(api.get("get_tag_ids_for_list", "/api/lists/" + l + "/relationships/tags").data()).hasSize(100);
    }

    @Test
    void unknownCampaignsAndFlowsAreNotFound() {
        Api api = TagFixtures.account(server).api();
        String tag = createTag(api, "Launch", null).get("id").asText();
        for (String[] k : new String[][] {{"campaigns", "campaign"}, {"flows", "flow"}}) {
            String path = "/api/tags/" + tag + "/relationships/" + k[0];
            var add = api.post("tag_" + k[0], path, ids(k[1], "01HZZZZZZZZZZZZZZZZZZZZZZZ"));
            assertThat(add.status()).as(add.text()).isEqualTo(404);
            assertThat(add.error().at("/source/pointer").asText()).isEqualTo("/data/0/id");
            assertThat(add.error().get("detail").asText()).contains("A " + k[1] + " with id");
            var read = api.get("get_" + k[1] + "_ids_for_tag", path);
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.data()).isEmpty();
            assertThat(api.delete("remove_tag_from_" + k[0], path, ids(k[1], "x")).status()).isEqualTo(204);
            assertThat(api.get("get_" + k[1] + "_ids_for_tag", "/api/tags/nope/relationships/" + k[0]).status()).isEqualTo(404);
            assertThat(api.post("tag_" + k[0], "/api/tags/nope/relationships/" + k[0], ids(k[1], "x")).status()).isEqualTo(404);
            var wrongType = api.post("tag_" + k[0], path, ids("list", "x"));
            assertThat(wrongType.status()).isEqualTo(400);
            assertThat(wrongType.error().at("/source/pointer").asText()).startsWith("/data/0/type");
        }
    }

    @Test
    void everyEndpointAnswers404ForAnUnknownTagOrGroup() {
        Api api = TagFixtures.account(server).api();
        String tag = "/api/tags/00000000-0000-0000-0000-000000000000";
        String group = "/api/tag-groups/00000000-0000-0000-0000-000000000000";
        String[][] reads = {{"get_tag", tag}, {"get_tag_group_for_tag", tag + "/tag-group"},
                {"get_tag_group_id_for_tag", tag + "/relationships/tag-group"}, {"get_list_ids_for_tag", tag + "/relationships/lists"},
                {"get_segment_ids_for_tag", tag + "/relationships/segments"}, {"get_campaign_ids_for_tag", tag + "/relationships/campaigns"},
                {"get_flow_ids_for_tag", tag + "/relationships/flows"}, {"get_tag_group", group},
                {"get_tags_for_tag_group", group + "/tags"}, {"get_tag_ids_for_tag_group", group + "/relationships/tags"}};
        for (String[] r : reads) {
            var answer = api.get(r[0], r[1]);
            assertThat(answer.status()).as(r[0]).isEqualTo(404);
            assertThat(answer.error().get("code").asText()).as(r[0]).isEqualTo("not_found");
            assertThat(answer.error().at("/source/parameter").asText()).as(r[0]).isEqualTo("id");
        }
        String l = list(api, "Any");
        String s = segment(api, "Any");
        String[][] writes = {{"tag_lists", "POST", "/relationships/lists", ids("list", l)},
                {"remove_tag_from_lists", "DELETE", "/relationships/lists", ids("list", l)},
                {"tag_segments", "POST", "/relationships/segments", ids("segment", s)},
                {"remove_tag_from_segments", "DELETE", "/relationships/segments", ids("segment", s)},
                {"tag_campaigns", "POST", "/relationships/campaigns", "{\"data\":[]}"},
                {"remove_tag_from_campaigns", "DELETE", "/relationships/campaigns", "{\"data\":[]}"},
                {"tag_flows", "POST", "/relationships/flows", "{\"data\":[]}"},
                {"remove_tag_from_flows", "DELETE", "/relationships/flows", "{\"data\":[]}"}};
        for (String[] w : writes) {
            var answer = api.send(w[0], w[1], tag + w[2], w[3], java.util.Map.of());
            assertThat(answer.status()).as(w[0]).isEqualTo(404);
            assertThat(answer.error().at("/source/parameter").asText()).as(w[0]).isEqualTo("id");
        }
        assertThat(api.patch("update_tag_group", group, "{\"data\":{\"type\":\"tag-group\",\"id\":\"00000000-0000-0000-0000-000000000000\","
                + "\"attributes\":{\"name\":\"X\"}}}").status()).isEqualTo(404);
        assertThat(api.delete("delete_tag_group", group, null).status()).isEqualTo(404);
    }

    @Test
    void anotherAccountsTagsAndObjectsAreNotFound() {
        Api a = TagFixtures.account(server).api();
        Api b = TagFixtures.account(server).api();
        String tagA = createTag(a, "Mine", null).get("id").asText();
        String listA = list(a, "Mine");
        String tagB = createTag(b, "Theirs", null).get("id").asText();
        String listB = list(b, "Theirs");
        assertThat(a.post("tag_lists", "/api/tags/" + tagA + "/relationships/lists", ids("list", listA)).status()).isEqualTo(204);

        var otherTag = b.post("tag_lists", "/api/tags/" + tagA + "/relationships/lists", ids("list", listB));
        assertThat(otherTag.status()).isEqualTo(404);
        assertThat(otherTag.error().at("/source/parameter").asText()).isEqualTo("id");
        var otherList = b.post("tag_lists", "/api/tags/" + tagB + "/relationships/lists", ids("list", listA));
        assertThat(otherList.status()).isEqualTo(404);
        assertThat(otherList.error().at("/source/pointer").asText()).isEqualTo("/data/0/id");
        assertThat(b.get("get_list_ids_for_tag", "/api/tags/" + tagA + "/relationships/lists").status()).isEqualTo(404);
        assertThat(b.delete("remove_tag_from_lists", "/api/tags/" + tagA + "/relationships/lists", ids("list", listA)).status()).isEqualTo(404);
        assertThat(b.get("get_tags_for_list", "/api/lists/" + listA + "/tags").status()).isEqualTo(404);
        assertThat(idsOf(a.get("get_list_ids_for_tag", "/api/tags/" + tagA + "/relationships/lists").data())).containsExactly(listA);
    }

    @Test
    void eachSideNeedsTheScopesOfBoth() {
        Api all = TagFixtures.account(server).api();
        String tag = createTag(all, "Scoped", null).get("id").asText();
        String l = list(all, "Scoped");
        Api tagsOnly = server.api(server.createKey("default", Set.of("tags:read", "tags:write")));
        Api tagsAndLists = server.api(server.createKey("default", Set.of("tags:read", "tags:write", "lists:read", "lists:write")));
        String tagHere = createTag(tagsAndLists, "Here", null).get("id").asText();
        String listHere = list(tagsAndLists, "Here");
        var refused = tagsOnly.post("tag_lists", "/api/tags/" + tagHere + "/relationships/lists", ids("list", listHere));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(tagsOnly.get("get_list_ids_for_tag", "/api/tags/" + tagHere + "/relationships/lists").status()).isEqualTo(403);
        assertThat(tagsAndLists.post("tag_lists", "/api/tags/" + tagHere + "/relationships/lists", ids("list", listHere)).status())
                .isEqualTo(204);
        assertThat(tagsAndLists.get("get_tags_for_list", "/api/lists/" + listHere + "/tags").status()).isEqualTo(200);
        Api listsOnly = server.api(server.createKey("default", Set.of("lists:read")));
        assertThat(listsOnly.get("get_tags_for_list", "/api/lists/" + listHere + "/tags").status()).isEqualTo(403);
        assertThat(listsOnly.get("get_list", "/api/lists/" + listHere + "?include=tags").status()).isEqualTo(403);
        assertThat(all.get("get_tags", "/api/tags?filter=" + q("equals(name,'Scoped')")).data()).hasSize(1);
        assertThat(l).isNotEmpty();
        assertThat(tag).isNotEmpty();
    }
}
