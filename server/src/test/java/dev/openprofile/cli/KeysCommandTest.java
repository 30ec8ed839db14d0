package dev.openprofile.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openprofile.testing.Cli;
import dev.openprofile.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** openprofile keys create | list | revoke, against the database a running server uses. */
class KeysCommandTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(new dev.openprofile.testing.MutableClock(java.time.Instant.now()));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Cli.Run run(String... args) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 2);
        String[] more = {"--database-url", server.jdbcUrl()};
        System.arraycopy(more, 0, all, args.length, more.length);
        return Cli.run(all);
    }

    @Test
    void createdKeyAuthenticatesWithItsScopesInItsOwnAccount() {
        Cli.Run created = run("keys", "create", "--account", "ci-job-1", "--scopes", "profiles:read");
        assertThat(created.exit()).isZero();
        String key = created.out().strip();
        assertThat(key).matches("pk_[A-Za-z0-9]{34}");
        var api = server.api(key);
        assertThat(api.get("get_profiles", "/api/profiles").status()).isEqualTo(200);
        var write = api.post("create_profile", "/api/profiles",
                "{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"cli@example.com\"}}}");
        assertThat(write.status()).isEqualTo(403);
        // A new account sees none of the default account's data.
        server.api().post("create_profile", "/api/profiles",
                "{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"default-only@example.com\"}}}");
        assertThat(api.get("get_profiles", "/api/profiles").data()).isEmpty();
    }

    @Test
    void listShowsKeysWithoutTheKeysAndRevokeDisablesOne() {
        String key = run("keys", "create", "--account", "ci-job-2").out().strip();
        Cli.Run list = run("keys", "list");
        assertThat(list.exit()).isZero();
        assertThat(list.out()).contains("ci-job-2").doesNotContain(key);
        String keyId = list.out().lines().filter(l -> l.contains("ci-job-2")).findFirst().orElseThrow().split("\\s+")[0];
        assertThat(server.api(key).get("get_profiles", "/api/profiles").status()).isEqualTo(200);
        Cli.Run revoked = run("keys", "revoke", keyId);
        assertThat(revoked.exit()).isZero();
        server.clock().advance(java.time.Duration.ofSeconds(6)); // past the server's key cache
        assertThat(server.api(key).get("get_profiles", "/api/profiles").status()).isEqualTo(401);
        assertThat(run("keys", "list").out().lines().filter(l -> l.startsWith(keyId)).findFirst().orElseThrow()).contains("revoked");
        assertThat(run("keys", "revoke", keyId).exit()).isNotZero();
    }

    @Test
    void badScopeIsRefused() {
        Cli.Run r = run("keys", "create", "--scopes", "everything");
        assertThat(r.exit()).isNotZero();
    }
}
