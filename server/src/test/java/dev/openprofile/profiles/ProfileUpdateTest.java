package dev.openprofile.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import dev.openprofile.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** update_profile: null versus absent, property merges, patch_properties, id and identifier conflicts. */
class ProfileUpdateTest {
    static final MutableClock clock = new MutableClock(Instant.parse("2026-09-01T10:00:00Z"));
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

    static String create(String attributes) {
        var r = api.post("create_profile", "/api/profiles", ProfileCreateTest.body(attributes));
        assertThat(r.status()).isEqualTo(201);
        return r.data().get("id").asText();
    }

    static Api.Response patch(String id, String attributes, String meta) {
        return api.patch("update_profile", "/api/profiles/" + id, "{\"data\":{\"type\":\"profile\",\"id\":\"" + id
                + "\",\"attributes\":" + attributes + (meta == null ? "" : ",\"meta\":" + meta) + "}}");
    }

    @Test
    void nullClearsAndAbsentKeeps() {
        String id = create("{\"email\":\"nulls@example.com\",\"first_name\":\"Ann\",\"last_name\":\"Lee\",\"title\":\"CEO\","
                + "\"location\":{\"city\":\"Oslo\",\"zip\":\"0150\"}}");
        var r = patch(id, "{\"first_name\":null,\"title\":\"CTO\",\"location\":{\"zip\":null,\"region\":\"Oslo\"}}", null);
        assertThat(r.status()).isEqualTo(200);
        JsonNode a = r.data().get("attributes");
        assertThat(a.get("first_name").isNull()).isTrue();
        assertThat(a.get("last_name").asText()).isEqualTo("Lee");
        assertThat(a.get("title").asText()).isEqualTo("CTO");
        assertThat(a.at("/location/city").asText()).isEqualTo("Oslo");
        assertThat(a.at("/location/zip").isNull()).isTrue();
        assertThat(a.at("/location/region").asText()).isEqualTo("Oslo");
        assertThat(api.get("get_profile", "/api/profiles/" + id).data().get("attributes")).isEqualTo(a);
        var cleared = patch(id, "{\"location\":null}", null).data().get("attributes");
        assertThat(cleared.at("/location/city").isNull()).isTrue();
    }

    @Test
    void propertiesMergeKeyByKey() {
        String id = create("{\"email\":\"merge@example.com\",\"properties\":{\"a\":1,\"b\":{\"x\":1},\"c\":\"keep\"}}");
        JsonNode p = patch(id, "{\"properties\":{\"a\":2,\"b\":{\"y\":2},\"d\":true}}", null).data().at("/attributes/properties");
        assertThat(p.get("a").asInt()).isEqualTo(2);
        assertThat(p.get("b").toString()).isEqualTo("{\"y\":2}");
        assertThat(p.get("c").asText()).isEqualTo("keep");
        assertThat(p.get("d").asBoolean()).isTrue();
        JsonNode cleared = patch(id, "{\"properties\":null}", null).data().at("/attributes/properties");
        assertThat(cleared.isEmpty()).isTrue();
    }

    @Test
    void patchPropertiesApplyInOrderPropertiesUnsetAppendUnappend() {
        String id = create("{\"email\":\"patch@example.com\",\"properties\":{\"skus\":[\"1\",\"2\"],\"scalar\":\"s\",\"gone\":1,\"other\":2}}");
        JsonNode p = patch(id, "{\"properties\":{\"fresh\":[\"a\"]}}", """
                {"patch_properties":{"unset":["gone","fresh"],"append":{"skus":["3","4"],"scalar":"t","missing":"m","fresh":"b"},
                 "unappend":{"skus":"2"}}}""").data().at("/attributes/properties");
        assertThat(p.has("gone")).isFalse();
        assertThat(p.get("other").asInt()).isEqualTo(2);
        assertThat(p.get("skus").toString()).isEqualTo("[\"1\",\"3\",\"4\"]");
        assertThat(p.get("scalar").toString()).isEqualTo("[\"s\",\"t\"]");
        assertThat(p.get("missing").toString()).isEqualTo("[\"m\"]");
        // properties set fresh=[a], unset removed it, append then made a new array: the order is visible.
        assertThat(p.get("fresh").toString()).isEqualTo("[\"b\"]");
        JsonNode single = patch(id, "{}", "{\"patch_properties\":{\"unset\":\"other\"}}").data().at("/attributes/properties");
        assertThat(single.has("other")).isFalse();
    }

