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
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** List membership from both sides: add, remove, members with filters and pages, a profile's lists, include=lists. */
class ListMembershipTest {
    static final MutableClock clock = new MutableClock(Instant.parse("2026-10-02T08:00:00Z"));
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

    static String newList(String name) {
        return api.post("create_list", "/api/lists", "{\"data\":{\"type\":\"list\",\"attributes\":{\"name\":\"" + name + "\"}}}")
                .data().get("id").asText();
    }

    static String newProfile(String email) {
        return api.post("create_profile", "/api/profiles",
                "{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"" + email + "\"}}}").data().get("id").asText();
    }

    static String body(List<String> profileIds) {
        return "{\"data\":[" + profileIds.stream().map(id -> "{\"type\":\"profile\",\"id\":\"" + id + "\"}")
                .collect(Collectors.joining(",")) + "]}";
    }

    static Api.Response add(String listId, List<String> ids) {
        return api.post("add_profiles_to_list", "/api/lists/" + listId + "/relationships/profiles", body(ids));
    }

    static int memberCount(String listId) {
        return api.get("get_list", "/api/lists/" + listId + "?additional-fields%5Blist%5D=profile_count")
                .data().at("/attributes/profile_count").asInt();
    }

    @Test
    void addIsIdempotentAndKeepsTheFirstJoinTime() {
        String list = newList("Idempotent");
        String a = newProfile("a-idem@example.com");
        String b = newProfile("b-idem@example.com");
        var r = add(list, List.of(a));
        assertThat(r.status()).isEqualTo(204);
        assertThat(r.text()).isEmpty();
        clock.advance(Duration.ofMinutes(3));
        assertThat(add(list, List.of(a, b, a)).status()).isEqualTo(204);
        assertThat(memberCount(list)).isEqualTo(2);
        var members = api.get("get_profiles_for_list", "/api/lists/" + list + "/profiles");
        assertThat(members.data()).extracting(d -> d.get("id").asText()).containsExactly(a, b);
        Instant joinedA = Instant.parse(members.data().get(0).at("/attributes/joined_group_at").asText());
        Instant joinedB = Instant.parse(members.data().get(1).at("/attributes/joined_group_at").asText());
        assertThat(Duration.between(joinedA, joinedB)).isEqualTo(Duration.ofMinutes(3));
        var early = api.get("get_profiles_for_list", "/api/lists/" + list + "/profiles?filter="
                + q("less-than(joined_group_at," + joinedB + ")"));
        assertThat(early.data()).extracting(d -> d.get("id").asText()).containsExactly(a);
    }

