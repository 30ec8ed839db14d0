package dev.openprofile.pushtokens;

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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** create_push_token and the reads of push tokens: attributes, identity, the embedded profile, filters, pages, includes. */
public class PushTokensTest {
    static final MutableClock clock = new MutableClock(Instant.parse("2026-10-01T12:00:00Z"));
    static final String METADATA = "{\"device_id\":\"dev-1\",\"klaviyo_sdk\":\"swift\",\"sdk_version\":\"4.2.0\","
            + "\"device_model\":\"iPhone15,2\",\"os_name\":\"ios\",\"os_version\":\"17.1\",\"manufacturer\":\"Apple\","
            + "\"app_name\":\"Shop\",\"app_version\":\"2.3\",\"app_build\":\"77\",\"app_id\":\"com.example.shop\","
            + "\"environment\":\"release\"}";
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

    /** A create_push_token body: the token's attributes (JSON members, may be empty) and its profile's attributes. */
    public static String body(String token, String platform, String vendor, String more, String profileAttributes) {
        return "{\"data\":{\"type\":\"push-token\",\"attributes\":{\"token\":\"" + token + "\",\"platform\":\"" + platform
                + "\",\"vendor\":\"" + vendor + "\"" + (more.isEmpty() ? "" : "," + more)
                + ",\"profile\":{\"data\":{\"type\":\"profile\",\"attributes\":" + profileAttributes + "}}}}}";
    }

    static Api.Response create(String body) {
        return api.post("create_push_token", "/api/push-tokens", body);
    }

    static void register(String token, String platform, String email) {
        var r = create(body(token, platform, platform.equals("ios") ? "apns" : "fcm", "", "{\"email\":\"" + email + "\"}"));
        assertThat(r.status()).isEqualTo(202);
    }

    static JsonNode byFilter(String filter) {
        var r = api.get("get_push_tokens", "/api/push-tokens?filter=" + q(filter));
        assertThat(r.status()).isEqualTo(200);
        return r.data();
    }

    static JsonNode tokenByValue(String token) {
        return api.get("get_push_token", "/api/push-tokens/" + q(token)).data();
    }

    static String profileIdOf(String email) {
        return api.get("get_profiles", "/api/profiles?filter=" + q("equals(email,\"" + email + "\")")).data().get(0).get("id").asText();
    }

    @Test
    void createAnswers202WithoutBodyAndStoresEveryAttributeWithItsProfile() {
        var r = create(body("tok-full", "ios", "apns", "\"enablement_status\":\"PROVISIONAL\",\"background\":\"RESTRICTED\","
                + "\"device_metadata\":" + METADATA, "{\"email\":\"full@example.com\",\"first_name\":\"Ada\"}"));
        assertThat(r.status()).isEqualTo(202);
        assertThat(r.text()).isEmpty();
        String profileId = profileIdOf("full@example.com");
        JsonNode t = tokenByValue("tok-full");
        assertThat(t.get("type").asText()).isEqualTo("push-token");
        String id = t.get("id").asText();
        assertThat(id).matches("[0-9A-Z]{26}");
        JsonNode a = t.get("attributes");
        assertThat(a.get("token").asText()).isEqualTo("tok-full");
        assertThat(a.get("platform").asText()).isEqualTo("ios");
        assertThat(a.get("vendor").asText()).isEqualTo("apns");
        assertThat(a.get("enablement_status").asText()).isEqualTo("PROVISIONAL");
        assertThat(a.get("background").asText()).isEqualTo("RESTRICTED");
        assertThat(a.get("created").asText()).isEqualTo("2026-10-01T12:00:00+00:00");
        assertThat(a.get("recorded_date").asText()).isEqualTo("2026-10-01T12:00:00+00:00");
        assertThat(a.get("metadata")).isEqualTo(read(METADATA));
        assertThat(t.at("/relationships/profile/data/id").asText()).isEqualTo(profileId);
        assertThat(t.at("/relationships/profile/links/related").asText())
                .isEqualTo(server.baseUrl() + "/api/push-tokens/" + id + "/profile/");
        assertThat(t.at("/links/self").asText()).isEqualTo(server.baseUrl() + "/api/push-tokens/" + id + "/");
        // by id as well as by value
        assertThat(api.get("get_push_token", "/api/push-tokens/" + id).data()).isEqualTo(t);
        assertThat(api.get("get_profile", "/api/profiles/" + profileId).data().at("/attributes/first_name").asText()).isEqualTo("Ada");
    }

