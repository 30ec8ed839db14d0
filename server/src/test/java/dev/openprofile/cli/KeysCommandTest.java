package dev.openprofile.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openprofile.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

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

    record Run(int exit, String out) {}

    static Run run(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true));
        try {
            String[] all = new String[args.length + 2];
            System.arraycopy(args, 0, all, 0, args.length);
            all[args.length] = "--database-url";
            all[args.length + 1] = server.jdbcUrl();
            int exit = new CommandLine(new Main()).execute(all);
            return new Run(exit, buffer.toString());
        } finally {
            System.setOut(original);
        }
    }

    @Test
    void createdKeyAuthenticatesWithItsScopesInItsOwnAccount() {
        Run created = run("keys", "create", "--account", "ci-job-1", "--scopes", "profiles:read");
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
        Run list = run("keys", "list");
        assertThat(list.exit()).isZero();
        assertThat(list.out()).contains("ci-job-2").doesNotContain(key);
        String keyId = list.out().lines().filter(l -> l.contains("ci-job-2")).findFirst().orElseThrow().split("\\s+")[0];
        assertThat(server.api(key).get("get_profiles", "/api/profiles").status()).isEqualTo(200);
        Run revoked = run("keys", "revoke", keyId);
        assertThat(revoked.exit()).isZero();
        server.clock().advance(java.time.Duration.ofSeconds(6)); // past the server's key cache
        assertThat(server.api(key).get("get_profiles", "/api/profiles").status()).isEqualTo(401);
        assertThat(run("keys", "list").out().lines().filter(l -> l.startsWith(keyId)).findFirst().orElseThrow()).contains("revoked");
        assertThat(run("keys", "revoke", keyId).exit()).isNotZero();
    }

    @Test
    void badScopeIsRefused() {
        Run r = run("keys", "create", "--scopes", "everything");
        assertThat(r.exit()).isNotZero();
    }
}
