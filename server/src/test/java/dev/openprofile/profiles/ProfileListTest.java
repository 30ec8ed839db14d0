package dev.openprofile.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.MutableClock;
import dev.openprofile.testing.Pages;
import dev.openprofile.testing.TestServer;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** get_profiles: filters, sorts, keyset pages and links. */
class ProfileListTest {
    static final MutableClock clock = new MutableClock(Instant.parse("2026-08-01T00:00:00Z"));
    static TestServer server;
    static Api api;
    static final List<String> ids = new ArrayList<>();

    @BeforeAll
    static void start() {
        server = TestServer.start(clock);
        api = server.api();
        // 25 profiles, one a minute; every third has no email, to exercise null sort keys.
        for (int i = 0; i < 25; i++) {
            String attrs = i % 3 == 2
                    ? "{\"external_id\":\"ext-" + i + "\"}"
                    : "{\"email\":\"user" + (char) ('z' - i) + "@example.com\",\"external_id\":\"ext-" + i + "\"}";
            ids.add(api.post("create_profile", "/api/profiles", ProfileCreateTest.body(attrs)).data().get("id").asText());
            clock.advance(Duration.ofMinutes(1));
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static List<String> idsOf(Api.Response r) {
        List<String> out = new ArrayList<>();
        r.data().forEach(d -> out.add(d.get("id").asText()));
        return out;
    }

    static List<String> walk(String firstPath, String operation) {
        return Pages.walk(api, operation, firstPath);
    }

    @Test
    void defaultPageIs20SortedById() {
        var r = api.get("get_profiles", "/api/profiles");
        assertThat(idsOf(r)).containsExactlyElementsOf(ids.subList(0, 20));
        assertThat(r.body().at("/links/self").asText()).isEqualTo(server.baseUrl() + "/api/profiles/");
        assertThat(r.body().at("/links/prev").isNull()).isTrue();
        assertThat(r.body().at("/links/next").asText()).startsWith(server.baseUrl() + "/api/profiles/?page%5Bcursor%5D=");
    }

    @Test
    void pagesNeverSkipOrRepeat() {
        assertThat(walk("/api/profiles?page%5Bsize%5D=7", "get_profiles")).containsExactlyElementsOf(ids);
        List<String> desc = new ArrayList<>(ids);
        java.util.Collections.reverse(desc);
        assertThat(walk("/api/profiles?sort=-created&page%5Bsize%5D=4", "get_profiles")).containsExactlyElementsOf(desc);
        assertThat(walk("/api/profiles?sort=-id&page%5Bsize%5D=6", "get_profiles")).containsExactlyElementsOf(desc);
    }

    @Test
    void emailSortPutsMissingEmailsFirstAndPagesThroughThem() {
        List<String> byEmail = walk("/api/profiles?sort=email&page%5Bsize%5D=5", "get_profiles");
        assertThat(byEmail).hasSize(25).doesNotHaveDuplicates();
        List<String> noEmail = new ArrayList<>();
        for (int i = 2; i < 25; i += 3) noEmail.add(ids.get(i));
        assertThat(byEmail.subList(0, noEmail.size())).containsExactlyElementsOf(noEmail);
        // user z > y > ... : ascending email is the reverse of creation among those with email
        List<String> withEmail = new ArrayList<>();
        for (int i = 24; i >= 0; i--) if (i % 3 != 2) withEmail.add(ids.get(i));
        assertThat(byEmail.subList(noEmail.size(), 25)).containsExactlyElementsOf(withEmail);
    }

    @Test
    void prevLinkWalksBack() {
        var first = api.get("get_profiles", "/api/profiles?page%5Bsize%5D=10");
        URI next = URI.create(first.body().at("/links/next").asText());
        var second = api.get("get_profiles", next.getRawPath() + "?" + next.getRawQuery());
        assertThat(idsOf(second)).containsExactlyElementsOf(ids.subList(10, 20));
        URI prev = URI.create(second.body().at("/links/prev").asText());
        var back = api.get("get_profiles", prev.getRawPath() + "?" + prev.getRawQuery());
        assertThat(idsOf(back)).containsExactlyElementsOf(ids.subList(0, 10));
        assertThat(back.body().at("/links/prev").isNull()).isTrue();
        assertThat(back.body().at("/links/next").isNull()).isFalse();
    }

    @Test
    void linksReplayEveryOriginalParameter() {
        String filter = "greater-than(created,2026-08-01T00:02:30Z)";
        var r = api.get("get_profiles", "/api/profiles?filter=" + q(filter) + "&sort=-created&page%5Bsize%5D=3&fields%5Bprofile%5D=email");
        String next = r.body().at("/links/next").asText();
        assertThat(next).contains("filter=" + q(filter).replace("+", "%20")).contains("sort=-created")
                .contains("page%5Bsize%5D=3").contains("fields%5Bprofile%5D=email");
        assertThat(r.body().at("/links/self").asText()).contains("sort=-created");
        r.data().forEach(d -> assertThat(d.get("attributes").size()).isEqualTo(1));
    }

    @Test
    void aWholeNextUrlIsAcceptedAsTheCursor() {
        // The Node SDK sends links.next whole as page[cursor] against an http:// server (semantics §9).
        var first = api.get("get_profiles", "/api/profiles?page%5Bsize%5D=5");
        String next = first.body().at("/links/next").asText();
        var r = api.get("get_profiles", "/api/profiles?page%5Bsize%5D=5&page%5Bcursor%5D=" + q(next));
        assertThat(idsOf(r)).containsExactlyElementsOf(ids.subList(5, 10));
    }

    @Test
    void cursorOfAnotherSortIsRejected() {
        var first = api.get("get_profiles", "/api/profiles?page%5Bsize%5D=5&sort=created");
        String cursor = URI.create(first.body().at("/links/next").asText()).getRawQuery().replaceAll(".*page%5Bcursor%5D=", "");
        var r = api.get("get_profiles", "/api/profiles?page%5Bsize%5D=5&sort=email&page%5Bcursor%5D=" + cursor);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error().at("/source/parameter").asText()).isEqualTo("page[cursor]");
    }

    @Test
    void filtersByEveryIdentifier() {
        assertThat(idsOf(api.get("get_profiles", "/api/profiles?filter=" + q("equals(email,\"userz@example.com\")"))))
                .containsExactly(ids.get(0));
        assertThat(idsOf(api.get("get_profiles", "/api/profiles?filter=" + q("any(email,['userz@example.com','usery@example.com'])"))))
                .containsExactly(ids.get(0), ids.get(1));
        assertThat(idsOf(api.get("get_profiles", "/api/profiles?filter=" + q("equals(external_id,'ext-5')"))))
                .containsExactly(ids.get(5));
        assertThat(idsOf(api.get("get_profiles", "/api/profiles?filter=" + q("equals(id,\"" + ids.get(7) + "\")"))))
                .containsExactly(ids.get(7));
        assertThat(idsOf(api.get("get_profiles", "/api/profiles?filter=" + q("any(id,[\"" + ids.get(7) + "\",\"" + ids.get(8) + "\"])"))))
                .containsExactly(ids.get(7), ids.get(8));
        assertThat(api.get("get_profiles", "/api/profiles?filter=" + q("equals(phone_number,'+15005550006')")).data()).isEmpty();
    }

    @Test
    void filtersByTimeRangesWithAndAndComma() {
        String range = "greater-than(created,2026-08-01T00:04:30Z),less-than(created,2026-08-01T00:08:00+00:00)";
        assertThat(idsOf(api.get("get_profiles", "/api/profiles?filter=" + q(range)))).containsExactlyElementsOf(ids.subList(5, 8));
        String and = "and(greater-than(created,\"2026-08-01T00:04:30Z\"),less-than(created,2026-08-01T00:08:00Z))";
        assertThat(idsOf(api.get("get_profiles", "/api/profiles?filter=" + q(and)))).containsExactlyElementsOf(ids.subList(5, 8));
        String dateOnly = "greater-than(updated,2026-08-02)";
        assertThat(api.get("get_profiles", "/api/profiles?filter=" + q(dateOnly)).data()).isEmpty();
    }

    @Test
    void filterErrorsNameTheFieldOrOperator() {
        var field = api.get("get_profiles", "/api/profiles?filter=" + q("equals(first_name,'x')"));
        assertThat(field.status()).isEqualTo(400);
        assertThat(field.error().at("/source/parameter").asText()).isEqualTo("filter");
        assertThat(field.error().get("detail").asText()).contains("first_name");
        var op = api.get("get_profiles", "/api/profiles?filter=" + q("contains(email,'x')"));
        assertThat(op.error().get("detail").asText()).contains("contains").contains("email");
        var type = api.get("get_profiles", "/api/profiles?filter=" + q("greater-than(created,'yesterday')"));
        assertThat(type.status()).isEqualTo(400);
        assertThat(type.error().get("detail").asText()).contains("created");
        var or = api.get("get_profiles", "/api/profiles?filter=" + q("or(equals(email,'a@b.co'),equals(email,'c@d.co'))"));
        assertThat(or.status()).isEqualTo(400);
    }

    @Test
    void emptyResultHasNoNextAndNoPrev() {
        var r = api.get("get_profiles", "/api/profiles?filter=" + q("equals(email,'nobody@example.com')"));
        assertThat(r.data()).isEmpty();
        assertThat(r.body().at("/links/next").isNull()).isTrue();
        assertThat(r.body().at("/links/prev").isNull()).isTrue();
    }
}