    @Test
    void registeringAKnownValueAgainUpdatesItKeepsIdAndCreatedAndMovesItToTheNamedProfile() {
        create(body("tok-move", "android", "fcm", "\"enablement_status\":\"DENIED\",\"device_metadata\":{\"app_id\":\"a\"}",
                "{\"email\":\"first-owner@example.com\"}"));
        JsonNode before = tokenByValue("tok-move");
        clock.advance(Duration.ofMinutes(5));
        var r = create(body("tok-move", "ios", "apns", "", "{\"phone_number\":\"+15005550006\",\"external_id\":\"second\"}"));
        assertThat(r.status()).isEqualTo(202);
        JsonNode after = tokenByValue("tok-move");
        assertThat(after.get("id")).isEqualTo(before.get("id"));
        assertThat(after.at("/attributes/created")).isEqualTo(before.at("/attributes/created"));
        assertThat(after.at("/attributes/recorded_date").asText()).isEqualTo("2026-10-01T12:05:00+00:00");
        // a registration states the whole token: what it leaves out takes the spec's defaults
        assertThat(after.at("/attributes/platform").asText()).isEqualTo("ios");
        assertThat(after.at("/attributes/vendor").asText()).isEqualTo("apns");
        assertThat(after.at("/attributes/enablement_status").asText()).isEqualTo("AUTHORIZED");
        assertThat(after.at("/attributes/background").asText()).isEqualTo("AVAILABLE");
        assertThat(after.at("/attributes/metadata").isNull()).isTrue();
        String second = api.get("get_profiles", "/api/profiles?filter=" + q("equals(external_id,\"second\")")).data().get(0)
                .get("id").asText();
        assertThat(after.at("/relationships/profile/data/id").asText()).isEqualTo(second);
        assertThat(server.queryInt("select count(*) from push_token where token = 'tok-move'")).isEqualTo(1);
        assertThat(api.get("get_push_tokens_for_profile", "/api/profiles/" + profileIdOf("first-owner@example.com")
                + "/push-tokens").data()).isEmpty();
    }

    @Test
    void theEmbeddedProfileIsUpsertedByTheSharedRules() {
        String id = api.post("create_profile", "/api/profiles",
                "{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"known@example.com\",\"properties\":{\"skus\":[\"a\"]}}}}")
                .data().get("id").asText();
        // matched by email (case-insensitive), attributes updated, meta inside attributes as the push shape has it
        create(body("tok-known", "ios", "apns", "", "{\"email\":\"KNOWN@example.com\",\"last_name\":\"Lovelace\","
                + "\"meta\":{\"patch_properties\":{\"append\":{\"skus\":\"b\"}}}}"));
        JsonNode p = api.get("get_profile", "/api/profiles/" + id).data();
        assertThat(p.at("/attributes/last_name").asText()).isEqualTo("Lovelace");
        assertThat(p.at("/attributes/properties/skus").toString()).isEqualTo("[\"a\",\"b\"]");
        assertThat(tokenByValue("tok-known").at("/relationships/profile/data/id").asText()).isEqualTo(id);
        // by id
        var byId = create("{\"data\":{\"type\":\"push-token\",\"attributes\":{\"token\":\"tok-by-id\",\"platform\":\"ios\","
                + "\"vendor\":\"apns\",\"profile\":{\"data\":{\"type\":\"profile\",\"id\":\"" + id + "\",\"attributes\":{}}}}}}");
        assertThat(byId.status()).isEqualTo(202);
        assertThat(tokenByValue("tok-by-id").at("/relationships/profile/data/id").asText()).isEqualTo(id);
    }

