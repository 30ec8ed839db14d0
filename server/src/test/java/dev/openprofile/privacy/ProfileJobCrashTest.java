package dev.openprofile.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openprofile.jsonapi.Json;
import dev.openprofile.testing.ServerProcess;
import dev.openprofile.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Merges and data-privacy deletions survive a crash like bulk imports, for real: the server process is killed
 * (SIGKILL) while every job worker is inside a merge or deletion transaction, held there part-way (after its list
 * memberships moved or went, before its events) by a lock this test takes on the profiles' events. Nothing of
 * an interrupted job is left half done, and after a restart every job completes exactly once.
 */
class ProfileJobCrashTest {
    static final int DONE_BEFORE = 12;
    static final int IN_FLIGHT = 6;
    static final int PROFILES = 2 * (DONE_BEFORE + IN_FLIGHT);

    record World(String jdbcUrl, Path log, ServerProcess server, String list, List<String> ids) {}

    static World world(String domain) throws Exception {
        String jdbcUrl = TestDatabase.freshDatabase();
        Path log = Files.createTempDirectory("openprofile-profile-job-crash").resolve("server.log");
        ServerProcess server = ServerProcess.start(jdbcUrl, log);
        String list = Json.MAPPER.readTree(server.call("POST", "/api/lists",
                "{\"data\":{\"type\":\"list\",\"attributes\":{\"name\":\"Crash\"}}}").body()).at("/data/id").asText();
        String profiles = IntStream.range(0, PROFILES).mapToObj(i ->
                "{\"type\":\"profile\",\"attributes\":{\"email\":\"p" + i + "@" + domain + "\"}}").collect(Collectors.joining(","));
        String job = Json.MAPPER.readTree(server.call("POST", "/api/profile-bulk-import-jobs",
                "{\"data\":{\"type\":\"profile-bulk-import-job\",\"attributes\":{\"profiles\":{\"data\":[" + profiles + "]}},"
                        + "\"relationships\":{\"lists\":{\"data\":[{\"type\":\"list\",\"id\":\"" + list + "\"}]}}}}").body())
                .at("/data/id").asText();
        server.awaitComplete("/api/profile-bulk-import-jobs/" + job);
        List<String> ids = new ArrayList<>();
        Json.MAPPER.readTree(server.call("GET", "/api/profile-bulk-import-jobs/" + job + "/relationships/profiles?page%5Bsize%5D=100",
                null).body()).get("data").forEach(d -> ids.add(d.get("id").asText()));
        for (int i = 0; i < PROFILES; i++) {
            var r = server.call("POST", "/api/events", "{\"data\":{\"type\":\"event\",\"attributes\":{\"properties\":{},"
                    + "\"metric\":{\"data\":{\"type\":\"metric\",\"attributes\":{\"name\":\"Crash\"}}},\"profile\":{\"data\":"
                    + "{\"type\":\"profile\",\"attributes\":{\"email\":\"p" + i + "@" + domain + "\"}}}}}}");
            assertThat(r.statusCode()).isEqualTo(202);
        }
        return new World(jdbcUrl, log, server, list, ids);
    }

    static Connection sql(World w) throws SQLException {
        return DriverManager.getConnection(TestDatabase.inServerSchema(w.jdbcUrl()));
    }

