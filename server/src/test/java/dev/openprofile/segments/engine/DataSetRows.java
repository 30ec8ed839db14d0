package dev.openprofile.segments.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.consent.ConsentState;
import dev.openprofile.consent.ConsentStateJson;
import dev.openprofile.consent.Suppression;
import dev.openprofile.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;

/**
 * Writes a {@link DataSet} into a migrated test database as the features store it: profile rows,
 * list_membership, profile_consent (the ConsentStateJson document without its suppressions) with
 * profile_suppression rows, metric and event rows.
 */
final class DataSetRows {
    private static final OffsetDateTime CREATED = OffsetDateTime.parse("2024-01-01T00:00:00Z");

    /** What a definition may name: the lists and metrics every account of a data set has. */
    static final References REFERENCES = new References() {
        @Override
        public boolean listExists(String accountId, String listId) {
            return DataSet.LISTS.contains(listId);
        }

        @Override
        public boolean metricExists(String accountId, String metricId) {
            return DataSet.METRICS.contains(metricId);
        }
    };

    private DataSetRows() {}

    /** A connection to a fresh database with the server's migrations applied, the server's schema first. */
    static Connection freshDatabase() throws SQLException {
        String url = TestDatabase.freshDatabase();
        Flyway.configure().dataSource(url, null, null).schemas("openprofile").defaultSchema("openprofile")
                .createSchemas(true).locations("classpath:db/migration").load().migrate();
        return DriverManager.getConnection(TestDatabase.inServerSchema(url) + "&reWriteBatchedInserts=true");
    }

    /** Creates the account with its lists and metrics, and stores the data set in it. */
    static void insert(Connection c, String accountId, DataSet data) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into account (account_id, name, public_key) values (?, ?, ?)")) {
            ps.setString(1, accountId);
            ps.setString(2, accountId);
            ps.setString(3, "PK" + accountId);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("insert into list (account_id, id, name, opt_in_process, created, updated) "
                + "values (?, ?, ?, 'single_opt_in', ?, ?)")) {
            for (String list : DataSet.LISTS) batch(ps, accountId, list, "List " + list, CREATED, CREATED);
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("insert into metric (account_id, id, name, integration_key, created, updated) "
                + "values (?, ?, ?, 'api', ?, ?)")) {
            for (String metric : DataSet.METRICS) batch(ps, accountId, metric, "Metric " + metric, CREATED, CREATED);
            ps.executeBatch();
        }
        profiles(c, accountId, data);
        try (PreparedStatement ps = c.prepareStatement(
                "insert into list_membership (account_id, list_id, profile_id, joined_group_at) values (?, ?, ?, ?)")) {
            for (DataSet.Membership m : data.memberships()) batch(ps, accountId, m.listId(), m.profileId(), m.joined());
            ps.executeBatch();
        }
        consents(c, accountId, data.consents());
        try (PreparedStatement ps = c.prepareStatement("insert into event (account_id, id, metric_id, profile_id, datetime, "
                + "value, value_currency, unique_id, properties, uuid) values (?, ?, ?, ?, ?, ?, null, null, ?::jsonb, ?)")) {
            for (DataSet.Event e : data.events()) {
                batch(ps, accountId, e.id(), e.metricId(), e.profileId(), e.time(), e.value(), e.properties().toString(),
                        UUID.nameUUIDFromBytes((accountId + e.id()).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            }
            ps.executeBatch();
        }
    }

    private static void profiles(Connection c, String accountId, DataSet data) throws SQLException {
        StringBuilder columns = new StringBuilder();
        for (String column : DataSet.TEXT_COLUMNS) columns.append(", ").append(column);
        try (PreparedStatement ps = c.prepareStatement("insert into profile (account_id, id" + columns
                + ", location, properties, created, updated, last_event_date) values (?, ?"
                + ", ?".repeat(DataSet.TEXT_COLUMNS.size()) + ", ?::jsonb, ?::jsonb, ?, ?, ?)")) {
            for (DataSet.Profile p : data.profiles()) {
                int i = 1;
                ps.setString(i++, accountId);
                ps.setString(i++, p.id());
                for (String column : DataSet.TEXT_COLUMNS) ps.setString(i++, p.columns().get(column));
                ps.setString(i++, p.location().toString());
                ps.setString(i++, p.properties().toString());
                ps.setObject(i++, p.created());
                ps.setObject(i++, p.updated());
                if (p.lastEventDate() == null) ps.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
                else ps.setObject(i, p.lastEventDate());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void consents(Connection c, String accountId, Map<String, ConsentState> consents) throws SQLException {
        try (PreparedStatement doc = c.prepareStatement(
                "insert into profile_consent (account_id, profile_id, state) values (?, ?, ?::jsonb)");
             PreparedStatement suppression = c.prepareStatement(
                     "insert into profile_suppression (account_id, profile_id, reason, suppressed_at) values (?, ?, ?, ?)")) {
            for (Map.Entry<String, ConsentState> e : consents.entrySet()) {
                // as ConsentStore writes it: the suppressions are rows of their own, not part of the document
                ObjectNode state = ConsentStateJson.toJson(e.getValue());
                state.putArray("suppressions");
                state.putArray("list_suppressions");
                batch(doc, accountId, e.getKey(), state.toString());
                for (Suppression s : e.getValue().suppressions()) {
                    batch(suppression, accountId, e.getKey(), s.reason().name(), s.timestamp());
                }
            }
            doc.executeBatch();
            suppression.executeBatch();
        }
    }

    private static void batch(PreparedStatement ps, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) ps.setObject(i + 1, values[i]);
        ps.addBatch();
    }
}
