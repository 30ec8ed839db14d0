package dev.openprofile.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openprofile.config.ConsoleAccess;
import dev.openprofile.config.Settings;
import dev.openprofile.testing.TestDatabase;
import dev.openprofile.testing.ConsoleClient;
import dev.openprofile.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** OPENPROFILE_CONSOLE: off unless an admin key or the setting turns it on, and then only for the logins it names. */
class ConsoleOffTest {
    private static final List<String> PATHS = List.of("/console", "/console/login", "/console/accounts", "/console/accounts/x");

    @Test
    void withoutAnAdminKeyTheDefaultIsOffAndEveryConsolePathIsA404() throws Exception {
        try (TestServer server = TestServer.start(TestDatabase.freshDatabase(), Map.of(Settings.ADMIN_KEY, ""), Clock.systemUTC())) {
            HttpClient client = HttpClient.newHttpClient();
            for (String path : PATHS) {
                HttpResponse<String> get = client.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(get.statusCode()).as(path).isEqualTo(404);
                assertThat(get.body()).contains("\"status\":404").contains("not_found");
            }
            HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/console/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("key=" + TestServer.API_KEY)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).isEqualTo(404);
            assertThat(login.headers().firstValue("Set-Cookie")).isEmpty();
            assertThat(server.queryInt("select count(*) from console_session")).isZero();
        }
    }

    @Test
    void withAnAdminKeyTheDefaultIsTheOperatorOnly() throws Exception {
        try (TestServer server = TestServer.start()) {
            HttpResponse<String> account = new ConsoleClient(server.baseUrl()).login(TestServer.API_KEY);
            assertThat(account.statusCode()).isEqualTo(401);
            assertThat(account.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("op_console="));
            HttpResponse<String> operator = new ConsoleClient(server.baseUrl()).login(TestServer.ADMIN_KEY);
            assertThat(operator.statusCode()).isEqualTo(303);
            assertThat(operator.headers().firstValue("Set-Cookie").orElseThrow()).startsWith("op_console=");
        }
    }

    @Test
    void theSettingIsValidated() {
        Map<String, String> noAdmin = Map.of();
        assertThat(Settings.resolve(noAdmin, Map.of()).console()).isEqualTo(new ConsoleAccess(false, false));
        assertThat(Settings.resolve(Map.of(Settings.ADMIN_KEY, TestServer.ADMIN_KEY), Map.of()).console())
                .isEqualTo(new ConsoleAccess(true, false));
        assertThat(Settings.resolve(Map.of(Settings.ADMIN_KEY, TestServer.ADMIN_KEY, ConsoleAccess.CONSOLE, "off"), Map.of())
                .console().on()).isFalse();
        assertThat(Settings.resolve(Map.of(ConsoleAccess.CONSOLE, "accounts"), Map.of()).console())
                .isEqualTo(new ConsoleAccess(false, true));
        assertThat(Settings.resolve(Map.of(Settings.ADMIN_KEY, TestServer.ADMIN_KEY, ConsoleAccess.CONSOLE, "accounts, admin"),
                Map.of()).console()).isEqualTo(new ConsoleAccess(true, true));
        assertThatThrownBy(() -> Settings.resolve(Map.of(ConsoleAccess.CONSOLE, "admin"), Map.of()))
                .hasMessageContaining("OPENPROFILE_ADMIN_KEY");
        assertThatThrownBy(() -> Settings.resolve(Map.of(ConsoleAccess.CONSOLE, "everyone"), Map.of()))
                .hasMessageContaining("must be off, admin, accounts or admin,accounts, got 'everyone'");
    }

}
