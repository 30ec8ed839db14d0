package dev.openprofile.pushtokens;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openprofile.profiles.ProfileData;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.TestServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The push tokens' {@link ProfileData} at the SQL level, as a merge and a data-privacy deletion call it inside
 * their transaction before they remove the profile row.
 */
class PushTokenDataTest {
    static TestServer server;
    static Api api;
    static ProfileData data;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = server.api();
        data = new PushTokenService(server.jdbc(), null, Clock.systemUTC(), () -> "unused").profileData();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String profileWithTokens(Api api, String email, String... tokens) {
        for (String t : tokens) {
            assertThat(api.post("create_push_token", "/api/push-tokens", PushTokensTest.body(t, "ios", "apns", "",
                    "{\"email\":\"" + email + "\"}")).status()).isEqualTo(202);
        }
        return api.get("get_profiles", "/api/profiles?filter=equals(email,%22" + email + "%22)").data().get(0).get("id").asText();
    }

    static String accountOf(String profileId) {
        return server.jdbc().read(c -> single(c, "select account_id from profile where id = ?", profileId).get(0));
    }

    static List<String> tokensOf(String profileId) {
        return server.jdbc().read(c -> single(c, "select token from push_token where profile_id = ? order by token", profileId));
    }

    static List<String> single(Connection c, String sql, String param) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, param);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1));
            }
            return out;
        }
    }

    @Test
    void mergeMovesTheSourcesTokensToTheDestinationAndSurvivesTheSourcesDeletion() {
        String source = profileWithTokens(api, "merge-source@example.com", "m-s1", "m-s2");
        String destination = profileWithTokens(api, "merge-destination@example.com", "m-d1");
        String account = accountOf(source);
        server.jdbc().inTransaction(c -> {
            data.merge(c, account, source, destination);
            try (PreparedStatement ps = c.prepareStatement("delete from profile where account_id = ? and id = ?")) {
                ps.setString(1, account);
                ps.setString(2, source);
                ps.executeUpdate();
            }
            return null;
        });
        assertThat(tokensOf(destination)).containsExactly("m-d1", "m-s1", "m-s2");
        assertThat(tokensOf(source)).isEmpty();
        assertThat(api.get("get_push_token", "/api/push-tokens/m-s1").data().at("/relationships/profile/data/id").asText())
                .isEqualTo(destination);
    }

    @Test
    void deleteRemovesEveryTokenOfTheProfilesAndNoOther() {
        String a = profileWithTokens(api, "delete-a@example.com", "d-a1", "d-a2");
        String b = profileWithTokens(api, "delete-b@example.com", "d-b1");
        String kept = profileWithTokens(api, "delete-kept@example.com", "d-k1");
        String account = accountOf(a);
        // another account's token of the same value stays
        Api other = server.api(server.createKey("other-account", Set.of("*")));
        profileWithTokens(other, "delete-a@example.com", "d-a1");
        int before = server.queryInt("select count(*) from push_token");
        server.jdbc().inTransaction(c -> {
            data.delete(c, account, List.of(a, b));
            data.delete(c, account, List.of());
            return null;
        });
        assertThat(tokensOf(a)).isEmpty();
        assertThat(tokensOf(b)).isEmpty();
        assertThat(tokensOf(kept)).containsExactly("d-k1");
        assertThat(server.queryInt("select count(*) from push_token")).isEqualTo(before - 3);
        assertThat(other.get("get_push_token", "/api/push-tokens/d-a1").status()).isEqualTo(200);
    }
}