    static int count(Connection c, String query) throws SQLException {
        try (var rs = c.createStatement().executeQuery(query)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    static String in(List<String> ids) {
        return ids.stream().map(id -> "'" + id + "'").collect(Collectors.joining(",", "(", ")"));
    }

    static void awaitJobs(Connection c, String kind) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (count(c, "select count(*) from job where kind = '" + kind + "' and status <> 'complete'") > 0) {
            assertThat(Instant.now()).as("jobs complete").isBefore(deadline);
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    /** Takes the events of these profiles, so that a merge or deletion reaching them waits until this rolls back. */
    static Connection holdEvents(World w, List<String> profileIds) throws Exception {
        Connection holder = sql(w);
        holder.setAutoCommit(false);
        holder.createStatement().execute("select 1 from event where profile_id in " + in(profileIds) + " for update");
        return holder;
    }

    static void awaitWaiters(Connection c, int waiters) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (count(c, "select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'") < waiters) {
            assertThat(Instant.now()).as("workers blocked").isBefore(deadline);
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    static String merge(String destination, String source) {
        return "{\"data\":{\"type\":\"profile-merge\",\"id\":\"" + destination + "\",\"relationships\":{\"profiles\":{\"data\":"
                + "[{\"type\":\"profile\",\"id\":\"" + source + "\"}]}}}}";
    }

    @Test
    void mergesKilledMidTransactionAreUntouchedAndCompleteOnceAfterRestart() throws Exception {
        World w = world("merge-crash.example.com");
        List<String> dests = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        for (int i = 0; i < PROFILES; i += 2) {
            dests.add(w.ids().get(i));
            sources.add(w.ids().get(i + 1));
        }
        try (Connection c = sql(w)) {
            for (int i = 0; i < DONE_BEFORE; i++) {
                assertThat(w.server().call("POST", "/api/profile-merge", merge(dests.get(i), sources.get(i))).statusCode()).isEqualTo(201);
            }
            awaitJobs(c, "profile-merge");
            List<String> held = sources.subList(DONE_BEFORE, sources.size());
            Connection holder = holdEvents(w, held);
            for (int i = DONE_BEFORE; i < dests.size(); i++) {
                assertThat(w.server().call("POST", "/api/profile-merge", merge(dests.get(i), sources.get(i))).statusCode()).isEqualTo(201);
            }
            awaitWaiters(c, 4); // every job worker is inside a merge, its list memberships moved, its events not
            w.server().kill();
            holder.rollback();
            holder.close();

            // Nothing of an interrupted merge is left: each source still has its list membership, event and row.
            assertThat(count(c, "select count(*) from profile where id in " + in(held))).isEqualTo(IN_FLIGHT);
            assertThat(count(c, "select count(*) from list_membership where profile_id in " + in(held))).isEqualTo(IN_FLIGHT);
            assertThat(count(c, "select count(*) from event where profile_id in " + in(held))).isEqualTo(IN_FLIGHT);
            assertThat(count(c, "select count(*) from profile_merge")).isEqualTo(IN_FLIGHT);
            assertThat(count(c, "select count(*) from profile where id in " + in(sources.subList(0, DONE_BEFORE)))).isZero();

            ServerProcess second = ServerProcess.start(w.jdbcUrl(), w.log());
            try {
                awaitJobs(c, "profile-merge");
            } finally {
                second.stop();
            }
            assertThat(count(c, "select count(*) from profile where id in " + in(sources))).isZero();
            assertThat(count(c, "select count(*) from profile where id in " + in(dests))).isEqualTo(dests.size());
            assertThat(count(c, "select count(*) from list_membership where list_id = '" + w.list() + "'")).isEqualTo(dests.size());
            assertThat(count(c, "select count(*) from event where profile_id in " + in(dests))).as("every event once").isEqualTo(PROFILES);
            assertThat(count(c, "select count(*) from event")).isEqualTo(PROFILES);
            assertThat(count(c, "select count(*) from profile_merge")).isZero();
        }
    }

    @Test
    void deletionsKilledMidTransactionAreUntouchedAndCompleteOnceAfterRestart() throws Exception {
        World w = world("delete-crash.example.com");
        int deleted = DONE_BEFORE + IN_FLIGHT;
        try (Connection c = sql(w)) {
            for (int i = 0; i < DONE_BEFORE; i++) {
                assertThat(w.server().call("POST", "/api/data-privacy-deletion-jobs", deletion("p" + i + "@delete-crash.example.com"))
                        .statusCode()).isEqualTo(202);
            }
            awaitJobs(c, ProfileDeletion.KIND);
            List<String> held = w.ids().subList(DONE_BEFORE, deleted);
            Connection holder = holdEvents(w, held);
            for (int i = DONE_BEFORE; i < deleted; i++) {
                assertThat(w.server().call("POST", "/api/data-privacy-deletion-jobs", deletion("p" + i + "@delete-crash.example.com"))
                        .statusCode()).isEqualTo(202);
            }
            awaitWaiters(c, 4);
            w.server().kill();
            holder.rollback();
            holder.close();

            assertThat(count(c, "select count(*) from profile where id in " + in(held))).isEqualTo(IN_FLIGHT);
            assertThat(count(c, "select count(*) from list_membership where profile_id in " + in(held))).isEqualTo(IN_FLIGHT);
            assertThat(count(c, "select count(*) from privacy_deletion")).isEqualTo(IN_FLIGHT);

            ServerProcess second = ServerProcess.start(w.jdbcUrl(), w.log());
            try {
                awaitJobs(c, ProfileDeletion.KIND);
            } finally {
                second.stop();
            }
            List<String> gone = w.ids().subList(0, deleted);
            for (String table : List.of("profile where id", "list_membership where profile_id", "event where profile_id",
                    "event_key where profile_id")) {
                assertThat(count(c, "select count(*) from " + table + " in " + in(gone))).as(table).isZero();
            }
            assertThat(count(c, "select count(*) from profile")).isEqualTo(PROFILES - deleted);
            assertThat(count(c, "select count(*) from event")).isEqualTo(PROFILES - deleted);
            assertThat(count(c, "select count(*) from privacy_deletion")).isZero();
        }
    }

    static String deletion(String email) {
        return "{\"data\":{\"type\":\"data-privacy-deletion-job\",\"attributes\":{\"profile\":{\"data\":{\"type\":\"profile\","
                + "\"attributes\":{\"email\":\"" + email + "\"}}}}}}";
    }
}
