package dev.openprofile.webfeeds;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.MutableClock;
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

/** Web feeds through the resource kit: shape, validation, filters, sorts, pages, and the limit of 10 an account. */
class WebFeedResourcesTest {
    static final MutableClock clock = new MutableClock(Instant.parse("2026-10-01T12:00:00Z"));
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(clock);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A fresh account for each test: the limit counts an account's feeds. */
    static Api account() {
        return server.newAccount("feeds-").api();
    }

    static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String body(String name, String extra) {
        return "{\"data\":{\"type\":\"web-feed\",\"attributes\":{\"name\":\"" + name + "\",\"url\":\"https://blog.test/"
                + name + ".json\",\"request_method\":\"get\",\"content_type\":\"json\"" + extra + "}}}";
    }

    static JsonNode create(Api api, String name) {
        var r = api.post("create_web_feed", "/api/web-feeds", body(name, ""));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.data();
    }

    static List<String> names(JsonNode data) {
        List<String> out = new ArrayList<>();
        data.forEach(d -> out.add(d.at("/attributes/name").asText()));
        return out;
    }

    @Test
    void aFeedIsCreatedReadUpdatedAndDeleted() {
        Api api = account();
        var created = api.post("create_web_feed", "/api/web-feeds", "{\"data\":{\"type\":\"web-feed\",\"attributes\":{"
                + "\"name\":\"Blog_posts\",\"url\":\"https://blog.test/feed.xml\",\"request_method\":\"post\",\"content_type\":\"xml\"}}}");
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        JsonNode feed = created.data();
        String id = feed.get("id").asText();
        assertThat(id).matches("[0-9a-f]{12}");
        assertThat(feed.get("type").asText()).isEqualTo("web-feed");
        JsonNode a = feed.get("attributes");
        assertThat(a.get("name").asText()).isEqualTo("Blog_posts");
        assertThat(a.get("url").asText()).isEqualTo("https://blog.test/feed.xml");
        assertThat(a.get("request_method").asText()).isEqualTo("post");
        assertThat(a.get("content_type").asText()).isEqualTo("xml");
        assertThat(java.time.OffsetDateTime.parse(a.get("created").asText()).toInstant()).isEqualTo(clock.instant());
        assertThat(a.get("updated").asText()).isEqualTo(a.get("created").asText());
        assertThat(a.get("status").isNull()).isTrue();
        assertThat(feed.at("/links/self").asText()).endsWith("/api/web-feeds/" + id + "/");

        assertThat(api.get("get_web_feed", "/api/web-feeds/" + id).data()).isEqualTo(feed);

        clock.advance(Duration.ofMinutes(5));
        var updated = api.patch("update_web_feed", "/api/web-feeds/" + id, "{\"data\":{\"type\":\"web-feed\",\"id\":\"" + id
                + "\",\"attributes\":{\"name\":\"Articles\",\"request_method\":\"get\",\"content_type\":null}}}");
        assertThat(updated.status()).as(updated.text()).isEqualTo(200);
        JsonNode u = updated.data().get("attributes");
        assertThat(u.get("name").asText()).isEqualTo("Articles");
        assertThat(u.get("request_method").asText()).isEqualTo("get");
        assertThat(u.get("url").asText()).isEqualTo("https://blog.test/feed.xml");
        assertThat(u.get("content_type").asText()).as("null keeps the value").isEqualTo("xml");
        assertThat(u.get("created").asText()).isEqualTo(a.get("created").asText());
        assertThat(java.time.OffsetDateTime.parse(u.get("updated").asText()))
                .isEqualTo(java.time.OffsetDateTime.parse(a.get("created").asText()).plusMinutes(5));
        assertThat(api.get("get_web_feed", "/api/web-feeds/" + id).data().at("/attributes/name").asText()).isEqualTo("Articles");

        var deleted = api.delete("delete_web_feed", "/api/web-feeds/" + id, null);
        assertThat(deleted.status()).isEqualTo(204);
        var gone = api.get("get_web_feed", "/api/web-feeds/" + id);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.error().get("code").asText()).isEqualTo("not_found");
        assertThat(api.delete("delete_web_feed", "/api/web-feeds/" + id, null).status()).isEqualTo(404);
        assertThat(api.patch("update_web_feed", "/api/web-feeds/" + id, "{\"data\":{\"type\":\"web-feed\",\"id\":\"" + id
                + "\",\"attributes\":{\"name\":\"X\"}}}").status()).isEqualTo(404);
    }

    @Test
    void badInputIsRefusedAtItsPointerAndStoresNothing() {
        Api api = account();
        String[][] cases = {
                {"{\"data\":{\"type\":\"web-feed\",\"attributes\":{\"url\":\"https://b.test\",\"request_method\":\"get\","
                        + "\"content_type\":\"json\"}}}", "/data/attributes/name"},
                {"{\"data\":{\"type\":\"web-feed\",\"attributes\":{\"name\":\"N\",\"request_method\":\"get\","
                        + "\"content_type\":\"json\"}}}", "/data/attributes/url"},
                {body("N", "").replace("\"get\"", "\"put\""), "/data/attributes/request_method"},
                {body("N", "").replace("\"json\"", "\"csv\""), "/data/attributes/content_type"},
                {body("N", "").replace("\"name\":\"N\"", "\"name\":\"  \""), "/data/attributes/name"},
                {body("N", ",\"status\":\"ok\""), "/data/attributes/status"},
                {body("N", "").replace("\"web-feed\"", "\"webfeed\""), "/data/type"},
        };
        for (String[] c : cases) {
            var r = api.post("create_web_feed", "/api/web-feeds", c[0]);
            assertThat(r.status()).as(c[0] + " " + r.text()).isEqualTo(400);
            assertThat(r.error().at("/source/pointer").asText()).as(c[0]).isEqualTo(c[1]);
        }
        String id = create(api, "Kept").get("id").asText();
        var blankName = api.patch("update_web_feed", "/api/web-feeds/" + id, "{\"data\":{\"type\":\"web-feed\",\"id\":\"" + id
                + "\",\"attributes\":{\"name\":\"\"}}}");
        assertThat(blankName.status()).as(blankName.text()).isEqualTo(400);
        assertThat(blankName.error().at("/source/pointer").asText()).isEqualTo("/data/attributes/name");
        var badMethod = api.patch("update_web_feed", "/api/web-feeds/" + id, "{\"data\":{\"type\":\"web-feed\",\"id\":\"" + id
                + "\",\"attributes\":{\"request_method\":\"delete\"}}}");
        assertThat(badMethod.status()).isEqualTo(400);
        assertThat(badMethod.error().at("/source/pointer").asText()).isEqualTo("/data/attributes/request_method");
        var otherId = api.patch("update_web_feed", "/api/web-feeds/" + id, "{\"data\":{\"type\":\"web-feed\",\"id\":\"000000000000\","
                + "\"attributes\":{\"name\":\"X\"}}}");
        assertThat(otherId.status()).isEqualTo(409);
        assertThat(otherId.error().at("/source/pointer").asText()).isEqualTo("/data/id");
        JsonNode all = api.get("get_web_feeds", "/api/web-feeds").data();
        assertThat(names(all)).containsExactly("Kept");
        assertThat(all.get(0).at("/attributes/request_method").asText()).isEqualTo("get");
    }

    @Test
    void anAccountHasAtMostTenFeedsAndADeleteMakesRoom() {
        Api api = account();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < WebFeedLimit.MAX_PER_ACCOUNT; i++) ids.add(create(api, "F" + i).get("id").asText());
        var eleventh = api.post("create_web_feed", "/api/web-feeds", body("F10", ""));
        assertThat(eleventh.status()).as(eleventh.text()).isEqualTo(400);
        assertThat(eleventh.error().get("code").asText()).isEqualTo("invalid");
        assertThat(eleventh.error().at("/source/pointer").asText()).isEqualTo("/data");
        assertThat(eleventh.error().get("detail").asText()).contains("at most 10 web feeds");
        assertThat(server.queryInt("select count(*) from web_feed where account_id = (select account_id from web_feed where id = '"
                + ids.get(0) + "')")).isEqualTo(10);
        // Another account's feeds do not count.
        create(account(), "Elsewhere");
        assertThat(api.delete("delete_web_feed", "/api/web-feeds/" + ids.get(3), null).status()).isEqualTo(204);
        assertThat(create(api, "F10").at("/attributes/name").asText()).isEqualTo("F10");
    }

    @Test
    void feedsFilterSortAndPageAsTheSpecSays() {
        Api api = account();
        List<String> created = new ArrayList<>();
        for (String n : new String[] {"Blog_posts", "Products", "Blog_news"}) {
            created.add(create(api, n).at("/attributes/created").asText());
            clock.advance(Duration.ofMinutes(1));
        }
        // Default: oldest first, five to a page.
        assertThat(names(api.get("get_web_feeds", "/api/web-feeds").data())).containsExactly("Blog_posts", "Products", "Blog_news");
        assertThat(names(api.get("get_web_feeds", "/api/web-feeds?sort=-name").data())).containsExactly("Products", "Blog_posts", "Blog_news");
        assertThat(names(api.get("get_web_feeds", "/api/web-feeds?sort=-created").data())).containsExactly("Blog_news", "Products", "Blog_posts");
        assertThat(names(api.get("get_web_feeds", "/api/web-feeds?filter=" + q("contains(name,'Blog')") + "&sort=name").data()))
                .containsExactly("Blog_news", "Blog_posts");
        assertThat(names(api.get("get_web_feeds", "/api/web-feeds?filter=" + q("equals(name,'Products')")).data())).containsExactly("Products");
        assertThat(names(api.get("get_web_feeds", "/api/web-feeds?filter=" + q("any(name,['Products','Blog_news'])")).data()))
                .containsExactly("Products", "Blog_news");
        assertThat(names(api.get("get_web_feeds", "/api/web-feeds?filter=" + q("greater-or-equal(created," + created.get(1) + ")")).data()))
                .containsExactly("Products", "Blog_news");
        assertThat(names(api.get("get_web_feeds", "/api/web-feeds?filter=" + q("less-than(updated," + created.get(1) + ")")).data()))
                .containsExactly("Blog_posts");

        var first = api.get("get_web_feeds", "/api/web-feeds?page%5Bsize%5D=2");
        assertThat(names(first.data())).containsExactly("Blog_posts", "Products");
        String next = first.body().at("/links/next").asText();
        var second = api.get("get_web_feeds", next.substring(next.indexOf("/api/")));
        assertThat(names(second.data())).containsExactly("Blog_news");

        var tooBig = api.get("get_web_feeds", "/api/web-feeds?page%5Bsize%5D=21");
        assertThat(tooBig.status()).isEqualTo(400);
        assertThat(tooBig.error().at("/source/parameter").asText()).isEqualTo("page[size]");
        var badFilter = api.get("get_web_feeds", "/api/web-feeds?filter=" + q("equals(url,'x')"));
        assertThat(badFilter.status()).isEqualTo(400);
        assertThat(badFilter.error().at("/source/parameter").asText()).isEqualTo("filter");
        var badSort = api.get("get_web_feeds", "/api/web-feeds?sort=url");
        assertThat(badSort.status()).isEqualTo(400);
        assertThat(badSort.error().at("/source/parameter").asText()).isEqualTo("sort");
        var sparse = api.get("get_web_feeds", "/api/web-feeds?fields%5Bweb-feed%5D=name&page%5Bsize%5D=1").data().get(0);
        assertThat(sparse.get("attributes").size()).isEqualTo(1);
    }

    @Test
    void aFeedOfAnotherAccountIsNotFound() {
        String id = create(account(), "Mine").get("id").asText();
        Api other = account();
        assertThat(other.get("get_web_feed", "/api/web-feeds/" + id).status()).isEqualTo(404);
        assertThat(other.delete("delete_web_feed", "/api/web-feeds/" + id, null).status()).isEqualTo(404);
        assertThat(other.get("get_web_feeds", "/api/web-feeds").data().size()).isZero();
    }
}
