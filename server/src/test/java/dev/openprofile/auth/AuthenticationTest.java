package dev.openprofile.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openprofile.testing.Api;
import dev.openprofile.testing.TestServer;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Klaviyo-API-Key authentication, scopes, and account isolation. */
class AuthenticationTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(new dev.openprofile.testing.MutableClock(java.time.Instant.now()));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void missingAuthorizationIsNotAuthenticated() {
        var r = server.api().send("get_profiles", "GET", "/api/profiles", null, java.util.Collections.singletonMap("Authorization", null));
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.error().get("code").asText()).isEqualTo("not_authenticated");
        assertThat(r.error().get("detail").asText()).isEqualTo("Missing or invalid authorization scheme. Please use Klaviyo-API-Key.");
    }

    @Test
    void otherSchemeIsNotAuthenticated() {
        var r = server.api().send("get_profiles", "GET", "/api/profiles", null,
                Map.of("Authorization", "Bearer " + TestServer.API_KEY));
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.error().get("code").asText()).isEqualTo("not_authenticated");
    }

    @Test
    void unknownKeyFailsAuthentication() {
        var r = server.api("pk_" + "0".repeat(34)).get("get_profiles", "/api/profiles");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.error().get("code").asText()).isEqualTo("authentication_failed");
    }

    @Test
    void revokedKeyFailsAuthentication() {
        String key = server.createKey("revocation", Set.of("*"));
        assertThat(server.api(key).get("get_profiles", "/api/profiles").status()).isEqualTo(200);
        AccountStore store = new AccountStore(server.jdbc());
        String keyId = store.listKeys().stream().filter(k -> k.accountName().equals("revocation")).findFirst().orElseThrow().keyId();
        assertThat(store.revoke(keyId)).isTrue();
        // Valid keys are cached for five seconds (docs/compatibility.md): still accepted just after...
        assertThat(server.api(key).get("get_profiles", "/api/profiles").status()).isEqualTo(200);
        server.clock().advance(java.time.Duration.ofSeconds(6));
        // ...and refused once the cache entry has expired.
        var r = server.api(key).get("get_profiles", "/api/profiles");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.error().get("code").asText()).isEqualTo("authentication_failed");
    }

    @Test
    void keysAreStoredHashedNeverInPlainText() {
        String key = server.createKey("hashing", Set.of("*"));
        Boolean plain = server.jdbc().read(c -> {
            try (var ps = c.prepareStatement("select count(*) from api_key where encode(key_hash, 'escape') like ? or label like ?")) {
                ps.setString(1, "%" + key + "%");
                ps.setString(2, "%" + key + "%");
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1) > 0;
                }
            }
        });
        assertThat(plain).isFalse();
    }

    @Test
    void keyWithoutTheScopeIsPermissionDenied() {
        String readOnly = server.createKey("read-only", Set.of("profiles:read"));
        Api api = server.api(readOnly);
        assertThat(api.get("get_profiles", "/api/profiles").status()).isEqualTo(200);
        var r = api.post("create_profile", "/api/profiles",
                "{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"denied@example.com\"}}}");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.error().get("code").asText()).isEqualTo("permission_denied");
        assertThat(api.get("get_profiles", "/api/profiles?filter=equals(email,%22denied@example.com%22)").data()).isEmpty();
    }

    @Test
    void writeScopeIncludesRead() {
        String writer = server.createKey("writer", Set.of("profiles:write"));
        assertThat(server.api(writer).get("get_profiles", "/api/profiles").status()).isEqualTo(200);
    }

    @Test
    void accountsSeeOnlyTheirOwnProfiles() {
        Api a = server.api(server.createKey("tenant-a", Set.of("*")));
        Api b = server.api(server.createKey("tenant-b", Set.of("*")));
        var created = a.post("create_profile", "/api/profiles",
                "{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"shared@example.com\"}}}");
        assertThat(created.status()).isEqualTo(201);
        String id = created.data().get("id").asText();
        assertThat(b.get("get_profile", "/api/profiles/" + id).status()).isEqualTo(404);
        assertThat(b.get("get_profiles", "/api/profiles").data()).isEmpty();
        // The same email is free in another account.
        var other = b.post("create_profile", "/api/profiles",
                "{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"shared@example.com\"}}}");
        assertThat(other.status()).isEqualTo(201);
        assertThat(other.data().get("id").asText()).isNotEqualTo(id);
    }

    @Test
    void includeNeedsReadScopeOnTheIncludedResource() {
        Api profilesOnly = server.api(server.createKey("profiles-only", Set.of("profiles:read", "profiles:write")));
        String id = profilesOnly.post("create_profile", "/api/profiles",
                "{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"inc@example.com\"}}}").data().get("id").asText();
        var denied = profilesOnly.get("get_profile", "/api/profiles/" + id + "?include=lists");
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.error().get("detail").asText()).contains("lists:read");
        Api both = server.api(server.createKey("profiles-and-lists", Set.of("profiles:read", "lists:read")));
        assertThat(both.get("get_profile", "/api/profiles/" + id + "?include=lists").status()).isEqualTo(404);
    }
}