    @Test
    void badInputIsA400AtTheMemberAndChangesNothing() {
        int tokens = server.queryInt("select count(*) from push_token");
        int profiles = server.queryInt("select count(*) from profile");
        String p = "{\"email\":\"never@example.com\"}";
        expect400(body("t", "web", "apns", "", p), "/data/attributes/platform");
        expect400(body("t", "ios", "gcm", "", p), "/data/attributes/vendor");
        expect400(body("t", "ios", "apns", "\"enablement_status\":\"ON\"", p), "/data/attributes/enablement_status");
        expect400(body("t", "ios", "apns", "\"enablement_status\":1", p), "/data/attributes/enablement_status");
        expect400(body("t", "ios", "apns", "\"background\":\"SOMETIMES\"", p), "/data/attributes/background");
        expect400(body("t", "ios", "apns", "\"device_metadata\":{\"os_name\":\"windows\"}", p),
                "/data/attributes/device_metadata/os_name");
        expect400(body("t", "ios", "apns", "\"device_metadata\":{\"colour\":\"red\"}", p),
                "/data/attributes/device_metadata/colour");
        expect400(body("t", "ios", "apns", "\"device_metadata\":{\"app_id\":7}", p), "/data/attributes/device_metadata/app_id");
        expect400(body("t", "ios", "apns", "\"device_metadata\":[]", p), "/data/attributes/device_metadata");
        expect400(body("", "ios", "apns", "", p), "/data/attributes/token");
        expect400(body("x".repeat(1025), "ios", "apns", "", p), "/data/attributes/token");
        expect400(body("t", "ios", "apns", "", "{\"first_name\":\"No identifier\"}"), "/data/attributes/profile/data/attributes");
        expect400(body("t", "ios", "apns", "", "{\"email\":\"not-an-email\"}"), "/data/attributes/profile/data/attributes/email");
        expect400(body("t", "ios", "apns", "", "{\"email\":\"never@example.com\",\"meta\":{\"patch_properties\":{\"bogus\":{}}}}"),
                "/data/attributes/profile/data/attributes/meta/patch_properties/bogus");
        expect400("{\"data\":{\"type\":\"push-token\",\"attributes\":{\"platform\":\"ios\",\"vendor\":\"apns\","
                + "\"profile\":{\"data\":{\"type\":\"profile\",\"attributes\":" + p + "}}}}}", "/data/attributes/token");
        expect400("{\"data\":{\"type\":\"push-token\",\"attributes\":{\"token\":\"t\",\"platform\":\"ios\",\"vendor\":\"apns\"}}}",
                "/data/attributes/profile"); // the missing member itself (issue 21)
        expect400("{\"data\":{\"type\":\"profile\",\"attributes\":{}}}", "/data/type");
        var unknownProfile = create("{\"data\":{\"type\":\"push-token\",\"attributes\":{\"token\":\"t\",\"platform\":\"ios\","
                + "\"vendor\":\"apns\",\"profile\":{\"data\":{\"type\":\"profile\",\"id\":\"01NOSUCHPROFILE\",\"attributes\":{}}}}}}");
        assertThat(unknownProfile.status()).isEqualTo(404);
        assertThat(unknownProfile.error().at("/source/pointer").asText()).isEqualTo("/data/attributes/profile/data/id");
        assertThat(server.queryInt("select count(*) from push_token")).isEqualTo(tokens);
        assertThat(server.queryInt("select count(*) from profile")).isEqualTo(profiles);
    }

    static void expect400(String body, String pointer) {
        var r = create(body);
        assertThat(r.status()).as(body).isEqualTo(400);
        assertThat(r.error().at("/source/pointer").asText()).as(body).isEqualTo(pointer);
    }

