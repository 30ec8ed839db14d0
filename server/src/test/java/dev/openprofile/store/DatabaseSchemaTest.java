package dev.openprofile.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openprofile.auth.ApiKeys;
import dev.openprofile.config.Settings;
import dev.openprofile.testing.TestDatabase;
import dev.openprofile.testing.TestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * OpenProfile keeps every table it owns in its own schema, so it shares a database with other
 * applications without touching their tables; a database of an earlier version (tables in public) is
 * adopted on start.
 */
class DatabaseSchemaTest {
    private static final String PROFILE = """
            {"data":{"type":"profile","attributes":{"email":"ada@example.com"}}}""";

    @Test
    void startsOnADatabaseWhosePublicSchemaHoldsAnotherApplicationsTables() throws Exception {
        String url = TestDatabase.freshDatabase();
        exec(url, "create table public.orders (id int primary key, total numeric)",
                "insert into public.orders values (1, 9.5), (2, 20)",
                // another application's own Flyway history, in the place Flyway puts it by default
                "create table public.flyway_schema_history (installed_rank int primary key, version text, script text)",
                "insert into public.flyway_schema_history values (1, '1', 'V1__orders.sql')");
        String publicBefore = dump(url, "public");

        try (TestServer server = TestServer.start(url, Map.of(), Clock.systemUTC())) {
            assertThat(server.api().post("create_profile", "/api/profiles", PROFILE).status()).isEqualTo(201);
            assertThat(tables(url, "openprofile")).contains("account", "profile", "event", "flyway_schema_history");
        }
        assertThat(dump(url, "public")).as("public, untouched").isEqualTo(publicBefore);
        assertThat(count(url, "select count(*) from openprofile.profile")).isEqualTo(1);
    }

    @Test
    void theSchemaIsASetting() throws Exception {
        String url = TestDatabase.freshDatabase();
        try (TestServer server = TestServer.start(url, Map.of(Settings.DATABASE_SCHEMA, "crm_emulator"), Clock.systemUTC())) {
            assertThat(server.api().post("create_profile", "/api/profiles", PROFILE).status()).isEqualTo(201);
        }
        assertThat(count(url, "select count(*) from crm_emulator.profile")).isEqualTo(1);
        assertThat(tables(url, "public")).isEmpty();
        assertThat(tables(url, "openprofile")).isEmpty();
    }

    @Test
    void aDatabaseOfAnEarlierVersionIsMovedIntoTheSchemaAndKeepsItsData() throws Exception {
        String url = TestDatabase.freshDatabase();
        // What versions before the schema setting left: migrations 1 to 7 applied in public.
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration").target("7").load().migrate();
        exec(url, "create table public.orders (id int primary key)", "insert into public.orders values (7)");
        String key = "pk_" + "L".repeat(10) + "0123456789abcdefghijklmn";
        try (Connection c = DriverManager.getConnection(url)) {
            update(c, "insert into account (account_id, name, public_key) values ('acct-old', 'default', 'OLDPK1')");
            try (PreparedStatement ps = c.prepareStatement("insert into api_key (account_id, key_id, key_hash, label, scopes) "
                    + "values ('acct-old', 'k1', ?, 'old', array['profiles:read','profiles:write'])")) {
                ps.setBytes(1, ApiKeys.hash(key));
                ps.executeUpdate();
            }
            update(c, "insert into profile (account_id, id, email, created, updated) "
                    + "values ('acct-old', '01OLDPROFILE', 'grace@example.com', now(), now())");
        }
        List<String> legacy = tables(url, "public");
        assertThat(legacy).contains("profile", "event", "event_default", "consent_history", "flyway_schema_history");

        for (int start = 1; start <= 2; start++) { // the second start finds the database already adopted
            try (TestServer server = TestServer.start(url, Map.of(Settings.API_KEY, key), Clock.systemUTC())) {
                var profiles = server.api(key).get("get_profiles", "/api/profiles");
                assertThat(profiles.status()).isEqualTo(200);
                List<String> emails = new ArrayList<>();
                profiles.data().forEach(p -> emails.add(p.at("/attributes/email").asText()));
                assertThat(emails).as("start " + start).contains("grace@example.com")
                        .hasSize(start); // ada@ was added by the first start
                assertThat(server.api(key).post("create_profile", "/api/profiles", PROFILE).status())
                        .isIn(201, 409); // new on the first start, a duplicate on the second
            }
        }
        assertThat(tables(url, "public")).as("only the other application's table is left").containsExactly("orders");
        List<String> moved = new ArrayList<>(legacy);
        moved.remove("orders");
        assertThat(tables(url, "openprofile")).containsAll(moved);
        assertThat(count(url, "select count(*) from public.orders")).isEqualTo(1);
        // the identity sequence moved with its table and still numbers rows
        assertThat(count(url, "select nextval(pg_get_serial_sequence('openprofile.consent_history', 'seq'))::int")).isPositive();
        assertThat(count(url, "select count(*) from openprofile.flyway_schema_history where success and version::int >= 7"))
                .isPositive();
    }

    private static List<String> tables(String url, String schema) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url); PreparedStatement ps = c.prepareStatement(
                "select table_name from information_schema.tables where table_schema = ? order by 1")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) names.add(rs.getString(1));
            }
        }
        return names;
    }

    /** Every table of a schema with its rows, as text. */
    private static String dump(String url, String schema) throws SQLException {
        StringBuilder out = new StringBuilder();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            for (String table : tables(url, schema)) {
                try (ResultSet rs = s.executeQuery("select string_agg(t::text, ';' order by t::text) from "
                        + schema + "." + table + " t")) {
                    rs.next();
                    out.append(table).append('=').append(rs.getString(1)).append('\n');
                }
            }
        }
        return out.toString();
    }

    private static int count(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void exec(String url, String... sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url)) {
            for (String statement : sql) update(c, statement);
        }
    }

    private static void update(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