    @Test
    void bodyIdMustMatchThePath() {
        String id = create("{\"email\":\"mismatch@example.com\"}");
        var r = api.patch("update_profile", "/api/profiles/" + id,
                "{\"data\":{\"type\":\"profile\",\"id\":\"01ARZ3NDEKTSV4RRFFQ69G5FAV\",\"attributes\":{\"first_name\":\"X\"}}}");
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.error().at("/source/pointer").asText()).isEqualTo("/data/id");
        var missing = api.patch("update_profile", "/api/profiles/" + id,
                "{\"data\":{\"type\":\"profile\",\"attributes\":{\"first_name\":\"X\"}}}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.error().at("/source/pointer").asText()).isEqualTo("/data/id");
        assertThat(api.get("get_profile", "/api/profiles/" + id).data().at("/attributes/first_name").isNull()).isTrue();
    }

    @Test
    void identifierCollisionIs409AndChangesNothing() {
        String taken = create("{\"email\":\"taken@example.com\",\"phone_number\":\"+14155550100\"}");
        String id = create("{\"email\":\"mover@example.com\"}");
        var r = patch(id, "{\"email\":\"TAKEN@example.com\",\"first_name\":\"Z\"}", null);
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.error().get("code").asText()).isEqualTo("duplicate_profile");
        assertThat(r.error().at("/meta/duplicate_profile_id").asText()).isEqualTo(taken);
        var phone = patch(id, "{\"phone_number\":\"+14155550100\"}", null);
        assertThat(phone.error().at("/meta/duplicate_profile_id").asText()).isEqualTo(taken);
        JsonNode a = api.get("get_profile", "/api/profiles/" + id).data().get("attributes");
        assertThat(a.get("email").asText()).isEqualTo("mover@example.com");
        assertThat(a.get("first_name").isNull()).isTrue();
    }

    @Test
    void identifiersCanChangeAndTheLastOneCannotBeCleared() {
        String id = create("{\"email\":\"change@example.com\"}");
        var r = patch(id, "{\"email\":\"changed@example.com\",\"phone_number\":\"+447911123456\"}", null);
        assertThat(r.data().at("/attributes/email").asText()).isEqualTo("changed@example.com");
        assertThat(r.data().at("/attributes/phone_number").asText()).isEqualTo("+447911123456");
        var none = patch(id, "{\"email\":null,\"phone_number\":null}", null);
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.error().at("/source/pointer").asText()).isEqualTo("/data/attributes");
    }

    @Test
    void updatedMovesOnlyWhenSomethingChanged() {
        String id = create("{\"email\":\"clock@example.com\",\"first_name\":\"A\"}");
        String updated = api.get("get_profile", "/api/profiles/" + id).data().at("/attributes/updated").asText();
        clock.advance(Duration.ofMinutes(5));
        var same = patch(id, "{\"first_name\":\"A\"}", null).data().get("attributes");
        assertThat(same.get("updated").asText()).isEqualTo(updated);
        var moved = patch(id, "{\"first_name\":\"B\"}", null).data().get("attributes");
        assertThat(moved.get("updated").asText()).isEqualTo("2026-09-01T10:05:00+00:00");
        assertThat(moved.get("created").asText()).isEqualTo(same.get("created").asText());
    }

    @Test
    void unknownProfileIs404() {
        var r = patch("01ARZ3NDEKTSV4RRFFQ69G5FAV", "{\"first_name\":\"X\"}", null);
        assertThat(r.status()).isEqualTo(404);
    }

    @Test
    void badPatchPropertiesAre400() {
        String id = create("{\"email\":\"badpatch@example.com\"}");
        var r = patch(id, "{}", "{\"patch_properties\":{\"explode\":{}}}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error().at("/source/pointer").asText()).isEqualTo("/data/meta/patch_properties/explode");
        var unset = patch(id, "{}", "{\"patch_properties\":{\"unset\":5}}");
        assertThat(unset.error().at("/source/pointer").asText()).isEqualTo("/data/meta/patch_properties/unset");
    }
}