    @Test
    void filtersTakeTheSpecsFieldsAndOperators() {
        register("f-ios-1", "ios", "filters-a@example.com");
        register("f-android-1", "android", "filters-a@example.com");
        register("f-ios-2", "ios", "filters-b@example.com");
        create(body("f-denied", "android", "fcm", "\"enablement_status\":\"DENIED\"", "{\"email\":\"filters-b@example.com\"}"));
        String a = profileIdOf("filters-a@example.com");
        assertThat(byFilter("equals(profile.id,'" + a + "')").findValuesAsText("token")).containsExactly("f-ios-1", "f-android-1");
        assertThat(byFilter("equals(enablement_status,'DENIED')").findValuesAsText("token")).contains("f-denied")
                .doesNotContain("f-ios-1", "f-android-1", "f-ios-2");
        List<String> ios = byFilter("equals(platform,'ios')").findValuesAsText("platform");
        assertThat(ios).isNotEmpty().allMatch("ios"::equals);
        String id = tokenByValue("f-ios-2").get("id").asText();
        assertThat(byFilter("equals(id,'" + id + "')").findValuesAsText("token")).containsExactly("f-ios-2");
        assertThat(byFilter("and(equals(platform,'android'),equals(profile.id,'" + a + "'))").findValuesAsText("token"))
                .containsExactly("f-android-1");
        for (String bad : List.of("equals(platform,'web')", "equals(enablement_status,'ON')", "any(platform,['ios'])",
                "equals(token,'f-ios-1')", "greater-than(id,'a')", "equals(platform")) {
            var r = api.get("get_push_tokens", "/api/push-tokens?filter=" + q(bad));
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.error().at("/source/parameter").asText()).as(bad).isEqualTo("filter");
        }
    }

    @Test
    void pagesWalkEveryTokenOnceInIdOrder() {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            register("page-" + i, "ios", "pages@example.com");
            expected.add(tokenByValue("page-" + i).get("id").asText());
        }
        String filter = q("equals(profile.id,'" + profileIdOf("pages@example.com") + "')");
        assertThat(Pages.walk(api, "get_push_tokens", "/api/push-tokens?page%5Bsize%5D=2&filter=" + filter)).isEqualTo(expected);
        var first = api.get("get_push_tokens", "/api/push-tokens?page%5Bsize%5D=2&filter=" + filter);
        assertThat(first.body().at("/links/next").asText()).contains("filter=").contains("page%5Bcursor%5D=");
        var tooBig = api.get("get_push_tokens", "/api/push-tokens?page%5Bsize%5D=101");
        assertThat(tooBig.status()).isEqualTo(400);
        assertThat(tooBig.error().at("/source/parameter").asText()).isEqualTo("page[size]");
    }

    @Test
    void sparseFieldsetsKeepOnlyTheNamedAttributes() {
        create(body("tok-sparse", "ios", "apns", "\"device_metadata\":" + METADATA, "{\"email\":\"sparse@example.com\"}"));
        var r = api.get("get_push_token", "/api/push-tokens/tok-sparse?fields%5Bpush-token%5D=token,metadata.app_id");
        assertThat(r.data().get("attributes").toString()).isEqualTo("{\"token\":\"tok-sparse\",\"metadata\":{\"app_id\":\"com.example.shop\"}}");
        var bad = api.get("get_push_token", "/api/push-tokens/tok-sparse?fields%5Bpush-token%5D=colour");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.error().at("/source/parameter").asText()).isEqualTo("fields[push-token]");
    }

    @Test
    void includeProfileAddsEachTokensProfileOnce() {
        register("inc-1", "ios", "include@example.com");
        register("inc-2", "android", "include@example.com");
        String profileId = profileIdOf("include@example.com");
        var list = api.get("get_push_tokens", "/api/push-tokens?include=profile&fields%5Bprofile%5D=email&filter="
                + q("equals(profile.id,'" + profileId + "')"));
        assertThat(list.data()).hasSize(2);
        assertThat(list.body().get("included")).hasSize(1);
        assertThat(list.body().at("/included/0/id").asText()).isEqualTo(profileId);
        assertThat(list.body().at("/included/0/attributes").toString()).isEqualTo("{\"email\":\"include@example.com\"}");
        var one = api.get("get_push_token", "/api/push-tokens/inc-1?include=profile");
        assertThat(one.body().at("/included/0/attributes/email").asText()).isEqualTo("include@example.com");
        var bad = api.get("get_push_tokens", "/api/push-tokens?include=lists");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.error().at("/source/parameter").asText()).isEqualTo("include");
    }

    @Test
    void theTokensProfileAndItsIdAnswerFromTheToken() {
        register("rel-1", "ios", "rel@example.com");
        String profileId = profileIdOf("rel@example.com");
        var profile = api.get("get_profile_for_push_token", "/api/push-tokens/rel-1/profile?additional-fields%5Bprofile%5D=subscriptions");
        assertThat(profile.data().get("id").asText()).isEqualTo(profileId);
        assertThat(profile.data().at("/attributes/subscriptions/mobile_push/marketing/consent").asText()).isEqualTo("NEVER_SUBSCRIBED");
        var rel = api.get("get_profile_id_for_push_token", "/api/push-tokens/rel-1/relationships/profile");
        assertThat(rel.data().toString()).isEqualTo("{\"type\":\"profile\",\"id\":\"" + profileId + "\"}");
        assertThat(rel.body().at("/links/self").asText()).isEqualTo(server.baseUrl() + "/api/push-tokens/rel-1/relationships/profile/");
    }

    @Test
    void aProfilesTokensAnswerOnTheProfileAndItsInclude() {
        register("mine-1", "ios", "mine@example.com");
        register("mine-2", "android", "mine@example.com");
        register("theirs", "ios", "theirs@example.com");
        String profileId = profileIdOf("mine@example.com");
        List<String> ids = List.of(tokenByValue("mine-1").get("id").asText(), tokenByValue("mine-2").get("id").asText());
        var tokens = api.get("get_push_tokens_for_profile", "/api/profiles/" + profileId + "/push-tokens?fields%5Bpush-token%5D=token");
        assertThat(tokens.data().findValuesAsText("token")).containsExactly("mine-1", "mine-2");
        var rel = api.get("get_push_token_ids_for_profile", "/api/profiles/" + profileId + "/relationships/push-tokens");
        assertThat(rel.data().findValuesAsText("id")).isEqualTo(ids);
        assertThat(rel.data().findValuesAsText("type")).containsOnly("push-token");
        var profile = api.get("get_profile", "/api/profiles/" + profileId + "?include=push-tokens");
        assertThat(profile.data().at("/relationships/push-tokens/data").findValuesAsText("id")).isEqualTo(ids);
        assertThat(profile.body().get("included").findValuesAsText("token")).containsExactly("mine-1", "mine-2");
        var many = api.get("get_profiles", "/api/profiles?include=push-tokens&filter="
                + q("any(email,[\"mine@example.com\",\"theirs@example.com\"])"));
        assertThat(many.body().get("included").findValuesAsText("token")).containsExactlyInAnyOrder("mine-1", "mine-2", "theirs");
        for (JsonNode p : many.data()) {
            String email = p.at("/attributes/email").asText();
            assertThat(p.at("/relationships/push-tokens/data")).hasSize(email.equals("mine@example.com") ? 2 : 1);
        }
        for (String op : List.of("get_push_tokens_for_profile", "get_push_token_ids_for_profile")) {
            String path = op.equals("get_push_tokens_for_profile") ? "/push-tokens" : "/relationships/push-tokens";
            var missing = api.get(op, "/api/profiles/01NOSUCHPROFILE" + path);
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.error().at("/source/parameter").asText()).isEqualTo("id");
        }
    }

    @Test
    void deleteRemovesTheTokenAndLeavesItsProfile() {
        register("doomed", "ios", "doomed@example.com");
        String id = tokenByValue("doomed").get("id").asText();
        var r = api.delete("delete_push_token", "/api/push-tokens/" + id, null);
        assertThat(r.status()).isEqualTo(204);
        assertThat(r.text()).isEmpty();
        assertThat(api.get("get_push_token", "/api/push-tokens/" + id).status()).isEqualTo(404);
        assertThat(api.delete("delete_push_token", "/api/push-tokens/" + id, null).status()).isEqualTo(404);
        assertThat(profileIdOf("doomed@example.com")).isNotEmpty();
        // by value too, as the spec describes the path id
        register("doomed-by-value", "ios", "doomed@example.com");
        assertThat(api.delete("delete_push_token", "/api/push-tokens/doomed-by-value", null).status()).isEqualTo(204);
        assertThat(server.queryInt("select count(*) from push_token where token like 'doomed%'")).isZero();
    }

    @Test
    void unknownIdsAndAnotherAccountsTokensAre404() {
        register("private-tok", "ios", "private@example.com");
        String id = tokenByValue("private-tok").get("id").asText();
        Api other = server.api(server.createKey("other-account", Set.of("*")));
        for (String path : List.of(id, "private-tok", "01NOSUCHTOKEN")) {
            for (String[] op : List.of(new String[] {"get_push_token", ""}, new String[] {"get_profile_for_push_token", "/profile"},
                    new String[] {"get_profile_id_for_push_token", "/relationships/profile"})) {
                var r = other.get(op[0], "/api/push-tokens/" + path + op[1]);
                assertThat(r.status()).as(op[0] + " " + path).isEqualTo(404);
                assertThat(r.error().at("/source/parameter").asText()).isEqualTo("id");
            }
            assertThat(other.delete("delete_push_token", "/api/push-tokens/" + path, null).status()).isEqualTo(404);
        }
        assertThat(other.get("get_push_tokens", "/api/push-tokens").data()).isEmpty();
        assertThat(tokenByValue("private-tok").get("id").asText()).isEqualTo(id);
        // the same value in another account is another token
        var theirs = other.post("create_push_token", "/api/push-tokens",
                body("private-tok", "android", "fcm", "", "{\"email\":\"private@example.com\"}"));
        assertThat(theirs.status()).isEqualTo(202);
        assertThat(other.get("get_push_token", "/api/push-tokens/private-tok").data().get("id").asText()).isNotEqualTo(id);
        assertThat(tokenByValue("private-tok").at("/attributes/platform").asText()).isEqualTo("ios");
    }

    @Test
    void scopesAreTheSpecs() {
        Api readOnly = server.api(server.createKey("default", Set.of("profiles:read")));
        var r = readOnly.get("get_push_tokens", "/api/push-tokens");
        assertThat(r.status()).isEqualTo(403);
        var write = server.api(server.createKey("default", Set.of("profiles:write", "push-tokens:write")))
                .post("create_push_token", "/api/push-tokens", body("scoped", "ios", "apns", "", "{\"email\":\"scoped@example.com\"}"));
        assertThat(write.status()).isEqualTo(202);
    }

    static JsonNode read(String json) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