    @Test
    void unknownProfileIs404AndNothingIsApplied() {
        String list = newList("All or nothing");
        String a = newProfile("a-aon@example.com");
        var r = add(list, List.of(a, "01ARZ3NDEKTSV4RRFFQ69G5FAV"));
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.error().at("/source/pointer").asText()).isEqualTo("/data/1/id");
        assertThat(memberCount(list)).isZero();
        Api other = server.api(server.createKey("other-account", Set.of("*")));
        String foreign = other.post("create_profile", "/api/profiles",
                "{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"foreign@example.com\"}}}").data().get("id").asText();
        assertThat(add(list, List.of(foreign)).status()).isEqualTo(404);
        assertThat(other.post("add_profiles_to_list", "/api/lists/" + list + "/relationships/profiles", body(List.of(foreign)))
                .status()).isEqualTo(404);
        assertThat(add("AAAAAA", List.of(a)).status()).isEqualTo(404);
    }

    @Test
    void atMostOneThousandProfilesPerCall() {
        String list = newList("Limit");
        List<String> many = IntStream.range(0, 1001).mapToObj(i -> "01ARZ3NDEKTSV4RRFFQ69G5FAV").toList();
        var r = add(list, many);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error().get("detail").asText()).contains("1000");
        var removal = api.delete("remove_profiles_from_list", "/api/lists/" + list + "/relationships/profiles", body(many));
        assertThat(removal.status()).isEqualTo(400);
        var badItem = api.post("add_profiles_to_list", "/api/lists/" + list + "/relationships/profiles",
                "{\"data\":[{\"type\":\"list\",\"id\":\"x\"}]}");
        assertThat(badItem.error().at("/source/pointer").asText()).isEqualTo("/data/0/type");
    }

    @Test
    void removeLeavesTheProfileAndOtherMembers() {
        String list = newList("Removal");
        String a = newProfile("a-rm@example.com");
        String b = newProfile("b-rm@example.com");
        add(list, List.of(a, b));
        var r = api.delete("remove_profiles_from_list", "/api/lists/" + list + "/relationships/profiles", body(List.of(a)));
        assertThat(r.status()).isEqualTo(204);
        assertThat(api.get("get_profile_ids_for_list", "/api/lists/" + list + "/relationships/profiles").data())
                .extracting(d -> d.get("id").asText()).containsExactly(b);
        assertThat(api.get("get_profile", "/api/profiles/" + a).status()).isEqualTo(200);
        // removing a non-member is harmless
        assertThat(api.delete("remove_profiles_from_list", "/api/lists/" + list + "/relationships/profiles", body(List.of(a)))
                .status()).isEqualTo(204);
    }

    @Test
    void deletingAListTakesItsMembershipsNotItsProfiles() {
        String list = newList("Deleted with members");
        String keep = newList("Kept");
        String a = newProfile("a-del@example.com");
        add(list, List.of(a));
        add(keep, List.of(a));
        assertThat(api.delete("delete_list", "/api/lists/" + list, null).status()).isEqualTo(204);
        assertThat(api.get("get_profile", "/api/profiles/" + a).status()).isEqualTo(200);
        assertThat(api.get("get_list_ids_for_profile", "/api/profiles/" + a + "/relationships/lists").data())
                .extracting(d -> d.get("id").asText()).containsExactly(keep);
        long rows = server.jdbc().read(c -> {
            try (var rs = c.createStatement().executeQuery("select count(*) from list_membership where list_id = '" + list + "'")) {
                rs.next();
                return rs.getLong(1);
            }
        });
        assertThat(rows).isZero();
    }

    @Test
    void membersPageByJoinTimeWithProfileFiltersAndSparseFields() {
        String list = newList("Paged members");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String id = api.post("create_profile", "/api/profiles", "{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"m" + i
                    + "@members.example.com\",\"phone_number\":\"+1415555" + (1000 + i) + "\"}}}").data().get("id").asText();
            ids.add(id);
            add(list, List.of(id));
            clock.advance(Duration.ofSeconds(30));
        }
        assertThat(Pages.walk(api, "get_profiles_for_list", "/api/lists/" + list + "/profiles?page%5Bsize%5D=3")).containsExactlyElementsOf(ids);
        List<String> desc = new ArrayList<>(ids);
        java.util.Collections.reverse(desc);
        assertThat(Pages.walk(api, "get_profile_ids_for_list", "/api/lists/" + list + "/relationships/profiles?sort=-joined_group_at&page%5Bsize%5D=2"))
                .containsExactlyElementsOf(desc);
        var byEmail = api.get("get_profiles_for_list", "/api/lists/" + list + "/profiles?filter="
                + q("any(email,['m2@members.example.com','m5@members.example.com'])"));
        assertThat(byEmail.data()).extracting(d -> d.get("id").asText()).containsExactly(ids.get(2), ids.get(5));
        var byPhone = api.get("get_profiles_for_list", "/api/lists/" + list + "/profiles?filter=" + q("equals(phone_number,'+14155551003')"));
        assertThat(byPhone.data()).extracting(d -> d.get("id").asText()).containsExactly(ids.get(3));
        var sparse = api.get("get_profiles_for_list", "/api/lists/" + list + "/profiles?fields%5Bprofile%5D=email&page%5Bsize%5D=1");
        assertThat(sparse.data().get(0).get("attributes").properties()).extracting(java.util.Map.Entry::getKey)
                .containsExactly("email");
        var withJoined = api.get("get_profiles_for_list", "/api/lists/" + list + "/profiles?fields%5Bprofile%5D=email,joined_group_at&page%5Bsize%5D=1");
        assertThat(withJoined.data().get(0).get("attributes").properties()).extracting(java.util.Map.Entry::getKey)
                .containsExactlyInAnyOrder("email", "joined_group_at");
        // push_token matches members holding that registered token (one of theirs), as the member's other filters do.
        for (int i : new int[] {1, 4}) {
            assertThat(api.post("create_push_token", "/api/push-tokens", dev.openprofile.pushtokens.PushTokensTest.body(
                    "list-token-" + i, "ios", "apns", "", "{\"email\":\"m" + i + "@members.example.com\"}")).status()).isEqualTo(202);
        }
        var pushToken = api.get("get_profiles_for_list", "/api/lists/" + list + "/profiles?filter=" + q("equals(push_token,'list-token-4')"));
        assertThat(pushToken.data()).extracting(d -> d.get("id").asText()).containsExactly(ids.get(4));
        var anyToken = api.get("get_profile_ids_for_list", "/api/lists/" + list + "/relationships/profiles?filter="
                + q("any(push_token,['list-token-1','list-token-4','no-such-token'])"));
        assertThat(anyToken.data()).extracting(d -> d.get("id").asText()).containsExactly(ids.get(1), ids.get(4));
        assertThat(api.get("get_profiles_for_list", "/api/lists/" + list + "/profiles?filter="
                + q("equals(push_token,'list-token-1'),equals(email,'m4@members.example.com')")).data()).isEmpty();
        var tooBig = api.get("get_profiles_for_list", "/api/lists/" + list + "/profiles?page%5Bsize%5D=101");
        assertThat(tooBig.status()).isEqualTo(400);
        assertThat(api.get("get_profiles_for_list", "/api/lists/AAAAAA/profiles").status()).isEqualTo(404);
    }

    @Test
    void aProfilesListsFromTheProfileSide() {
        String l1 = newList("Side A");
        String l2 = newList("Side B");
        String p = newProfile("side@example.com");
        add(l1, List.of(p));
        add(l2, List.of(p));
        var lists = api.get("get_lists_for_profile", "/api/profiles/" + p + "/lists?fields%5Blist%5D=name");
        assertThat(lists.data()).extracting(d -> d.get("id").asText()).containsExactlyInAnyOrder(l1, l2);
        assertThat(lists.data().get(0).get("attributes").size()).isEqualTo(1);
        var ids = api.get("get_list_ids_for_profile", "/api/profiles/" + p + "/relationships/lists");
        assertThat(ids.data()).extracting(d -> d.get("type").asText()).containsOnly("list");
        assertThat(api.get("get_lists_for_profile", "/api/profiles/01ARZ3NDEKTSV4RRFFQ69G5FAV/lists").status()).isEqualTo(404);

        var included = api.get("get_profile", "/api/profiles/" + p + "?include=lists&fields%5Blist%5D=name");
        JsonNode inc = included.body().get("included");
        assertThat(inc).extracting(d -> d.get("id").asText()).containsExactlyInAnyOrder(l1, l2);
        assertThat(inc.get(0).get("type").asText()).isEqualTo("list");
        assertThat(inc.get(0).get("attributes").size()).isEqualTo(1);
        assertThat(included.data().at("/relationships/lists/data")).extracting(d -> d.get("id").asText())
                .containsExactlyInAnyOrder(l1, l2);
    }

    @Test
    void membershipNeedsBothScopes() {
        String list = newList("Scoped");
        String p = newProfile("scoped@example.com");
        // add_profiles_to_list needs lists:write and profiles:write; scopes are checked before anything is read.
        Api listsOnly = server.api(server.createKey("lists-only", Set.of("lists:write")));
        assertThat(listsOnly.post("add_profiles_to_list", "/api/lists/" + list + "/relationships/profiles", body(List.of(p)))
                .status()).isEqualTo(403);
    }
}
