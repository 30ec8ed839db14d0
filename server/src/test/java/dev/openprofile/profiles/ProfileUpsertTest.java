package dev.openprofile.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** create_or_update_profile: created vs updated, the match order, conflicts, and races. */
class ProfileUpsertTest {
    static TestServer server;
    static Api api;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = server.api();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Api.Response upsert(String id, String attributes, String meta) {
        return api.post("create_or_update_profile", "/api/profile-import", "{\"data\":{\"type\":\"profile\""
                + (id == null ? "" : ",\"id\":\"" + id + "\"") + ",\"attributes\":" + attributes
                + (meta == null ? "" : ",\"meta\":" + meta) + "}}");
    }

    private static int count(String where) {
        return server.jdbc().read(c -> {
            try (var rs = c.createStatement().executeQuery("select count(*) from profile where " + where)) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    @Test
    void createsWith201ThenUpdatesWith200() {
        var created = upsert(null, "{\"email\":\"upsert@example.com\",\"first_name\":\"A\",\"_kx\":\"kx-1\"}", null);
        assertThat(created.status()).isEqualTo(201);
        String id = created.data().get("id").asText();
        var updated = upsert(null, "{\"email\":\"UPSERT@example.com\",\"last_name\":\"B\"}", null);
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.data().get("id").asText()).isEqualTo(id);
        JsonNode a = updated.data().get("attributes");
        assertThat(a.get("first_name").asText()).isEqualTo("A");
        assertThat(a.get("last_name").asText()).isEqualTo("B");
        // The stored email keeps its first spelling; matching ignores case (docs/compatibility.md).
        assertThat(a.get("email").asText()).isEqualTo("UPSERT@example.com");
        assertThat(count("email_key = 'upsert@example.com'")).isEqualTo(1);
        var byKx = api.get("get_profiles", "/api/profiles?filter=equals(_kx,%22kx-1%22)");
        assertThat(byKx.data()).hasSize(1);
    }

    @Test
    void oneIdentifierLocatesWhileAnotherChanges() {
        String id = upsert(null, "{\"phone_number\":\"+15005550006\",\"email\":\"old@example.com\"}", null).data().get("id").asText();
        var r = upsert(null, "{\"phone_number\":\"+15005550006\",\"email\":\"new@example.com\"}", null);
        // email is matched first and finds nothing; phone then locates the profile, whose email changes.
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.data().get("id").asText()).isEqualTo(id);
        assertThat(r.data().at("/attributes/email").asText()).isEqualTo("new@example.com");
        var byExternal = upsert(null, "{\"external_id\":\"crm-9\",\"email\":\"x9@example.com\"}", null);
        String other = byExternal.data().get("id").asText();
        var changeEmail = upsert(null, "{\"external_id\":\"crm-9\",\"email\":\"y9@example.com\"}", null);
        assertThat(changeEmail.data().get("id").asText()).isEqualTo(other);
    }

    @Test
    void idWinsAndReplacesIdentifiers() {
        String id = upsert(null, "{\"email\":\"by-id@example.com\"}", null).data().get("id").asText();
        var r = upsert(id, "{\"email\":\"by-id-2@example.com\",\"phone_number\":\"+14155550123\"}", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.data().at("/attributes/email").asText()).isEqualTo("by-id-2@example.com");
        var unknown = upsert("01ARZ3NDEKTSV4RRFFQ69G5FAV", "{\"email\":\"ghost@example.com\"}", null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.error().at("/source/pointer").asText()).isEqualTo("/data/id");
        assertThat(count("email_key = 'ghost@example.com'")).isZero();
    }

    @Test
    void identifiersOfTwoProfilesAre409() {
        String a = upsert(null, "{\"email\":\"two-a@example.com\"}", null).data().get("id").asText();
        String b = upsert(null, "{\"phone_number\":\"+14155550999\"}", null).data().get("id").asText();
        var r = upsert(null, "{\"email\":\"two-a@example.com\",\"phone_number\":\"+14155550999\",\"first_name\":\"No\"}", null);
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.error().get("code").asText()).isEqualTo("duplicate_profile");
        assertThat(r.error().at("/meta/duplicate_profile_id").asText()).isEqualTo(b);
        var withId = upsert(b, "{\"email\":\"two-a@example.com\"}", null);
        assertThat(withId.error().at("/meta/duplicate_profile_id").asText()).isEqualTo(a);
        assertThat(count("first_name = 'No'")).isZero();
    }

    @Test
    void patchPropertiesWorkOnUpsert() {
        upsert(null, "{\"email\":\"pp@example.com\",\"properties\":{\"n\":[1]}}", null);
        var r = upsert(null, "{\"email\":\"pp@example.com\"}", "{\"patch_properties\":{\"append\":{\"n\":2},\"unset\":\"missing\"}}");
        assertThat(r.data().at("/attributes/properties/n").toString()).isEqualTo("[1,2]");
    }

    @Test
    void validationIs400WithPointer() {
        var none = upsert(null, "{\"first_name\":\"Nobody\"}", null);
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.error().at("/source/pointer").asText()).isEqualTo("/data/attributes");
        var badPhone = upsert(null, "{\"email\":\"p@example.com\",\"phone_number\":\"12\"}", null);
        assertThat(badPhone.error().at("/source/pointer").asText()).isEqualTo("/data/attributes/phone_number");
        assertThat(count("email_key = 'p@example.com'")).isZero();
    }

    /** The race: 64 concurrent upserts of one new email leave one profile, and all succeed. */
    @Test
    void concurrentUpsertsOfOneNewEmailLeaveOneProfile() throws Exception {
        int n = 64;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Api.Response>> results = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = i;
            Callable<Api.Response> call = () -> {
                go.await();
                return upsert(null, "{\"email\":\"race@example.com\",\"properties\":{\"k" + k + "\":" + k + "}}", null);
            };
            results.add(pool.submit(call));
        }
        go.countDown();
        int created = 0;
        String id = null;
        for (Future<Api.Response> f : results) {
            Api.Response r = f.get();
            assertThat(r.status()).isIn(200, 201);
            if (r.status() == 201) created++;
            if (id == null) id = r.data().get("id").asText();
            assertThat(r.data().get("id").asText()).isEqualTo(id);
        }
        pool.shutdown();
        assertThat(created).isEqualTo(1);
        assertThat(count("email_key = 'race@example.com'")).isEqualTo(1);
        // every request's property landed: no update was lost.
        JsonNode props = api.get("get_profile", "/api/profiles/" + id).data().at("/attributes/properties");
        assertThat(props.size()).isEqualTo(n);
    }
}
