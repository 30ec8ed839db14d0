package dev.openprofile.campaigns;

import static dev.openprofile.campaigns.CampaignFixtures.ids;
import static dev.openprofile.campaigns.CampaignFixtures.list;
import static dev.openprofile.campaigns.SendFixtures.jobStatus;
import static dev.openprofile.campaigns.SendFixtures.send;
import static dev.openprofile.campaigns.SendFixtures.status;
import static dev.openprofile.campaigns.SendFixtures.templatedEmail;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openprofile.testing.Api;
import dev.openprofile.testing.ServerProcess;
import dev.openprofile.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Issue 16's proof: the server process is killed with SIGKILL while it sends a campaign to 10,000 recipients, started
 * again on the same database, and after the send job completes every recipient got exactly one message and one
 * Received Email event, each rendered for them.
 */
class CampaignSendCrashTest {
    static final int RECIPIENTS = 10_000;
    static final int ATTEMPTS = 3;

    /** What the database holds of one campaign's send: outbox rows, Received Email events, the job's progress. */
    record Progress(int outbox, int events, int nextSeq) {
        static Progress of(Connection c, String campaign) throws SQLException {
            return new Progress(
                    count(c, "select count(*) from outbox_message where campaign_id = '" + campaign + "'"),
                    count(c, "select count(*) from event e join metric m on m.account_id = e.account_id and m.id = e.metric_id"
                            + " where m.name = 'Received Email' and e.properties->>'$message' = '" + messageOf(c, campaign) + "'"),
                    count(c, "select coalesce(max(next_seq), 0) from campaign_send where campaign_id = '" + campaign + "'"));
        }
    }

    @Test
    void aSendKilledMidwayReachesEveryRecipientExactlyOnceAfterRestart() throws Exception {
        String jdbcUrl = TestDatabase.freshDatabase();
        Path log = Files.createTempDirectory("openprofile-send-crash").resolve("server.log");
        ServerProcess server = ServerProcess.start(jdbcUrl, log);
        try (Connection c = DriverManager.getConnection(TestDatabase.inServerSchema(jdbcUrl))) {
            String members = seed(server.api());
            // The kill must land mid-send: were the send over by the time the kill lands, a new campaign is tried.
            String campaign = null;
            Progress atKill = null;
            for (int attempt = 1; attempt <= ATTEMPTS && campaign == null; attempt++) {
                String tried = templatedEmail(server.api(), "Crash " + attempt, ids(members), "[]", "");
                assertThat(send(server.api(), tried).status()).isEqualTo(202);
                awaitFirstMessages(c, tried);
                server.kill();
                atKill = Progress.of(c, tried); // read once the process is gone: what it committed
                if (atKill.outbox() < RECIPIENTS) campaign = tried;
                server = ServerProcess.start(jdbcUrl, log);
                awaitComplete(server.api(), tried);
            }
            assertThat(campaign).as("a kill landed mid-send in " + ATTEMPTS + " attempts").isNotNull();
            assertThat(atKill.outbox()).as("messages at the kill").isBetween(1, RECIPIENTS - 1);
            // A chunk's messages, events and progress commit together: the kill cut between chunks, not inside one.
            assertThat(atKill.events()).as("events at the kill").isEqualTo(atKill.outbox());
            assertThat(atKill.nextSeq()).as("progress at the kill").isEqualTo(atKill.outbox());

            Api api = server.api();
            assertThat(jobStatus(api, campaign)).isEqualTo("complete");
            assertThat(status(api, campaign)).isEqualTo("Sent");
            assertThat(Progress.of(c, campaign)).isEqualTo(new Progress(RECIPIENTS, RECIPIENTS, RECIPIENTS));
            String outbox = "from outbox_message where campaign_id = '" + campaign + "'";
            assertThat(count(c, "select count(*) from (select profile_id " + outbox + " group by profile_id having count(*) > 1) d"))
                    .as("profiles with more than one message").isZero();
            // Each of the list's members got one message, addressed and rendered for them.
            assertThat(count(c, "select count(distinct o.profile_id) " + outbox.replace("from outbox_message", "from outbox_message o")
                    + " and exists (select 1 from list_membership m join profile p on p.account_id = m.account_id and p.id = m.profile_id"
                    + " where m.list_id = '" + members + "' and p.id = o.profile_id and o.to_address = p.email"
                    + " and o.subject = 'Hello ' || p.first_name and o.body_html = '<p>Hi ' || p.first_name || ', your plan is GOLD</p>')"))
                    .isEqualTo(RECIPIENTS);
            String received = "from event e join metric m on m.account_id = e.account_id and m.id = e.metric_id"
                    + " where m.name = 'Received Email' and e.properties->>'$message' = '" + messageOf(c, campaign) + "'";
            assertThat(count(c, "select count(distinct e.profile_id) " + received)).as("profiles with a Received Email").isEqualTo(RECIPIENTS);
            assertThat(count(c, "select count(*) from job where status <> 'complete'")).as("jobs not complete").isZero();
        } finally {
            server.stop();
        }
    }

    /** The list of 10,000 never-subscribed profiles with an email (who can receive email marketing), by a bulk import. */
    private static String seed(Api api) throws Exception {
        String members = list(api, "Crash members");
        String profiles = IntStream.range(0, RECIPIENTS).mapToObj(i -> "{\"type\":\"profile\",\"attributes\":{\"email\":\"r" + i
                + "@send-crash.example.com\",\"first_name\":\"R" + i + "\",\"properties\":{\"Plan\":\"GOLD\"}}}")
                .collect(Collectors.joining(","));
        var accepted = api.post("bulk_import_profiles", "/api/profile-bulk-import-jobs", "{\"data\":{\"type\":\"profile-bulk-import-job\","
                + "\"attributes\":{\"profiles\":{\"data\":[" + profiles + "]}},"
                + "\"relationships\":{\"lists\":{\"data\":[{\"type\":\"list\",\"id\":\"" + members + "\"}]}}}}");
        assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
        String job = accepted.data().get("id").asText();
        await(() -> api.get("get_bulk_import_profiles_job", "/api/profile-bulk-import-jobs/" + job)
                .data().at("/attributes/status").asText().equals("complete"), "the import");
        return members;
    }

    /** Polls until the send has committed its first messages (a chunk of 500 takes far longer than a poll). */
    private static void awaitFirstMessages(Connection c, String campaign) throws Exception {
        await(() -> count(c, "select count(*) from outbox_message where campaign_id = '" + campaign + "'") > 0, "the first messages");
    }

    private static void awaitComplete(Api api, String campaign) throws Exception {
        await(() -> jobStatus(api, campaign).equals("complete"), "the send job of " + campaign);
    }

    interface Condition {
        boolean holds() throws Exception;
    }

    private static void await(Condition condition, String what) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (!condition.holds()) {
            assertThat(Instant.now()).as("waiting for " + what).isBefore(deadline);
            TimeUnit.MILLISECONDS.sleep(5);
        }
    }

    private static String messageOf(Connection c, String campaign) throws SQLException {
        try (var st = c.createStatement();
             var rs = st.executeQuery("select id from campaign_message where campaign_id = '" + campaign + "'")) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }

    static int count(Connection c, String sql) throws SQLException {
        try (var st = c.createStatement(); var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
